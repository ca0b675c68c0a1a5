/**
 * The vocabulary every client layer speaks. A layer is `(next: Send, options) => Send`,
 * so retry, rate limiting and error mapping can each be tested alone on a scripted `Send`.
 */

/** HTTP methods the Kantata OX API uses for memberships. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Query values; arrays are sent comma-separated, `undefined` is left out. */
export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined;

/** One API request, relative to the base URL (which already ends in `/api/v1`). */
export interface KantataRequest {
  method: HttpMethod;
  /** Path below the base URL, starting with `/`, e.g. `/access_group_memberships/12`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body; sent with `Content-Type: application/json`. */
  body?: unknown;
}

/** A response whose body is already parsed (`undefined` for an empty body, a string when not JSON). */
export interface KantataResponse {
  status: number;
  /** Header names are lower-case. */
  headers: Record<string, string>;
  body: unknown;
  request: KantataRequest;
}

/** The one function every layer wraps. */
export type Send = (request: KantataRequest) => Promise<KantataResponse>;
