/**
 * The one generic lookup: a collection (path, key, schema, how its records are labelled), a
 * process-wide cache that reads each collection once per connection, and the matching that
 * turns an email, a name or an id into one record or a clear error.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { MAX_PER_PAGE, parseEnvelope, recordsOf, sourceOf, type KantataResponse, type Limiter, type Query } from "../client";
import { clientFor, limiterFor } from "../clientFor";
import { resolveConnection, type Connection, type LookupOptions } from "./settings";
import { SettingsError } from "../config";
import { fixFor, isKantataError } from "../client/errors";
import { describeCandidate, KantataLookupAmbiguousError, KantataLookupArgumentError, KantataLookupNotFoundError, KantataLookupReadError, type LookupCandidate } from "./errors";
import { closestById, closestByLabel, indexByLabel, matchLabel, type LabelIndex } from "./matching";

/** A list endpoint read whole for lookups, and how its records are named. */
export interface Collection<R extends { id: number }> {
  /** The public function, for messages: `getUser`. */
  lookup: string;
  /** `user`, `access group`, … */
  noun: string;
  plural: string;
  /** `/users` */
  path: string;
  /** The envelope's collection key: `users`. */
  key: string;
  /** Fixed filters of every page (`on_my_account=true` for users). */
  query: Query;
  /** Parses one API record into the result. */
  schema: z.ZodType<R>;
  /** A list longer than this is an error, not an unbounded download. */
  maxItems: number;
  /** The argument a label lookup takes (`email`, `name`) and how messages call it. */
  labelArg: string;
  labelOf(record: R): string;
  /** Extra words after the id in messages (a user's full name). */
  detailOf?(record: R): string;
  fold(value: string): string;
  /** The rule, in words, for messages. */
  rule: string;
}

/** A collection read whole, with its indexes. */
export interface Loaded<R> {
  records: R[];
  byId: Map<number, R>;
  byLabel: LabelIndex<R>;
  baseUrl: string;
}

/** One load per (collection, base URL, token): started by the first lookup, shared by every later one. */
const loads = new Map<string, Promise<Loaded<unknown>>>();
/** One limiter for the program process, as the provider process has one for the resources. */
let limiter: Limiter | undefined;

/**
 * Forgets every list read so far, so the next lookup reads again. A program run never needs it;
 * a long-lived process (an Automation API inline program run many times) may.
 */
export function clearLookupCache(): void {
  loads.clear();
}

/**
 * The cache key. The token is part of it, since one base URL (the public API) serves many
 * accounts, but only as a short hash: the token itself is never stored outside the client.
 */
function cacheKey(c: Collection<{ id: number }>, connection: Connection): string {
  const tokenHash = createHash("sha256").update(connection.token).digest("hex").slice(0, 16);
  return `${c.key} ${connection.settings.baseUrl} ${tokenHash}`;
}

/**
 * The whole collection, read once: the first call starts the read (synchronously, so concurrent
 * calls find it), every other call awaits the same promise. A failed read is forgotten, so a
 * later call may try again.
 */
export function load<R extends { id: number }>(c: Collection<R>, connection: Connection): Promise<Loaded<R>> {
  const key = cacheKey(c, connection);
  let pending = loads.get(key) as Promise<Loaded<R>> | undefined;
  if (!pending) {
    pending = readAll(c, connection);
    loads.set(key, pending as Promise<Loaded<unknown>>);
    pending.catch(() => {
      if (loads.get(key) === pending) loads.delete(key);
    });
  }
  return pending;
}

/**
 * Reads every page with `per_page=200`: page 1 first (it tells the page count), then the other
 * pages at once, bounded by the process's limiter. A record seen twice (the list moved between
 * pages) is kept once.
 */
async function readAll<R extends { id: number }>(c: Collection<R>, connection: Connection): Promise<Loaded<R>> {
  const { settings, token } = connection;
  limiter ??= limiterFor(settings);
  const client = clientFor(settings, { token: () => token, limiter });
  const page = (n: number) => client.get(c.path, { ...c.query, page: n, per_page: MAX_PER_PAGE });
  const first = await page(1);
  const envelope = parseEnvelope(first.body, sourceOf(first));
  if (envelope.count > c.maxItems) {
    throw new RangeError(`${c.lookup}: the account lists ${envelope.count} ${c.plural}, more than the ${c.maxItems} a lookup reads.`);
  }
  const pageCount = envelope.meta?.page_count ?? Math.ceil(envelope.count / MAX_PER_PAGE);
  const rest: KantataResponse[] = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => page(i + 2)));
  const records: R[] = [];
  const byId = new Map<number, R>();
  for (const response of [first, ...rest]) {
    for (const record of recordsOf(response.body, c.key, c.schema, sourceOf(response))) {
      if (byId.has(record.id)) continue;
      byId.set(record.id, record);
      records.push(record);
    }
  }
  return { records, byId, byLabel: indexByLabel(records, (r) => c.labelOf(r), c.fold), baseUrl: settings.baseUrl };
}

/**
 * `load` for one lookup call: resolves the connection, then awaits the shared read. A settings
 * problem or a failed read becomes a `KantataLookupReadError` that names the lookup and keeps the
 * original error as `cause`; bad options stay a `KantataLookupArgumentError`.
 */
export async function loadFor<R extends { id: number }>(c: Collection<R>, options: LookupOptions | undefined, query: Record<string, unknown>): Promise<Loaded<R>> {
  let connection: Connection;
  try {
    connection = resolveConnection(c.lookup, options);
  } catch (err) {
    if (err instanceof SettingsError) throw new KantataLookupReadError(c.lookup, query, `${c.lookup}: ${err.message}`, err);
    throw err;
  }
  try {
    return await load(c, connection);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    // The same "Fix:" as a resource gets for the same failure.
    const fix = isKantataError(err) ? fixFor(err.status) : undefined;
    throw new KantataLookupReadError(c.lookup, query, `${c.lookup} could not read the ${c.plural} of the account at ${connection.settings.baseUrl}: ${reason}${fix ? ` ${fix}` : ""}`, err);
  }
}

