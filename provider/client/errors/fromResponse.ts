import { STATUS_CODES } from "node:http";
import { redactBearer, type Redact } from "../redact";
import { parseRetryAfterMs } from "../retryAfter";
import { realNow, type Now } from "../time";
import type { KantataResponse } from "../types";
import { KantataAuthenticationError } from "./KantataAuthenticationError";
import type { KantataError, KantataErrorOptions, KantataMessage } from "./KantataError";
import { KantataNotFoundError } from "./KantataNotFoundError";
import { KantataPermissionError } from "./KantataPermissionError";
import { KantataRateLimitError } from "./KantataRateLimitError";
import { KantataServerError } from "./KantataServerError";
import { KantataValidationError } from "./KantataValidationError";

/** Server text can be a whole HTML page; a message needs its gist only. */
const MAX_MESSAGE_LENGTH = 300;

/** Options of `fromResponse`. */
export interface FromResponseOptions {
  /** Reads an HTTP-date `Retry-After`. @default Date.now */
  now?: Now;
  /** Applied to everything taken from the body, in case a proxy echoes the request's headers. @default hides `Bearer …` */
  redact?: Redact;
}

/**
 * Turns any non-2xx response into the matching `KantataError` subclass, whatever the body:
 * Kantata's `{errors:[{type,message,field?,index?}]}`, `{error}` / `{status, error}`,
 * `{error_message}`, plain text or HTML from a proxy, or nothing at all.
 *
 * The message reads like ky's:
 * `Kantata API 422 Unprocessable Entity: POST /access_group_memberships: <message> (field user_id); request id <id>`.
 */
export function fromResponse(response: KantataResponse, options: FromResponseOptions = {}): KantataError {
  const redact = options.redact ?? redactBearer;
  const { status, request } = response;
  const messages = messagesOf(response.body).map((m) => ({ ...m, message: redact(m.message) }));
  const rawId = response.headers["x-request-id"];
  const requestId = rawId === undefined ? undefined : redact(rawId);
  const init: KantataErrorOptions = { status, method: request.method, path: request.path, messages, requestId };
  const message =
    `Kantata API ${status} ${STATUS_CODES[status] ?? "Unknown Status"}: ${request.method} ${request.path}` +
    (messages.length > 0 ? `: ${messages.map(describeMessage).join("; ")}` : "") +
    (requestId === undefined ? "" : `; request id ${requestId}`);
  const retryAfterMs = parseRetryAfterMs(response.headers["retry-after"], (options.now ?? realNow)());

  switch (status) {
    case 400:
    case 422:
      return new KantataValidationError(message, init);
    case 401:
      return new KantataAuthenticationError(message, init);
    case 403:
      return new KantataPermissionError(message, init);
    case 404:
      return new KantataNotFoundError(message, init);
    case 429:
      return new KantataRateLimitError(message, { ...init, retryAfterMs });
    default:
      return new KantataServerError(message, { ...init, retryAfterMs });
  }
}

function describeMessage(m: KantataMessage): string {
  const where = [m.field === undefined ? "" : `field ${m.field}`, m.index === undefined ? "" : `index ${m.index}`]
    .filter(Boolean)
    .join(", ");
  return where === "" ? m.message : `${m.message} (${where})`;
}

/** Kantata's messages in whichever shape the body has; `[]` when it has none. */
function messagesOf(body: unknown): KantataMessage[] {
  if (body === undefined || body === null) return [];
  if (typeof body === "string") {
    const text = clip(body.replace(/<[^>]*>/g, " "));
    return text === "" ? [] : [{ type: "system", message: text }];
  }
  if (typeof body !== "object") return [{ type: "system", message: clip(String(body)) }];

  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors)) return record.errors.map(entryOf);
  if (isPlainObject(record.errors)) {
    // Rails' `{errors: {field: ["message", …]}}`, which some proxies and older endpoints use.
    return Object.entries(record.errors).flatMap(([field, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => ({ type: "validation", field, message: clip(textOf(v)) })),
    );
  }
  for (const key of ["error", "error_message", "message"]) {
    if (record[key] !== undefined) return [{ type: "system", message: clip(textOf(record[key])) }];
  }
  return [{ type: "system", message: clip(JSON.stringify(body)) }];
}

function entryOf(entry: unknown): KantataMessage {
  if (!isPlainObject(entry)) return { type: "system", message: clip(textOf(entry)) };
  const out: KantataMessage = {
    type: typeof entry.type === "string" ? entry.type : "system",
    message: clip(textOf(entry.message ?? entry)),
  };
  if (typeof entry.field === "string") out.field = entry.field;
  const index = typeof entry.index === "string" ? Number(entry.index) : entry.index;
  if (typeof index === "number" && Number.isInteger(index)) out.index = index;
  return out;
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (isPlainObject(value) && typeof value.message === "string") return value.message;
  return JSON.stringify(value) ?? String(value);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH)}…` : flat;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
