import { fixFor } from "../client/errors";
import { MembershipDescriptor } from "../descriptors";

/** The parts of a client error the provider reads (see `provider/client/errors`). */
interface ApiErrorLike {
  status?: number;
  messages?: { type?: string; message?: string; field?: string; index?: number }[];
  outcomeUnknown?: boolean;
  message: string;
}

function asApiError(err: unknown): ApiErrorLike | undefined {
  return err instanceof Error ? (err as ApiErrorLike) : undefined;
}

/** True for a 404: the record is not there (any more). */
export function isNotFound(err: unknown): boolean {
  return asApiError(err)?.status === 404;
}

/** True when a write may or may not have happened: timeout, dropped connection, 5xx. */
export function outcomeUnknown(err: unknown): boolean {
  const e = asApiError(err);
  if (!e) return false;
  if (e.outcomeUnknown === true) return true;
  return e.status !== undefined && e.status >= 500;
}

/** True for the API's answer to a (user, group) pair that already exists. */
export function isDuplicate(err: unknown): boolean {
  const e = asApiError(err);
  return e?.status === 422 && (e.messages ?? []).some((m) => /already|taken|exists/i.test(m.message ?? ""));
}

/**
 * Restates an API failure in the user's terms: which resource, which argument (camelCase), what
 * Kantata said, and the fix. The client's errors never carry the token, and neither does this.
 */
export function describeApiError(err: unknown, action: string, d: MembershipDescriptor): Error {
  const e = asApiError(err);
  if (!e || !(e as { isKantataError?: boolean }).isKantataError) return err instanceof Error ? err : new Error(String(err));
  const argOf: Record<string, string> = { user_id: "userId", [d.group.api]: d.group.arg };
  for (const f of d.updatable) argOf[f.api] = f.arg;
  const fields = (e.messages ?? []).map((m) => m.field && argOf[m.field]).filter((f): f is string => !!f);
  if (e.status === undefined) {
    return new Error(`Could not reach Kantata while ${action}: ${e.message}. ${fixFor(undefined)}`, { cause: err });
  }
  const serverError = e.status >= 500;
  const parts = [`Kantata ${serverError ? "failed" : "refused"} ${action}: ${e.message}`];
  if (fields.length) parts.push(`Check ${[...new Set(fields)].join(", ")}: is it an existing id on this Kantata account?`);
  const hint = fixFor(e.status);
  if (hint) parts.push(hint);
  const described = new Error(parts.join(" "), { cause: err });
  return Object.assign(described, { status: e.status });
}
