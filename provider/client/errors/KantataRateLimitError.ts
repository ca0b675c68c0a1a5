import { KantataError, type KantataErrorOptions } from "./KantataError";

/**
 * Kantata answered 429: too many requests. Kantata does not publish its limits nor document
 * `Retry-After`; when the header is there it is honoured.
 */
export class KantataRateLimitError extends KantataError {
  /** From `Retry-After`, in milliseconds; `undefined` when the server gave no hint. */
  readonly retryAfterMs?: number;

  constructor(message: string, options: KantataErrorOptions & { retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
