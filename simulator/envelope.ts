/**
 * The response envelope of every successful read and write (kantata-api.md §2), in the key
 * order the real API sends: `count`, `results`, the primary map, `meta`, then one map per
 * requested include. Pagination, `only=` and includes are applied here, once for all routes.
 */
import { ListQuery } from "./query";

/** A record as the API shows it: a JSON object whose `id` is a string. */
export type ApiObject = { id: string } & Record<string, unknown>;

/** `meta` of the envelope. */
export interface Meta {
  count: number;
  page_count: number;
  page_number: number;
  page_size: number;
}

/** The envelope; extra keys are the include maps. */
export type Envelope = Record<string, unknown> & { count: number; results: { key: string; id: string }[]; meta: Meta };

/** An association that `include=<name>` side-loads into the top-level map `key`. */
export interface Include<R> {
  key: string;
  /** The associated object of a row, already presented, or undefined when it has none. */
  load(row: R): ApiObject | undefined;
}

/** Page size when `per_page` is absent or below 1 (kantata-api.md §2). */
export const DEFAULT_PER_PAGE = 20;
/** Largest page size; a larger `per_page` is clamped to it. */
export const MAX_PER_PAGE = 200;

/** What a route hands over to be wrapped. */
export interface EnvelopeSpec<R> {
  /** The primary collection key, e.g. `access_group_memberships`. */
  key: string;
  /** Every matching row, filtered and in order (pagination is applied here). */
  rows: readonly R[];
  query: Partial<Pick<ListQuery, "page" | "per_page" | "limit" | "offset" | "only" | "include">>;
  present(row: R): ApiObject;
  /** The associations this route can include, by include name; unknown names are ignored. */
  includes?: Record<string, Include<R>>;
  /** True for show/create/update/bulk answers: every row is returned, no page is cut. */
  unpaged?: boolean;
}

/** Builds the envelope of a list, a show or a write. */
export function envelope<R extends { id: number }>(spec: EnvelopeSpec<R>): Envelope {
  const { query } = spec;
  const pageSize = perPage(query.per_page);
  const page = Math.max(query.page ?? 1, 1);
  let rows = spec.rows;
  let count: number;
  if (spec.unpaged) {
    count = rows.length;
  } else if (query.only !== undefined) {
    // `only` fetches by id: no pagination, no 404 for missing ids.
    const wanted = new Set(query.only);
    rows = rows.filter((r) => wanted.has(r.id));
    count = rows.length;
  } else {
    count = rows.length;
    const [limit, offset] =
      query.limit !== undefined && query.offset !== undefined
        ? [Math.min(Math.max(query.limit, 1), MAX_PER_PAGE), Math.max(query.offset, 0)]
        : [pageSize, pageSize * (page - 1)];
    rows = rows.slice(offset, offset + limit);
  }

  const includes = selectedIncludes(spec.includes ?? {}, query.include ?? []);
  const primary: Record<string, ApiObject> = {};
  const included = new Map(includes.map(([, inc]) => [inc.key, {} as Record<string, ApiObject>]));
  for (const row of rows) {
    const object = spec.present(row);
    primary[object.id] = object;
    for (const [, inc] of includes) {
      const other = inc.load(row);
      if (other) included.get(inc.key)![other.id] ??= other;
    }
  }

  const body: Envelope = {
    count,
    results: rows.map((r) => ({ key: spec.key, id: String(r.id) })),
    [spec.key]: primary,
    meta: {
      count,
      page_count: count > 0 ? Math.ceil(count / pageSize) : 0,
      page_number: count > 0 ? page : 0,
      page_size: pageSize,
    },
  };
  for (const [key, map] of included) body[key] = map;
  return body;
}

/** `per_page` as the API reads it: above the maximum is clamped, below 1 means the default. */
function perPage(requested: number | undefined): number {
  const size = Math.min(requested ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  return size < 1 ? DEFAULT_PER_PAGE : size;
}

/** The known includes in the order they were asked for, each once. */
function selectedIncludes<R>(known: Record<string, Include<R>>, requested: string[]): [string, Include<R>][] {
  const names = [...new Set(requested)].filter((name) => Object.hasOwn(known, name));
  return names.map((name) => [name, known[name]]);
}
