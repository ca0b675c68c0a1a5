/**
 * An optional token-bucket rate limit in front of `/api/v1`. The real limits are not published
 * (kantata-api.md §5), so the numbers are the caller's; a refused request gets 429 with Kantata's
 * error body and, by default, `Retry-After` in whole seconds.
 */
import { z } from "zod";

/** A rate limit: a steady rate and a burst; `null` means unlimited. */
export interface RateLimit {
  /** Tokens added per second. */
  requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
  /** Send `Retry-After` with the 429. @default true */
  retryAfter?: boolean;
}

/** Validates a rate limit given over HTTP or from code. */
export const rateLimitSchema = z
  .strictObject({
    requestsPerSecond: z.number().positive(),
    burst: z.number().int().positive(),
    retryAfter: z.boolean().optional(),
  })
  .nullable();

/** A token bucket; starts full. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(readonly limit: RateLimit, private readonly now: () => number = () => performance.now()) {
    this.tokens = limit.burst;
    this.last = now();
  }

  /** Takes one token. Returns 0 when the request may pass, else the seconds to wait (at least 1). */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.requestsPerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.limit.requestsPerSecond));
  }
}
