import { KantataError, type KantataMessage } from "./KantataError";

/**
 * Kantata answered 400 (malformed request, `syntax`) or 422 (a rule or validation failed,
 * `validation`). Each of `messages` keeps Kantata's `field` and, for bulk bodies, `index`.
 */
export class KantataValidationError extends KantataError {
  /** The messages that name a field or a bulk index, for callers that report per field or per row. */
  get fieldErrors(): readonly KantataMessage[] {
    return this.messages.filter((m) => m.field !== undefined || m.index !== undefined);
  }
}
