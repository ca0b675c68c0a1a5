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

const HINTS: Record<number, string> = {
  401: "Fix: the API token was refused; set a valid one with `pulumi config set --secret kantata:apiToken <token>` or KANTATA_API_TOKEN.",
  403: "Fix: these endpoints need the token of a Kantata Account Administrator; use such a user's token.",
  429: "Fix: the API kept rate-limiting; lower kantata:requestsPerSecond or kantata:maxConcurrentRequests, or run `pulumi up` again later.",
};

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
    return new Error(
      `Could not reach Kantata while ${action}: ${e.message}. Fix: check kantata:baseUrl (or KANTATA_BASE_URL) and that its host is reachable from here; a later \`pulumi up\` finishes the job.`,
      { cause: err },
    );
  }
  const serverError = e.status >= 500;
  const parts = [`Kantata ${serverError ? "failed" : "refused"} ${action}: ${e.message}`];
  if (fields.length) parts.push(`Check ${[...new Set(fields)].join(", ")}: is it an existing id on this Kantata account?`);
  const hint = serverError
    ? "Fix: Kantata answered with a server error after every retry; run `pulumi up` again later (it finishes the job), or raise kantata:maxRetries."
    : HINTS[e.status];
  if (hint) parts.push(hint);
  const described = new Error(parts.join(" "), { cause: err });
  return Object.assign(described, { status: e.status });
}
