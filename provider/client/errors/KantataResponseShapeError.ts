import { z } from "zod";
import type { HttpMethod } from "../types";
import { KantataError } from "./KantataError";

/** Issues shown in the message; all of them stay in `issues`. */
const MAX_ISSUES_IN_MESSAGE = 5;

/** Where a body that did not fit came from. */
export interface KantataResponseShapeErrorOptions {
  method: HttpMethod;
  path: string;
  /** The (successful) status of the response. */
  status?: number;
  requestId?: string;
  issues: readonly z.core.$ZodIssue[];
}

/**
 * A 2xx response whose body does not fit its zod schema: the API changed, or the client expects
 * the wrong thing. The request succeeded, so retrying will not help.
 */
export class KantataResponseShapeError extends KantataError {
  /** zod's issues, paths rooted at the response body. */
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(options: KantataResponseShapeErrorOptions) {
    const shown = options.issues.slice(0, MAX_ISSUES_IN_MESSAGE);
    const more = options.issues.length - shown.length;
    const status = options.status === undefined ? "" : ` ${options.status}`;
    const id = options.requestId === undefined ? "" : `; request id ${options.requestId}`;
    super(
      `Kantata API${status} response has an unexpected shape: ${options.method} ${options.path}${id}\n` +
        z.prettifyError({ issues: shown }) +
        (more > 0 ? `\n… and ${more} more issue(s)` : ""),
      { ...options, messages: [] },
    );
    this.issues = options.issues;
  }

  /** zod's `prettifyError` text of every issue. */
  get pretty(): string {
    return z.prettifyError({ issues: this.issues });
  }
}
