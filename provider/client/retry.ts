import { isKantataError, type KantataError } from "./errors/KantataError";
import { KantataNetworkError } from "./errors/KantataNetworkError";
import { KantataRateLimitError } from "./errors/KantataRateLimitError";
import { realNow, realSleep, type Now, type Sleep } from "./time";
import type { KantataRequest, Send } from "./types";

/** Options of `withRetry`; every one is optional. */
export interface RetryOptions {
  /**
   * Retries after the first attempt; 0 turns the layer off.
   * @default 4
   */
  maxRetries?: number;
  /**
   * First backoff ceiling; each retry doubles it, up to `maxDelayMs`.
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Largest backoff between two attempts (a `Retry-After` from the server is honoured even when longer).
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * Time budget from the first attempt: a retry whose wait would end after it is not made, so one
   * call gives up after a bounded time whatever the server says.
   * @default 120000
   */
  maxElapsedMs?: number;
  /** @default a `setTimeout` sleep */
  sleep?: Sleep;
  /** @default Date.now */
  now?: Now;
  /** Returns a number in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** Called before each wait, e.g. to log the retry. @default none */
  onRetry?: (info: RetryInfo) => void;
}

/** What `onRetry` is told about a retry that is about to happen. */
export interface RetryInfo {
  request: KantataRequest;
  error: KantataError;
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** How long the layer will wait before the next attempt. */
  delayMs: number;
  /** Time since the first attempt started. */
  elapsedMs: number;
}

const DEFAULTS = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxElapsedMs: 120_000 };

/** 408, 429, every 5xx and network errors are transient; 400/401/403/404/422 and the rest never are. */
export function isRetryable(err: unknown): err is KantataError {
  if (err instanceof KantataNetworkError) return true;
  if (!isKantataError(err) || err.status === undefined) return false;
  return err.status === 408 || err.status === 429 || err.status >= 500;
}

/**
 * Whether repeating `request` after `err` is safe. Reads, PUTs and DELETEs are idempotent, so any
 * retryable failure qualifies. A POST qualifies only when the failure proves it was not processed:
 * a 429, or a network error that happened before anything was sent. After a timeout, a dropped
 * connection or a 5xx the membership may exist; the API has no idempotency key, so the caller
 * must look it up before creating it again.
 */
export function isSafeToRetry(request: KantataRequest, err: unknown): err is KantataError {
  if (!isRetryable(err)) return false;
  if (request.method !== "POST") return true;
  return err instanceof KantataRateLimitError || (err instanceof KantataNetworkError && !err.outcomeUnknown);
}

/**
 * Capped exponential backoff with "equal jitter": the ceiling is `baseDelayMs * 2^(retry-1)`,
 * capped at `maxDelayMs`, and the wait is drawn from [ceiling/2, ceiling), so clients that failed
 * together do not come back together, yet none retries at once.
 */
export function backoffDelayMs(retry: number, options: { baseDelayMs: number; maxDelayMs: number }, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The retry layer: repeats a failed request when `isSafeToRetry` allows it, waiting a jittered
 * backoff or the server's `Retry-After`, within `maxRetries` and `maxElapsedMs`. When it gives up
 * it throws the last error with `attempts` set and a message saying how many attempts over how long.
 * Place it outside the limiter, so that each attempt waits its turn there.
 */
export function withRetry(next: Send, options: RetryOptions = {}): Send {
  const o = { ...DEFAULTS, ...definedOnly(options) };
  for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs", "maxElapsedMs"] as const) {
    if (!(o[key] >= 0)) throw new RangeError(`retry ${key} must be a number >= 0, got ${o[key]}`);
  }
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? realNow;
  const random = options.random ?? Math.random;

  return async (request) => {
    const start = now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(request);
      } catch (err) {
        if (!isSafeToRetry(request, err) || o.maxRetries === 0) throw err;
        const elapsedMs = now() - start;
        if (attempt > o.maxRetries) throw gaveUp(err, attempt, elapsedMs, `retry limit of ${o.maxRetries} reached`);
        const hinted = (err as { retryAfterMs?: number }).retryAfterMs;
        const delayMs = hinted ?? backoffDelayMs(attempt, o, random);
        if (elapsedMs + delayMs > o.maxElapsedMs) {
          throw gaveUp(err, attempt, elapsedMs, `waiting ${delayMs} ms more would pass the ${o.maxElapsedMs} ms budget`);
        }
        options.onRetry?.({ request, error: err, attempt, delayMs, elapsedMs });
        await sleep(delayMs);
      }
    }
  };
}

/** Says in the error itself that retrying stopped, and why; class, fields and cause stay as they were. */
function gaveUp(err: KantataError, attempts: number, elapsedMs: number, why: string): KantataError {
  const before = `${err.name}: ${err.message}`;
  err.message = `Kantata API gave up after ${attempts} attempt(s) over ${(elapsedMs / 1000).toFixed(1)} s (${why}); last error: ${err.message}`;
  if (err.stack?.startsWith(before)) err.stack = `${err.name}: ${err.message}${err.stack.slice(before.length)}`;
  err.attempts = attempts;
  return err;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
