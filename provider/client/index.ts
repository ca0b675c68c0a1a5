/**
 * The Kantata OX HTTP client: small `Send` layers (http, errors, limiter, retry) composed by
 * `createClient`, plus the envelope and pagination helpers.
 */
export type { HttpMethod, QueryValue, KantataRequest, KantataResponse, Send } from "./types";
export * from "./errors";
export { createHttpSend, type HttpOptions, type FetchLike, type FetchInit, type FetchResponse } from "./http";
export { withErrors } from "./errorsLayer";
export { withRetry, isRetryable, isSafeToRetry, backoffDelayMs, type RetryOptions, type RetryInfo } from "./retry";
export { createLimiter, withLimiter, type Limiter, type LimiterOptions, type LimiterStats } from "./limiter";
export { envelopeSchema, metaSchema, parseEnvelope, recordsOf, sourceOf, type Envelope, type BodySource } from "./envelope";
export { paginate, listAll, MAX_PER_PAGE, MAX_ONLY_IDS, type Page, type PaginateOptions, type ListAllOptions } from "./paginate";
export { createClient, type ClientOptions, type KantataClient, type Query } from "./createClient";
export { buildQueryString } from "./query";
export { parseRetryAfterMs } from "./retryAfter";
export { createRedactor, sanitizeCause, type Redact } from "./redact";
export { defaultUserAgent } from "./userAgent";
export type { Sleep, Now } from "./time";
