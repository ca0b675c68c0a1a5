/**
 * The one error type of the simulator and its renderer. Handlers throw `SimError`; the server
 * turns it into Kantata's error body `{errors: [{type, message, field?, index?}]}`.
 */

/** Kantata's error `type` strings (kantata-api.md §4); no other type is ever sent. */
export type ErrorType = "oauth" | "system" | "validation" | "syntax";

/** One entry of the `errors` array. */
export interface ErrorDetail {
  type: ErrorType;
  message: string;
  /** The attribute at fault on validation errors (`base` when none applies). */
  field?: string;
  /** Position of the offending object in a bulk request. */
  index?: number;
}

/** An API failure: an HTTP status and one or more error details. */
export class SimError extends Error {
  /** Every detail, in the order they are rendered. */
  details: ErrorDetail[];
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  readonly headers: Record<string, string> = {};

  constructor(readonly status: number, type: ErrorType, message: string, field?: string, index?: number) {
    super(message);
    this.name = "SimError";
    this.details = [detail(type, message, field, index)];
  }

  /** One failure made of several details (a model with two bad fields, a bulk with bad rows). */
  static many(status: number, details: ErrorDetail[]): SimError {
    const error = new SimError(status, details[0].type, details[0].message);
    error.details = details;
    return error;
  }
}

/** Builds a detail without `field`/`index` keys when they do not apply (the body has none then). */
export function detail(type: ErrorType, message: string, field?: string, index?: number): ErrorDetail {
  const d: ErrorDetail = { type, message };
  if (field !== undefined) d.field = field;
  if (index !== undefined) d.index = index;
  return d;
}

/** The error body, exactly as Kantata sends it: no `count`, no `meta`. */
export function renderErrors(details: ErrorDetail[]): { errors: ErrorDetail[] } {
  return { errors: details };
}
