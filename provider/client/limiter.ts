import { createAdaptiveRate, type AdaptiveRate, type AdaptiveRateOptions } from "./adaptiveRate";
import { isKantataError } from "./errors/KantataError";
import { realNow, realSleep, type Now, type Sleep } from "./time";
import type { Send } from "./types";

/** Options of `createLimiter`; every one is optional. */
export interface LimiterOptions {
  /**
   * Requests in flight at once, across everything that shares the limiter.
   * @default 32
   */
  maxConcurrent?: number;
  /**
   * Most requests started per second (token bucket). Kantata does not publish its limits, so below
   * this ceiling the rate is found from the answers (`adaptive`); `Infinity`: no ceiling.
   * @default Infinity
   */
  requestsPerSecond?: number;
  /**
   * How the rate below the ceiling is found; `false` keeps it at `requestsPerSecond`.
   * @default the `AdaptiveRateOptions` defaults
   */
  adaptive?: AdaptiveRateOptions | false;
  /**
   * Requests that may start at once after a quiet spell (the bucket's size).
   * @default 16 until the server first answers 429, then 1 (evenly spaced)
   */
  burst?: number;
  /**
   * Pause of everyone after a 429 without `Retry-After`; doubles with each 429 in a row, up to 30 s.
   * @default 1000
   */
  rateLimitPauseMs?: number;
  /** @default a `setTimeout` sleep */
  sleep?: Sleep;
  /** @default Date.now */
  now?: Now;
}

/** A snapshot of the limiter, for tests, logs and the benchmark. */
export interface LimiterStats {
  inFlight: number;
  queued: number;
  /** Requests started since creation. */
  started: number;
  /** Sum over started requests of the time each spent queued, in milliseconds. */
  waitedMs: number;
  /** 429s seen since creation. */
  rateLimited: number;
  /** Time (`now()` clock) until which nothing starts; 0 when not paused. */
  pausedUntil: number;
  /** Requests per second it lets start now. */
  rate: number;
}

/**
 * One per provider process, shared by every client, so the bounds hold for the whole process
 * however many resources run in parallel.
 */
export interface Limiter {
  /** Runs `task` when a slot and a rate token are free and no pause is on; releases the slot when it settles. */
  run<T>(task: (startedAt: number) => Promise<T>): Promise<T>;
  /**
   * Reports a 429 for a request started at `startedAt`: the rate is cut. Without `Retry-After`
   * nobody starts for a pause that grows while 429s keep coming; with it, the refused request
   * waits as told (the retry layer) and the others go on at the cut rate.
   */
  rateLimited(retryAfterMs: number | undefined, startedAt: number): void;
  /** Reports a response that was not a 429: it ends a run of 429s and lets the rate grow. */
  succeeded(): void;
  stats(): LimiterStats;
}

const MAX_PAUSE_MS = 30_000;
const OPENING_BURST = 16;

