import { isKantataError } from "./errors/KantataError";
import { realNow, realSleep, type Now, type Sleep } from "./time";
import type { Send } from "./types";

/** Options of `createLimiter`; every one is optional. */
export interface LimiterOptions {
  /**
   * Requests in flight at once, across everything that shares the limiter.
   * @default 8
   */
  maxConcurrent?: number;
  /**
   * Requests started per second on average (token bucket). Kantata does not publish its limits;
   * `Infinity` turns the bound off.
   * @default 10
   */
  requestsPerSecond?: number;
  /**
   * Requests that may start at once after a quiet spell (the bucket's size).
   * @default requestsPerSecond, at least 1
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
}

/**
 * One per provider process, shared by every client, so the bounds hold for the whole process
 * however many resources run in parallel.
 */
export interface Limiter {
  /** Runs `task` when a slot and a rate token are free and no pause is on; releases the slot when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Reports a 429: nobody starts for `retryAfterMs`, or for a growing pause when the server gave none. */
  rateLimited(retryAfterMs?: number): void;
  /** Reports a response that was not a 429, which ends a run of 429s. */
  succeeded(): void;
  stats(): LimiterStats;
}

const MAX_PAUSE_MS = 30_000;

/** Creates a `Limiter`: FIFO queue, concurrency bound, token bucket, and a shared pause after 429s. */
export function createLimiter(options: LimiterOptions = {}): Limiter {
  const maxConcurrent = options.maxConcurrent ?? 8;
  const rate = options.requestsPerSecond ?? 10;
  const burst = options.burst ?? Math.max(1, Number.isFinite(rate) ? rate : 1);
  const basePauseMs = options.rateLimitPauseMs ?? 1000;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? realNow;
  if (!(maxConcurrent >= 1)) throw new RangeError(`maxConcurrent must be at least 1, got ${maxConcurrent}`);
  if (!(rate > 0)) throw new RangeError(`requestsPerSecond must be positive, got ${rate}`);
  if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);

  const queue: Array<{ enqueuedAt: number; start: () => void }> = [];
  let inFlight = 0;
  let tokens = burst;
  let refilledAt = now();
  let pausedUntil = 0;
  let rateLimitedInARow = 0;
  let slotFreed: (() => void) | undefined;
  let pumping = false;
  const stats = { started: 0, waitedMs: 0, rateLimited: 0 };

  function refill(): void {
    const t = now();
    if (Number.isFinite(rate)) tokens = Math.min(burst, tokens + ((t - refilledAt) * rate) / 1000);
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
        const tokenWait = !Number.isFinite(rate) || tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / rate);
        const wait = Math.max(pauseLeft, tokenWait);
        if (wait > 0) {
          // Re-checked after the sleep: a 429 may have extended the pause meanwhile.
          await sleep(wait);
          continue;
        }
        if (Number.isFinite(rate)) tokens -= 1;
        const next = queue.shift()!;
        inFlight++;
        stats.started++;
        stats.waitedMs += now() - next.enqueuedAt;
        next.start();
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
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          enqueuedAt: now(),
          start: () => {
            let running: Promise<T>;
            try {
              running = task();
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
    rateLimited(retryAfterMs?: number): void {
      stats.rateLimited++;
      rateLimitedInARow++;
      const pauseMs = retryAfterMs ?? Math.min(MAX_PAUSE_MS, basePauseMs * 2 ** (rateLimitedInARow - 1));
      pausedUntil = Math.max(pausedUntil, now() + pauseMs);
    },
    succeeded(): void {
      rateLimitedInARow = 0;
    },
    stats(): LimiterStats {
      return { inFlight, queued: queue.length, ...stats, pausedUntil: pausedUntil > now() ? pausedUntil : 0 };
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
    limiter.run(async () => {
      try {
        const response = await next(request);
        limiter.succeeded();
        return response;
      } catch (err) {
        if (isKantataError(err) && err.status === 429) {
          limiter.rateLimited((err as { retryAfterMs?: number }).retryAfterMs);
        } else if (isKantataError(err) && err.status !== undefined) {
          limiter.succeeded();
        }
        throw err;
      }
    });
}
