/** How many recent gaps between arrivals a pace keeps. */
const KEPT_GAPS = 4;

/**
 * The pace calls arrive at: the longest of the last few gaps between arrivals, so that one gap a
 * little longer than the one before (the engine's checkpoint writes vary) does not read as the end
 * of a stream. Gaps of `maxGapMs` or more are not a pace: the next arrival starts afresh.
 */
export class Pace {
  private last: number | undefined;
  private gaps: number[] = [];

  constructor(private readonly maxGapMs: number) {}

  /** Records an arrival now; `counts: false` records it without taking its gap (it says nothing of the pace). */
  arrive(counts = true): void {
    const now = performance.now();
    if (counts && this.last !== undefined) {
      const gap = now - this.last;
      if (gap < this.maxGapMs) this.gaps = [...this.gaps.slice(1 - KEPT_GAPS), Math.max(1, gap)];
      else this.gaps = [];
    }
    this.last = now;
  }

  /** The pace's gap, or `undefined` when none is known. */
  gap(): number | undefined {
    return this.gaps.length > 0 ? Math.max(...this.gaps) : undefined;
  }
}
