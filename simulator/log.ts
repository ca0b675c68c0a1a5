/**
 * The request log and per-endpoint counters of `/api/v1` traffic, for tests, demos and
 * benchmarks. Nothing from the request headers is kept, so the token can never show up here;
 * an `access_token` query parameter is redacted.
 */
import { RawQuery } from "./query";
import { normalizePath } from "./router";

/** One API request as the log keeps it. */
export interface RequestLogEntry {
  /** 1 for the first request since the last reset. */
  seq: number;
  /** Wall-clock time the request arrived (ISO 8601). */
  time: string;
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  query: RawQuery;
  /** HTTP status sent; null when the connection was dropped. */
  status: number | null;
  /** The `X-Request-Id` sent back. */
  requestId: string;
  /** Id of the token's user, when the token was valid. */
  userId: string | null;
  /** Milliseconds from arrival to the end of the answer. */
  durationMs: number;
  /** Latency and `slow` delay added on purpose, in milliseconds. */
  delayMs: number;
  /** The fault that hit the request: a rule id, or `rate-limit`. */
  fault: string | null;
}

/** Counts since the last reset. */
export interface Counters {
  total: number;
  /** GET requests. */
  reads: number;
  /** POST, PUT and DELETE requests. */
  writes: number;
  /** Per `"METHOD /collection"`, e.g. `"POST /user_group_memberships"`. */
  byEndpoint: Record<string, number>;
  /** Per status code; `dropped` for dropped connections. */
  byStatus: Record<string, number>;
}

/** Keeps the last `limit` entries and counts every request. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  private counts: Counters = emptyCounters();
  private generationNo = 0;

  /** @param limit entries kept; older ones are dropped so a long benchmark cannot exhaust memory. */
  constructor(private readonly limit = 10_000) {}

  /** Records one finished request. */
  record(entry: Omit<RequestLogEntry, "seq">): void {
    const full = { ...entry, seq: ++this.seq, query: redact(entry.query) };
    this.entries.push(full);
    if (this.entries.length > this.limit * 1.5) this.entries = this.entries.slice(-this.limit);
    const c = this.counts;
    c.total++;
    if (entry.method === "GET") c.reads++;
    else if (entry.method === "POST" || entry.method === "PUT" || entry.method === "DELETE") c.writes++;
    const endpoint = `${entry.method} ${collectionOf(entry.path)}`;
    c.byEndpoint[endpoint] = (c.byEndpoint[endpoint] ?? 0) + 1;
    const status = entry.status === null ? "dropped" : String(entry.status);
    c.byStatus[status] = (c.byStatus[status] ?? 0) + 1;
  }

  /** The kept entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.slice(-this.limit);
  }

  /** A copy of the counters. */
  counters(): Counters {
    return structuredClone(this.counts);
  }

  /**
   * Changes on every `clear()`. A request that arrived before a reset and ends after it (a slow
   * fault, say) is not recorded, so it cannot leak into the next test's log.
   */
  get generation(): number {
    return this.generationNo;
  }

  /** Forgets every entry and count. */
  clear(): void {
    this.generationNo++;
    this.entries = [];
    this.seq = 0;
    this.counts = emptyCounters();
  }
}

function emptyCounters(): Counters {
  return { total: 0, reads: 0, writes: 0, byEndpoint: {}, byStatus: {} };
}

/** `/api/v1/workspace_groups/3.json` → `/workspace_groups`. */
function collectionOf(path: string): string {
  const first = normalizePath(path).split("/")[1] ?? "";
  return `/${first}`;
}

function redact(query: RawQuery): RawQuery {
  return "access_token" in query ? { ...query, access_token: "[redacted]" } : query;
}