function candidate<R extends { id: number }>(c: Collection<R>, r: R): LookupCandidate {
  const detail = c.detailOf?.(r);
  return detail === undefined ? { id: r.id, label: c.labelOf(r) } : { id: r.id, label: c.labelOf(r), detail };
}

/** Names are quoted in messages; emails are not. */
const quoted = (c: Collection<{ id: number }>) => c.labelArg !== "email";

/** The one record whose label matches `value` (see `matchLabel`), or a not-found / ambiguous error. */
export function findByLabel<R extends { id: number }>(c: Collection<R>, loaded: Loaded<R>, value: string): R {
  const query = { [c.labelArg]: value };
  const match = matchLabel(loaded.byLabel, value, c.fold);
  const q = quoted(c);
  const shown = JSON.stringify(value);
  if (match.kind === "found") return { ...match.record };
  if (match.kind === "ambiguous") {
    const candidates = match.candidates.map((r) => candidate(c, r));
    const list = candidates.map((x) => describeCandidate(x, q)).join(", ");
    const message =
      match.reason === "duplicate"
        ? `${c.lookup}: ${candidates.length} ${c.plural} have the ${c.labelArg} ${shown}: ${list}. Fix: make the ${c.labelArg}s unique in Kantata, or use the id you mean directly.`
        : `${c.lookup}: ${c.labelArg} ${shown} matches ${candidates.length} ${c.plural} ignoring case and extra spaces, and none exactly: ${list}. Fix: write the ${c.labelArg} exactly as Kantata has it, or use the id you mean directly.`;
    throw new KantataLookupAmbiguousError(c.lookup, query, message, candidates);
  }
  const closest = closestByLabel(loaded.records, value, (r) => c.labelOf(r), c.fold).map((r) => candidate(c, r));
  throw new KantataLookupNotFoundError(c.lookup, query, `${notFoundHead(c, loaded, c.labelArg === "name" ? `named ${shown}` : `with ${c.labelArg} ${shown}`)}${closestText(closest, q)} ${c.rule}`, closest);
}

/** The record with this id, or a not-found error naming the nearest ids. */
export function findById<R extends { id: number }>(c: Collection<R>, loaded: Loaded<R>, id: number): R {
  const record = loaded.byId.get(id);
  if (record) return { ...record };
  const closest = closestById(loaded.records, id).map((r) => candidate(c, r));
  throw new KantataLookupNotFoundError(c.lookup, { id }, `${notFoundHead(c, loaded, `with id ${id}`)}${closestText(closest, quoted(c), "Nearest ids")}`, closest);
}

function notFoundHead(c: Collection<{ id: number }>, loaded: Loaded<unknown>, what: string): string {
  return `${c.lookup}: no ${c.noun} ${what} among the ${loaded.records.length} ${c.plural} of the account at ${loaded.baseUrl}.`;
}

function closestText(closest: LookupCandidate[], quote: boolean, title = "Closest matches"): string {
  return closest.length === 0 ? "" : ` ${title}: ${closest.map((x) => describeCandidate(x, quote)).join(", ")}.`;
}

/** The arguments as an object with only `allowed` keys (`undefined` and `null` values count as absent). */
export function checkArgs(lookup: string, args: unknown, allowed: readonly string[], example: string): Record<string, unknown> {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new KantataLookupArgumentError(lookup, {}, `${lookup} takes an object of arguments, e.g. ${example}; got ${args === null ? "null" : Array.isArray(args) ? "an array" : typeof args}.`);
  }
  const present: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && v !== null) present[k] = v;
  const unknown = Object.keys(present).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new KantataLookupArgumentError(lookup, present, `${lookup}: unknown argument ${unknown.map((k) => `"${k}"`).join(", ")}; it takes ${allowed.join(" or ")}, e.g. ${example}.`);
  }
  return present;
}

/** A non-empty string argument (surrounding spaces alone do not count). */
export function checkText(lookup: string, args: Record<string, unknown>, key: string, example: string): string {
  const value = args[key];
  if (value === undefined) throw new KantataLookupArgumentError(lookup, args, `${lookup} needs ${key === "email" ? "an" : "a"} ${key}, e.g. ${example}.`);
  if (typeof value !== "string") throw new KantataLookupArgumentError(lookup, args, `${lookup}: ${key} must be a string, got ${typeof value}; e.g. ${example}.`);
  if (value.trim() === "") throw new KantataLookupArgumentError(lookup, args, `${lookup}: ${key} is empty; e.g. ${example}.`);
  return value;
}

/** A Kantata id argument: a positive whole number ≤ 2147483647, or a string of digits. */
export function checkId(lookup: string, args: Record<string, unknown>, key: string): number {
  const value = args[key];
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 2147483647) {
    throw new KantataLookupArgumentError(lookup, args, `${lookup}: ${key} must be a Kantata id (a whole number from 1 to 2147483647, or a string of digits), got ${JSON.stringify(value)}.`);
  }
  return n;
}

/** The body of every `get<Group>({ name })`: check the arguments, read the collection once, match the name. */
export async function findByName<R extends { id: number }>(c: Collection<R>, args: unknown, options: LookupOptions | undefined, example: string): Promise<R> {
  const given = checkArgs(c.lookup, args, ["name"], example);
  const name = checkText(c.lookup, given, "name", example);
  return findByLabel(c, await loadFor(c, options, given), name);
}
