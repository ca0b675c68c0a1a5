import type { HttpMethod } from "../types";

/** One entry of Kantata's `errors[]`; `type` keeps the API's own words (`oauth`, `system`, `validation`, `syntax`). */
export interface KantataMessage {
  type: string;
  message: string;
  /** The attribute a validation error is about (`base` when it is about the whole record). */
  field?: string;
  /** Position in a bulk request body that the error is about. */
  index?: number;
}

/** What every Kantata error knows about the request that failed. */
export interface KantataErrorOptions {
  method: HttpMethod;
  path: string;
  /** HTTP status; absent when no response arrived. */
  status?: number;
  messages?: readonly KantataMessage[];
  requestId?: string;
  /** Must already be sanitized (see `sanitizeCause`): errors never hold the token. */
  cause?: unknown;
}

/**
 * Base class of every error the Kantata client throws. It carries the request (method and path,
 * never headers or the token), the status, Kantata's own messages and its `X-Request-Id`.
 */
export class KantataError extends Error {
  /** HTTP status of the response; `undefined` for network errors. */
  readonly status?: number;
  readonly method: HttpMethod;
  /** Path below the base URL, without the query. */
  readonly path: string;
  /** Kantata's `errors[]`, normalized; empty when the body had none. */
  readonly messages: readonly KantataMessage[];
  /** The response's `X-Request-Id`, to quote to Kantata support. */
  readonly requestId?: string;
  /** How many attempts the retry layer made before giving up; set only when it gave up. */
  attempts?: number;

  constructor(message: string, options: KantataErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.method = options.method;
    this.path = options.path;
    this.messages = options.messages ?? [];
    this.requestId = options.requestId;
  }

  /** Brand for `isKantataError`: `instanceof` fails when two copies of this package are loaded. */
  get isKantataError(): true {
    return true;
  }
}

/** True for any Kantata error, including one made by another copy of this package. */
export function isKantataError(value: unknown): value is KantataError {
  return typeof value === "object" && value !== null && (value as { isKantataError?: unknown }).isKantataError === true;
}
