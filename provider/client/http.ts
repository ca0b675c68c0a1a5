import * as http from "node:http";
import * as https from "node:https";
import fetch from "node-fetch";
import { KantataNetworkError } from "./errors/KantataNetworkError";
import { buildQueryString } from "./query";
import { createRedactor, sanitizeCause, type Redact } from "./redact";
import type { KantataRequest, Send } from "./types";
import { defaultUserAgent } from "./userAgent";

/** The part of a fetch `init` this layer sets; node-fetch's `fetch` accepts it. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** A redirect is answered as an error, never followed: following one could carry the token elsewhere. */
  redirect: "manual";
  agent: (url: URL) => http.Agent;
}

/** The part of a fetch response this layer reads. */
export interface FetchResponse {
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}

/** A `fetch` as this layer calls it; node-fetch by default, injectable for tests. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** Options of `createHttpSend`. */
export interface HttpOptions {
  /** API root including `/api/v1`, e.g. `https://api.mavenlink.com/api/v1`; a trailing slash is tolerated. */
  baseUrl: string;
  /** Returns the API token; called for every request, so a rotated token is used at once. */
  token: () => string;
  /**
   * Per-request timeout (connect, headers and body), in milliseconds. Kantata's own server
   * gives up after 180 s; a shorter client timeout lets the retry layer try again sooner.
   * @default 60000
   */
  timeoutMs?: number;
  /** @default `pulumi-kantata/<package version>` */
  userAgent?: string;
  /** @default node-fetch's `fetch` */
  fetch?: FetchLike;
}

/**
 * Keep-alive agents shared by every client in the process: a provider may build a client per
 * operation (to read the current token), and connections should outlive that.
 */
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const agent = (url: URL): http.Agent => (url.protocol === "http:" ? agents.http : agents.https);

/** System error codes that prove the request never left this machine. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * The innermost layer: one HTTP request per call, over keep-alive connections. It returns every
 * response, whatever its status (mapping statuses to errors is the errors layer's job), and
 * throws only `KantataNetworkError`, when no response arrived.
 */
export function createHttpSend(options: HttpOptions): Send {
  const baseUrl = trimBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  const userAgent = options.userAgent ?? defaultUserAgent();
  const doFetch: FetchLike = options.fetch ?? fetch;

  return async (request) => {
    if (!request.path.startsWith("/")) throw new TypeError(`Request path must start with "/", got "${request.path}"`);
    const url = baseUrl + request.path + buildQueryString(request.query);
    const token = options.token();
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "user-agent": userAgent,
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers["content-type"] = "application/json";
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const res = await doFetch(url, { method: request.method, headers, body, signal: controller.signal, redirect: "manual", agent });
      // Reading the body stays under the timeout: a server can stall after the headers.
      const text = await res.text();
      const responseHeaders: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value;
      });
      return { status: res.status, headers: responseHeaders, body: parseBody(text, responseHeaders["content-type"]), request };
    } catch (err) {
      throw toNetworkError(err, request, timedOut ? timeoutMs : undefined, createRedactor(() => [token]));
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The base URL without a trailing slash, refused at once when it is not an http(s) URL. The
 * user-facing rules (https unless loopback, ending in /api/v1) are `config.ts`'s `normalizeBaseUrl`;
 * this layer only needs a URL it can append paths to.
 */
function trimBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  const url = new URL(trimmed); // throws on a malformed URL now, not at the first request
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`baseUrl must be http(s), got "${baseUrl}"`);
  return trimmed;
}

/** Empty → `undefined`; JSON → its value; anything else (an HTML error page) → the text. */
function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === "") return undefined;
  if (/json/i.test(contentType ?? "") || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function toNetworkError(err: unknown, request: KantataRequest, timeoutMs: number | undefined, redact: Redact): KantataNetworkError {
  // node-fetch wraps the socket's error in `erroredSysCall`; its message is the short, useful one.
  const sys = (err as { erroredSysCall?: unknown } | null)?.erroredSysCall;
  const source = sys instanceof Error ? sys : err;
  const code = (source as { code?: unknown } | null)?.code ?? (err as { code?: unknown } | null)?.code;
  const timedOut = timeoutMs !== undefined;
  const reason = timedOut ? `timed out after ${timeoutMs} ms` : redact(source instanceof Error ? source.message : String(source));
  return new KantataNetworkError({
    method: request.method,
    path: request.path,
    timedOut,
    outcomeUnknown: timedOut || typeof code !== "string" || !NOT_SENT_CODES.has(code),
    reason,
    cause: sanitizeCause(err, redact),
  });
}
