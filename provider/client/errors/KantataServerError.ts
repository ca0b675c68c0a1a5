import { KantataError, type KantataErrorOptions } from "./KantataError";

/**
 * Kantata answered 5xx, or any other non-2xx status that has no class of its own (408, 409,
 * a redirect …). Whether it is retried depends on the status and the method (see `isSafeToRetry`).
 */
export class KantataServerError extends KantataError {
  /** From `Retry-After` when the server sent one (a 503 may). */
  readonly retryAfterMs?: number;

  constructor(message: string, options: KantataErrorOptions & { retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
