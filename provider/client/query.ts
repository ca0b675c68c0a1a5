import type { QueryValue } from "./types";

/**
 * Builds `?a=1&ids=1,2` from a query object: arrays are comma-joined (Kantata's list filters and
 * `only` take comma lists), `undefined` is dropped, keys and values are percent-encoded (each array
 * item on its own, so the joining commas stay literal). Returns `""` when nothing is left.
 *
 * Throws on an empty array: Kantata ignores a blank filter, so `only=` would list every record.
 */
export function buildQueryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) throw new TypeError(`Query parameter "${key}" is an empty list; Kantata would ignore it and match every record`);
      parts.push(`${encodeURIComponent(key)}=${value.map((v) => encodeURIComponent(String(v))).join(",")}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}
