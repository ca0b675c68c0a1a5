/**
 * A small seeded pseudo-random generator, so that fault probabilities and random latency
 * repeat exactly from one run to the next when the seed is the same.
 */

/** A source of numbers uniformly spread over [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a 32-bit generator that is tiny and good enough for test traffic (not for
 * cryptography). The same seed always yields the same sequence.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Turns a seed given as a number or as text (a CLI flag) into a 32-bit integer. Numeric text
 * counts as the number, so `--seed 42` and `{seed: 42}` agree; other text is hashed (FNV-1a).
 */
export function seedNumber(seed: number | string): number {
  if (typeof seed === "number") return seed >>> 0;
  if (/^\d+$/.test(seed)) return Number(seed) >>> 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
