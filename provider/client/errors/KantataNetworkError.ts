import { KantataError, type KantataErrorOptions } from "./KantataError";

/** What the HTTP layer learned about a request that got no response. */
export interface KantataNetworkErrorOptions extends Omit<KantataErrorOptions, "status" | "messages" | "requestId"> {
  /** The per-request timeout fired. */
  timedOut: boolean;
  /** See `KantataNetworkError.outcomeUnknown`. */
  outcomeUnknown: boolean;
  /** Short reason, e.g. `timed out after 60000 ms` or `connect ECONNREFUSED 127.0.0.1:443`. */
  reason: string;
}

/** No response arrived: the connection failed, was dropped, or the per-request timeout fired. */
export class KantataNetworkError extends KantataError {
  /** True when the client's own timeout aborted the request. */
  readonly timedOut: boolean;
  /**
   * False only when the request certainly never reached the server (refused connection, failed
   * DNS lookup); true for timeouts, resets and dropped connections, where Kantata may have acted
   * on it. A POST with an unknown outcome must not be repeated blindly: the API has no
   * idempotency key.
   */
  readonly outcomeUnknown: boolean;

  constructor(options: KantataNetworkErrorOptions) {
    const outcome = options.outcomeUnknown ? "outcome unknown" : "not sent";
    super(`Kantata API request failed: ${options.method} ${options.path}: ${options.reason} (${outcome})`, options);
    this.timedOut = options.timedOut;
    this.outcomeUnknown = options.outcomeUnknown;
  }
}
