/**
 * Errors of the lookup functions. They have a base of their own, outside the client's HTTP
 * family (as ky keeps `SchemaValidationError` outside its `HTTPError`s); a failed read keeps the
 * client's `KantataError` as its `cause`.
 *
 * The base extends `pulumi.RunError`, so a lookup that fails in a Pulumi program ends the run with
 * its message alone, without the SDK's stack trace and object dump.
 */
import * as pulumi from "@pulumi/pulumi";

/** One record an error names: its Kantata id and how people know it (an email or a name). */
export interface LookupCandidate {
  id: number;
  /** The email address of a user, the name of a group. */
  label: string;
  /** A user's full name; absent for groups. */
  detail?: string;
}

/** Base class of every lookup error; `lookup` is the function (`getUser`, …), `query` what it was asked. */
export class KantataLookupError extends pulumi.RunError {
  readonly lookup: string;
  readonly query: Readonly<Record<string, unknown>>;

  constructor(lookup: string, query: Record<string, unknown>, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.lookup = lookup;
    this.query = query;
    // The SDK prints `stack` instead of `message` when the error surfaces after the program's
    // own code has run (a lookup used as a resource input, in a program that exports nothing):
    // make both the message alone, including what the SDK adds to it ('error serializing
    // property "userId": ...'), so the user never sees a stack dump.
    Object.defineProperty(this, "stack", { get: () => this.message, configurable: true, enumerable: false });
  }

  /** Brand for `isKantataLookupError`: `instanceof` fails across two copies of this package. */
  get isKantataLookupError(): true {
    return true;
  }
}

/** True for any lookup error, including one made by another copy of this package. */
export function isKantataLookupError(value: unknown): value is KantataLookupError {
  return typeof value === "object" && value !== null && (value as { isKantataLookupError?: unknown }).isKantataLookupError === true;
}

/** The arguments cannot describe one record (none, both, empty, wrong type, unknown key). Raised before any request. */
export class KantataLookupArgumentError extends KantataLookupError {}

/**
 * The list could not be read: a connection setting is missing or wrong (`cause` is a
 * `SettingsError`), or the API failed (`cause` is the client's `KantataError`, e.g.
 * `KantataAuthenticationError` for a refused token). The message says which, never the token.
 */
export class KantataLookupReadError extends KantataLookupError {
  constructor(lookup: string, query: Record<string, unknown>, message: string, cause: unknown) {
    super(lookup, query, message, { cause });
  }
}

/** Nothing matched. `closest` holds up to three near misses, nearest first. */
export class KantataLookupNotFoundError extends KantataLookupError {
  readonly closest: readonly LookupCandidate[];

  constructor(lookup: string, query: Record<string, unknown>, message: string, closest: readonly LookupCandidate[]) {
    super(lookup, query, message);
    this.closest = closest;
  }
}

/** Several records matched and none is the obvious one. `candidates` lists them all. */
export class KantataLookupAmbiguousError extends KantataLookupError {
  readonly candidates: readonly LookupCandidate[];

  constructor(lookup: string, query: Record<string, unknown>, message: string, candidates: readonly LookupCandidate[]) {
    super(lookup, query, message);
    this.candidates = candidates;
  }
}

/** `bruno.bakker@example.com (id 1, Bruno Bakker)` or `"Engineering" (id 5)`. */
export function describeCandidate(c: LookupCandidate, quote: boolean): string {
  const label = quote ? JSON.stringify(c.label) : c.label;
  return `${label} (id ${c.id}${c.detail === undefined ? "" : `, ${c.detail}`})`;
}
