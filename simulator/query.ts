/**
 * Query-string parsing with the API's lenience: numbers are read as Ruby's `to_i` reads them,
 * blank values are ignored, unknown parameters are dropped, and a list may be written
 * `x=1,2` or Rails-style `x[]=1&x[]=2`. Nothing in a query string ever causes an error.
 */
import { z } from "zod";

/** The query as parsed from the URL: `x[]` keys become arrays, a repeated plain key keeps its last value. */
export type RawQuery = Record<string, string | string[]>;

/** Splits the URL's parameters into a `RawQuery`. */
export function parseQuery(params: URLSearchParams): RawQuery {
  const query: RawQuery = {};
  for (const [key, value] of params) {
    if (key.endsWith("[]")) {
      const name = key.slice(0, -2);
      const current = query[name];
      query[name] = Array.isArray(current) ? [...current, value] : [value];
    } else {
      query[key] = value;
    }
  }
  return query;
}

/** A parameter value as text: arrays are joined with commas; blank means absent. */
function asText(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : undefined;
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}

/** An integer read like Ruby's `to_i` (`"12abc"` → 12, `"abc"` → 0); absent stays undefined. */
export const intParam = z
  .unknown()
  .transform((value) => {
    const text = asText(value);
    if (text === undefined) return undefined;
    const n = parseInt(text, 10);
    return Number.isNaN(n) ? 0 : n;
  })
  .optional();

/**
 * A list of ids, from `1,2`, `1&x[]=2`, ... Non-numeric entries are dropped (as `only` drops
 * them). Absent → undefined (no filter); present but with no valid id → an empty list, which
 * matches nothing, as a SQL `IN` on garbage would.
 */
export const idListParam = z.unknown().transform((value) => {
  const text = asText(value);
  if (text === undefined) return undefined;
  const ids = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
  return [...new Set(ids)];
}).optional();

/** A comma list of names (`include`, `optional_fields`), trimmed; absent → empty. */
export const namesParam = z
  .unknown()
  .transform((value) => {
    const text = asText(value);
    return text === undefined ? [] : text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  })
  .default(() => []);

/** A string filter; blank → undefined. */
export const textParam = z.unknown().transform((value) => asText(value)).optional();

/** `"true"`/`"false"` (and 1/0) as booleans; anything else → undefined. */
export const boolParam = z.unknown().transform((value) => {
  const text = asText(value)?.toLowerCase();
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  return undefined;
}).optional();

/** The parameters every list route shares (kantata-api.md §2). */
export const listQuery = z.object({
  page: intParam,
  per_page: intParam,
  limit: intParam,
  offset: intParam,
  only: idListParam,
  include: namesParam,
  order: textParam,
  optional_fields: namesParam,
});

/** What `listQuery` yields. */
export type ListQuery = z.output<typeof listQuery>;
