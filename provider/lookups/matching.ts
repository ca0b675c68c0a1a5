/**
 * The matching rules of the lookups, as pure functions over an in-memory index:
 * exact first, then after folding (case and surrounding or repeated spaces ignored); near misses
 * by edit distance. Nothing here makes a request.
 */

/** An email as compared: trimmed and lower-cased. */
export function foldEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** A name as compared when no name matches exactly: NFC, trimmed, inner runs of spaces as one, lower-cased. */
export function foldName(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Records by their label as written, and by their folded label. */
export interface LabelIndex<R> {
  exact: Map<string, R[]>;
  folded: Map<string, R[]>;
}

/** Builds a `LabelIndex`; records keep their order within each entry. */
export function indexByLabel<R>(records: readonly R[], labelOf: (r: R) => string, fold: (s: string) => string): LabelIndex<R> {
  const exact = new Map<string, R[]>();
  const folded = new Map<string, R[]>();
  const push = (map: Map<string, R[]>, key: string, r: R) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of records) {
    const label = labelOf(r);
    push(exact, label, r);
    push(folded, fold(label), r);
  }
  return { exact, folded };
}

/** What a label lookup found. `duplicate`: several records carry the very label asked for. */
export type LabelMatch<R> =
  | { kind: "found"; record: R }
  | { kind: "none" }
  | { kind: "ambiguous"; reason: "duplicate" | "folded"; candidates: R[] };

/**
 * The rules: one record whose label is exactly `value` wins; several are ambiguous (a duplicate).
 * Otherwise the same with folded labels: one wins, several are ambiguous, none is not found.
 */
export function matchLabel<R>(index: LabelIndex<R>, value: string, fold: (s: string) => string): LabelMatch<R> {
  const exact = index.exact.get(value) ?? [];
  if (exact.length === 1) return { kind: "found", record: exact[0]! };
  if (exact.length > 1) return { kind: "ambiguous", reason: "duplicate", candidates: exact };
  const folded = index.folded.get(fold(value)) ?? [];
  if (folded.length === 1) return { kind: "found", record: folded[0]! };
  if (folded.length > 1) return { kind: "ambiguous", reason: "folded", candidates: folded };
  return { kind: "none" };
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): insert, delete,
 * substitute and swap two neighbours each cost 1, so the typo "larsne" is 1 from "larsen".
 * Gives up early and returns `limit + 1` once the distance is known to exceed `limit`, so
 * ranking a large list stays cheap.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0); // row i-2
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j); // row i-1
  let current = new Array<number>(b.length + 1).fill(0);
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later row is at least the smaller minimum of the two rows before it.
    if (rowMin > limit && previousMin > limit) return limit + 1;
    previousMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]! > limit ? limit + 1 : previous[b.length]!;
}

/**
 * The `count` near misses of `value`, nearest first: labels that contain the value (folded) come
 * first, then the rest; within each, by edit distance between folded labels, then alphabetical
 * order, then the lower id. So "Finance" finds "Finance Reviewers" and "Enginering" finds "Engineering".
 */
export function closestByLabel<R extends { id: number }>(
  records: readonly R[],
  value: string,
  labelOf: (r: R) => string,
  fold: (s: string) => string,
  count = 3,
): R[] {
  const wanted = fold(value);
  const top: Ranked<R>[] = [];
  for (const r of records) {
    const label = fold(labelOf(r));
    const tier = wanted !== "" && label.includes(wanted) ? 0 : 1;
    const worst = top.length === count ? top[count - 1]! : undefined;
    if (worst && worst.tier < tier) continue;
    // Only a candidate at least as near as the current worst of its tier can enter.
    const limit = worst && worst.tier === tier ? worst.distance : Number.POSITIVE_INFINITY;
    const distance = editDistance(wanted, label, limit);
    if (distance > limit) continue;
    top.push({ r, tier, distance, label });
    top.sort(compareRanked);
    if (top.length > count) top.length = count;
  }
  return top.map((x) => x.r);
}

interface Ranked<R extends { id: number }> {
  r: R;
  /** 0: the label contains the value; 1: it does not. */
  tier: number;
  distance: number;
  label: string;
}

function compareRanked(a: Ranked<{ id: number }>, b: Ranked<{ id: number }>): number {
  return a.tier - b.tier || a.distance - b.distance || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || a.r.id - b.r.id;
}

/** The `count` records whose id is nearest to `id`; ties go to the lower id. */
export function closestById<R extends { id: number }>(records: readonly R[], id: number, count = 3): R[] {
  return [...records].sort((a, b) => Math.abs(a.id - id) - Math.abs(b.id - id) || a.id - b.id).slice(0, count);
}
