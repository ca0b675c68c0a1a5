/**
 * Routes as data: method + path pattern + handler, and the matcher that finds one for a request.
 * A route validates its query (and body) with zod before its handler runs, so handlers receive
 * typed input only.
 */
import { z } from "zod";
import { Envelope } from "./envelope";
import { SimError } from "./errors";
import { SimulatorOptions } from "./options";
import { RawQuery } from "./query";
import { Store, User } from "./store";

/** HTTP methods the API uses. */
export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** The API prefix of every route. */
export const API_PREFIX = "/api/v1";

/** What every handler gets besides its own parsed input. */
export interface RouteContext {
  store: Store;
  options: SimulatorOptions;
  /** The user of the bearer token. */
  user: User;
  /** Path parameters, e.g. `{id: "12"}` for `/x/:id`. */
  params: Record<string, string>;
}

/** A handler's answer: status and body (an envelope, `{success}`, or nothing for 204). */
export interface Reply {
  status: number;
  body?: Envelope | Record<string, unknown>;
}

/** A route before type erasure: its query schema, optional body parser and handler. */
export interface RouteSpec<Q, B> {
  method: Method;
  /** Pattern below `/api/v1`, `:name` for a parameter, e.g. `/access_group_memberships/:id`. */
  path: string;
  /** Whether only Account Administrators may call it (may depend on the options). */
  adminOnly?: boolean | ((options: SimulatorOptions) => boolean);
  query: z.ZodType<Q, unknown>;
  /**
   * Parameters Kantata documents for this route that the simulator does not imitate. A request
   * with one is refused with a 400 that names it, never answered as if it had no effect.
   */
  notImitated?: readonly string[];
  /** Turns the parsed JSON body into typed input, throwing `SimError` 400/422 on bad input. */
  body?: (json: unknown, ctx: RouteContext) => B;
  handle(ctx: RouteContext & { query: Q; body: B }): Reply;
}

/** A route ready for the server: input types erased behind `run`. */
export interface Route {
  method: Method;
  path: string;
  segments: string[];
  adminOnly(options: SimulatorOptions): boolean;
  /** Parses the body text (if the route takes one) and the query, then calls the handler. */
  run(ctx: RouteContext, query: RawQuery, bodyText: string): Reply;
}

/** Erases a route's input types; the zod parse of the query happens inside `run`. */
export function defineRoute<Q, B = undefined>(spec: RouteSpec<Q, B>): Route {
  const admin = spec.adminOnly ?? false;
  return {
    method: spec.method,
    path: spec.path,
    segments: splitPath(spec.path),
    adminOnly: (options) => (typeof admin === "function" ? admin(options) : admin),
    run(ctx, rawQuery, bodyText) {
      const refused = (spec.notImitated ?? []).filter((name) => name in rawQuery);
      if (refused.length > 0) {
        throw new SimError(
          400,
          "syntax",
          `${spec.method} ${spec.path}: Kantata documents the parameter${refused.length > 1 ? "s" : ""} ${refused.join(", ")}, which the simulator does not imitate; ` +
            "it refuses the request rather than answer as if the parameter had no effect. Test this parameter against Kantata itself.",
        );
      }
      const body = (spec.body ? spec.body(parseJson(bodyText, ctx), ctx) : undefined) as B;
      const query = spec.query.parse(rawQuery);
      return spec.handle({ ...ctx, query, body });
    },
  };
}

/** Body text as JSON; a body that is not JSON is a 400 `syntax` error, an empty one is `undefined`. */
function parseJson(text: string, ctx: RouteContext): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SimError(400, "syntax", ctx.options.messages.malformedJson);
  }
}

/**
 * Removes what does not change the resource: the `/api/v1` prefix (when present), a trailing
 * slash and the optional `.json` suffix. `/api/v1/users/me.json` → `/users/me`.
 */
export function normalizePath(path: string): string {
  let p = path.startsWith(API_PREFIX + "/") || path === API_PREFIX ? path.slice(API_PREFIX.length) : path;
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (p.endsWith(".json")) p = p.slice(0, -5);
  return p === "" ? "/" : p;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

/** The outcome of matching: a route with its parameters, a path without that method, or nothing. */
export type Match =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: Method[] }
  | { kind: "none" };

/** Finds the route for a normalised path below `/api/v1`. */
export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  const segments = splitPath(path);
  const allowed: Method[] = [];
  let literalFound: Match | undefined;
  let paramFound: Match | undefined;
  for (const route of routes) {
    const params = matchSegments(route.segments, segments);
    if (!params) continue;
    if (route.method !== method) {
      if (!allowed.includes(route.method)) allowed.push(route.method);
      continue;
    }
    // A literal segment beats a parameter: `/users/me` is not `/users/:id`.
    const literal = !route.segments.some((s) => s.startsWith(":"));
    if (literal) literalFound ??= { kind: "found", route, params };
    else paramFound ??= { kind: "found", route, params };
  }
  return literalFound ?? paramFound ?? (allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "none" });
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) params[pattern[i].slice(1)] = actual[i];
    else if (pattern[i] !== actual[i]) return undefined;
  }
  return params;
}
