/**
 * The "Fix:" sentence for an API failure, shared by everything that reports one (resources,
 * lookups), so the same 401 reads the same wherever it happens.
 */
const BY_STATUS: Record<number, string> = {
  401: "Fix: the API token was refused; set a valid one with `pulumi config set --secret kantata:apiToken <token>` or KANTATA_API_TOKEN.",
  403: "Fix: these endpoints need the token of a Kantata Account Administrator; use such a user's token.",
  429: "Fix: the API kept rate-limiting; lower kantata:requestsPerSecond or kantata:maxConcurrentRequests, or run `pulumi up` again later.",
};

const SERVER = "Fix: Kantata answered with a server error after every retry; run `pulumi up` again later (it finishes the job), or raise kantata:maxRetries.";
const NETWORK = "Fix: check kantata:baseUrl (or KANTATA_BASE_URL) and that its host is reachable from here; a later `pulumi up` finishes the job.";

/** The fix for an HTTP status, or for a request that got no answer (`status` undefined); undefined when there is none to give. */
export function fixFor(status: number | undefined): string | undefined {
  if (status === undefined) return NETWORK;
  return status >= 500 ? SERVER : BY_STATUS[status];
}
