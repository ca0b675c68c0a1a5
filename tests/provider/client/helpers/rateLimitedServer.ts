import { createLimiter, withLimiter, type LimiterOptions } from "../../../../provider/client/limiter";
import { withErrors } from "../../../../provider/client/errorsLayer";
import { withRetry } from "../../../../provider/client/retry";
import type { KantataRequest, KantataResponse } from "../../../../provider/client/types";
import { TokenBucket } from "../../../../simulator/rateLimit";

/** What one run against a rate-limited server came to. */
export interface RateLimitedRun {
  /** Virtual seconds from the first request to the last answer. */
  seconds: number;
  accepted: number;
  refused: number;
  /** Requests that failed for good (the retry layer gave up). */
  failed: number;
  /** The limiter's rate at the end. */
  finalRate: number;
  /** 429s after `limitAfter` took effect. */
  refusedAfterDrop?: number;
}

/** A run: `requests` DELETEs by `workers` callers at once (the engine's `--parallel`) through retry → limiter → errors. */
export interface RateLimitedRunOptions {
  /** The server's token bucket, which the client is not told; `undefined`: no limit. */
  server?: { requestsPerSecond: number; burst: number };
  /** Spells when the server takes 1 request/s and refuses the rest (the reliability suite's 429 storms). */
  storms?: { everyMs: number; lengthMs: number; firstAtMs?: number };
  /** From `ms` on, the server's limit is `requestsPerSecond` (bucket of a tenth of a second). */
  limitAfter?: { ms: number; requestsPerSecond: number };
  requests: number;
  workers?: number;
  latencyMs?: number;
  limiter?: LimiterOptions;
}

/**
 * Runs the real client layers against a token-bucket server (the simulator's own `TokenBucket`, which
 * answers 429 with `Retry-After` in whole seconds) in virtual time: every sleep and every response
 * waits on one timer queue that jumps to the next timer once nothing else can run, so a minute of
 * traffic takes a fraction of a second and every run is exactly repeatable.
 */
export async function runAgainstRateLimitedServer(options: RateLimitedRunOptions): Promise<RateLimitedRun> {
  let t = 0;
  const timers: Array<{ at: number; wake: () => void }> = [];
  const now = () => t;
  const sleep = (ms: number) => new Promise<void>((wake) => timers.push({ at: t + ms, wake }));
  const bucket = options.server && new TokenBucket(options.server, now);
  const stormBucket = new TokenBucket({ requestsPerSecond: 1, burst: 1 }, now);
  const dropped = options.limitAfter && new TokenBucket({ requestsPerSecond: options.limitAfter.requestsPerSecond, burst: Math.max(1, options.limitAfter.requestsPerSecond / 10) }, now);
  const afterDrop = () => options.limitAfter !== undefined && t >= options.limitAfter.ms;
  let refusedAfterDrop = 0;
  const inStorm = () => {
    if (!options.storms) return false;
    const { everyMs, lengthMs, firstAtMs = everyMs - lengthMs } = options.storms;
    return t >= firstAtMs && (t - firstAtMs) % everyMs < lengthMs;
  };
  let accepted = 0;
  let refused = 0;
  const server = async (request: KantataRequest): Promise<KantataResponse> => {
    const retryAfterS = (inStorm() ? stormBucket : afterDrop() ? dropped : bucket)?.take() ?? 0; // the bucket decides when the request arrives
    await sleep(options.latencyMs ?? 50);
    if (retryAfterS === 0) return accepted++, { status: 204, headers: {}, body: undefined, request };
    if (afterDrop()) refusedAfterDrop++;
    return refused++, { status: 429, headers: { "retry-after": String(retryAfterS) }, body: undefined, request };
  };
  const limiter = createLimiter({ ...options.limiter, now, sleep });
  const send = withRetry(withLimiter(withErrors(server, { now }), limiter), { now, sleep, maxRetries: 8 });

  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < options.requests) {
      next++;
      await send({ method: "DELETE", path: "/workspace_group_memberships/1" }).catch(() => failed++);
    }
  };
  let done = false;
  const all = Promise.all(Array.from({ length: options.workers ?? 100 }, worker)).then(() => void (done = true));
  while (!done) {
    for (let i = 0; i < 5 && !done; i++) await new Promise((r) => setImmediate(r));
    if (done) break;
    timers.sort((a, b) => a.at - b.at);
    const timer = timers.shift();
    if (!timer) throw new Error("virtual time: nothing left to wait for, yet the run has not finished");
    t = Math.max(t, timer.at);
    timer.wake();
  }
  await all;
  return { seconds: t / 1000, accepted, refused, failed, finalRate: limiter.stats().rate, ...(options.limitAfter && { refusedAfterDrop }) };
}