/** Creates a `Limiter`: FIFO queue, concurrency bound, token bucket at an adaptive rate, pause after 429s. */
export function createLimiter(options: LimiterOptions = {}): Limiter {
  const maxConcurrent = options.maxConcurrent ?? 32;
  const ceiling = options.requestsPerSecond ?? Infinity;
  const basePauseMs = options.rateLimitPauseMs ?? 1000;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? realNow;
  if (!(maxConcurrent >= 1)) throw new RangeError(`maxConcurrent must be at least 1, got ${maxConcurrent}`);
  if (!(ceiling > 0)) throw new RangeError(`requestsPerSecond must be positive, got ${ceiling}`);
  if (options.burst !== undefined && !(options.burst >= 1)) throw new RangeError(`burst must be at least 1, got ${options.burst}`);
  const adaptive: AdaptiveRate | undefined = options.adaptive === false ? undefined : createAdaptiveRate({ ...options.adaptive, ceiling });
  const rate = (): number => adaptive?.current() ?? ceiling;
  // Once the server has refused a request, requests are spaced evenly: a burst is what a server with
  // a small bucket refuses. Until then a few may go at once, so a lone operation's requests do not queue.
  const burst = (): number => options.burst ?? (stats.rateLimited > 0 ? 1 : OPENING_BURST);

  const stats = { started: 0, waitedMs: 0, rateLimited: 0 };
  const queue: Array<{ enqueuedAt: number; start: (startedAt: number) => void }> = [];
  let inFlight = 0;
  let tokens = burst();
  let refilledAt = now();
  let pausedUntil = 0;
  let rateLimitedInARow = 0;
  let slotFreed: (() => void) | undefined;
  let pumping = false;

  function refill(): void {
    const t = now();
    const r = rate();
    tokens = Number.isFinite(r) ? Math.min(burst(), tokens + ((t - refilledAt) * r) / 1000) : 1;
    refilledAt = t;
  }

  /** The one loop that starts queued tasks, so the bounds are checked in one place and in order. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        if (inFlight >= maxConcurrent) {
          await new Promise<void>((resolve) => (slotFreed = resolve));
          continue;
        }
        refill();
        const pauseLeft = pausedUntil - now();
        const r = rate();
        const tokenWait = tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / r);
        const wait = Math.max(pauseLeft, tokenWait);
        if (wait > 0) {
          // Re-checked after the sleep: a 429 may have extended the pause or cut the rate meanwhile.
          await sleep(wait);
          continue;
        }
        tokens -= 1;
        const next = queue.shift()!;
        inFlight++;
        stats.started++;
        const startedAt = now();
        stats.waitedMs += startedAt - next.enqueuedAt;
        next.start(startedAt);
      }
    } finally {
      pumping = false;
    }
  }

  function release(): void {
    inFlight--;
    const wake = slotFreed;
    slotFreed = undefined;
    wake?.();
  }

  return {
    run<T>(task: (startedAt: number) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          enqueuedAt: now(),
          start: (startedAt) => {
            let running: Promise<T>;
            try {
              running = task(startedAt);
            } catch (err) {
              running = Promise.reject(err);
            }
            // Release before settling, so whoever awaits the result already sees the slot free.
            running.then(
              (value) => (release(), resolve(value)),
              (err: unknown) => (release(), reject(err)),
            );
          },
        });
        void pump();
      });
    },
    rateLimited(retryAfterMs, startedAt): void {
      stats.rateLimited++;
      rateLimitedInARow++;
      adaptive?.refused(startedAt, now());
      if (retryAfterMs !== undefined) return; // the refused request's retry waits as told; the others go on
      pausedUntil = Math.max(pausedUntil, now() + Math.min(MAX_PAUSE_MS, basePauseMs * 2 ** (rateLimitedInARow - 1)));
    },
    succeeded(): void {
      rateLimitedInARow = 0;
      adaptive?.answered(now());
    },
    stats(): LimiterStats {
      return { inFlight, queued: queue.length, ...stats, pausedUntil: pausedUntil > now() ? pausedUntil : 0, rate: rate() };
    },
  };
}

/**
 * The limiter layer: every request waits its turn in the shared `limiter`, and a 429 from below
 * pauses all requests, not just the one that got it. Sits inside the retry layer, so each retry
 * is limited too, and above the errors layer, so 429s arrive as `KantataRateLimitError`.
 */
export function withLimiter(next: Send, limiter: Limiter): Send {
  return (request) =>
    limiter.run(async (startedAt) => {
      try {
        const response = await next(request);
        limiter.succeeded();
        return response;
      } catch (err) {
        if (isKantataError(err) && err.status === 429) {
          limiter.rateLimited((err as { retryAfterMs?: number }).retryAfterMs, startedAt);
        } else if (isKantataError(err) && err.status !== undefined) {
          limiter.succeeded();
        }
        throw err;
      }
    });
}
