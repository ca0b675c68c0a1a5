/**
 * The rate the limiter lets requests start at, found from the answers: Kantata publishes no rate
 * limit and sends no rate-limit headers, so the only signal is a 429. The rate grows while answers
 * come back (quickly at first, then by a few per cent per second of use) and is cut on a 429, once
 * per round of requests: a 429 for a request started before the last cut says nothing new. A cut
 * goes at once to just under the rate the server accepted lately (since the last cut, or in the last
 * quarter second): once its bucket is empty, that is the server's own rate, so an overshoot is undone
 * in a step or two instead of many. Tuned in virtual time against token buckets of 20 and 200
 * requests/s with buckets of 1, a tenth and a full second (tests/provider/client/adaptiveRate.test.ts).
 */

/** Options of `createAdaptiveRate`; every one is optional. */
export interface AdaptiveRateOptions {
  /** Highest rate ever used (the `requestsPerSecond` setting). @default Infinity */
  ceiling?: number;
  /** Rate before any answer has come back. @default min(ceiling, 50) */
  start?: number;
  /** Lowest rate a run of 429s can bring it to. @default 0.5 */
  floor?: number;
  /**
   * Requests per second added by each answer before the first 429. Answers come back `rate` times a
   * second at full use, so 2 makes the rate grow by e² (7.4×) per second of full use.
   * @default 2
   */
  probeStep?: number;
  /** Requests per second added by each answer after a 429: 0.03 is 3 % more per second of full use. @default 0.03 */
  steadyStep?: number;
  /** Factor applied on a 429. @default 0.85 */
  cut?: number;
}

/** A snapshot, for stats and the benchmark. */
export interface AdaptiveRateStats {
  rate: number;
  cuts: number;
  /** True until the first 429. */
  probing: boolean;
}

export interface AdaptiveRate {
  /** Requests per second to start now. */
  current(): number;
  /** An answer that was not a 429 came back. */
  answered(at: number): void;
  /** A 429 came back for a request started at `startedAt`. */
  refused(startedAt: number, at: number): void;
  stats(): AdaptiveRateStats;
}

/** Answers counted for the rate the server accepted: a quarter second holds enough at any useful rate. */
const WINDOW_MS = 250;
/** The rate may run this far ahead of what the server accepted lately, no further. */
const AHEAD_OF_USE = 1.5;
/** A cut sets the rate this close under what the server accepted lately. */
const UNDER_ACCEPTED = 0.95;
/** 429s closer together than this are one spell of trouble; this long without one ends it. */
const TROUBLE_MS = 1000;
/** Each new spell of trouble lowers the good rate to at least this share of what it was. */
const GOOD_DECAY = 0.9;

/** Creates an `AdaptiveRate` (additive-increase / multiplicative-decrease, with a fast start). */
export function createAdaptiveRate(options: AdaptiveRateOptions = {}): AdaptiveRate {
  const ceiling = options.ceiling ?? Infinity;
  const floor = Math.min(options.floor ?? 0.5, ceiling);
  const probeStep = options.probeStep ?? 2;
  const steadyStep = options.steadyStep ?? 0.03;
  const cut = options.cut ?? 0.85;
  const start = Math.min(ceiling, options.start ?? 50);
  let rate = start;
  let probing = true;
  let cutAt = -Infinity;
  let cuts = 0;
  /** Just under what the server took before the last spell of trouble began: where to grow back to, fast. */
  let good: number | undefined;
  let refusedAt = -Infinity;
  let jumpedAt = -Infinity;
  let probesEnded = 0;
  /** When recent answers came back, oldest first. */
  const answers: number[] = [];
  let firstAnswerAt: number | undefined;

  /** Answers per second lately: what the server accepted. */
  const acceptedPerSecond = (at: number): number => {
    // Since the last cut when that is closer: what came back before it was sent at the old rate.
    const since = Math.max(at - WINDOW_MS, cutAt, firstAnswerAt ?? at);
    while (answers.length > 0 && answers[0]! <= since) answers.shift();
    const span = at - since;
    return span > 0 ? (answers.length * 1000) / span : 0;
  };

  return {
    current: () => rate,
    answered(at) {
      firstAnswerAt ??= at;
      answers.push(at);
      if (answers.length > 4 * Math.max(rate, 1)) answers.shift(); // bounded whatever the clock does
      // Grows only with use: a rate far above what was used says nothing, and would let a later burst through.
      const used = Math.max(start, AHEAD_OF_USE * acceptedPerSecond(at));
      // A spell of trouble (a 429 storm) is over: back to the good rate at once, which the server took
      // before it, or, when none is known yet, back to probing.
      if (good === undefined && !probing && at - refusedAt > TROUBLE_MS) probing = true;
      if (good !== undefined && rate < good && at - refusedAt > TROUBLE_MS) {
        rate = Math.min(ceiling, good);
        jumpedAt = at;
      }
      rate = Math.min(ceiling, Math.max(rate, Math.min(used, rate + (probing ? probeStep : steadyStep))));
    },
    refused(startedAt, at) {
      const calm = at - refusedAt > TROUBLE_MS;
      refusedAt = at;
      // Sent before the last cut, or blind before any answer came back: says nothing about the rate.
      if (startedAt < cutAt || firstAnswerAt === undefined || startedAt < firstAnswerAt) return;
      const accepted = acceptedPerSecond(at);
      // Never below half: early on, or after a quiet spell, the accepted rate is not the server's limit.
      const reduced = accepted > 0 ? Math.max(rate / 2, Math.min(rate * cut, accepted * UNDER_ACCEPTED)) : rate * cut;
      // Kept high across storms (a storm that begins before the rate has grown back says little), yet
      // lowered a little each time; refused soon after jumping back to it, it was wrong: the limit dropped.
      // The first probe's end sets nothing: a storm, or a server's burst (which makes what it took look far
      // above its limit) may have ended it; the probe resumes once calm, and its next end is believed.
      const estimate = accepted > 0 ? accepted * UNDER_ACCEPTED : reduced;
      if (calm && probing && probesEnded++ > 0) good = Math.min(reduced, estimate);
      else if (calm && !probing) good = at - jumpedAt < 2 * TROUBLE_MS ? estimate : Math.max(GOOD_DECAY * (good ?? 0), estimate);
      rate = Math.max(floor, reduced);
      probing = false;
      cutAt = at;
      cuts++;
    },
    stats: () => ({ rate, cuts, probing }),
  };
}
