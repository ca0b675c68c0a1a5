import { createHash } from "node:crypto";
import type { z } from "zod";
import { withErrors } from "./errorsLayer";
import { createHttpSend, type HttpOptions } from "./http";
import { createLimiter, withLimiter, type Limiter } from "./limiter";
import { listAll, paginate, type ListAllOptions, type Page, type PaginateOptions } from "./paginate";
import { createRedactor } from "./redact";
import { withRetry, type RetryOptions } from "./retry";
import type { KantataRequest, KantataResponse, QueryValue, Send } from "./types";

/** Options of `createClient`: the HTTP options plus the retry policy and the shared limiter. */
export interface ClientOptions extends HttpOptions {
  /** @default the `RetryOptions` defaults */
  retry?: RetryOptions;
  /** Share one across the provider process so its bounds are global. @default a new `createLimiter()` */
  limiter?: Limiter;
}

/** Query parameters of a request. */
export type Query = Record<string, QueryValue>;

/** A Kantata client: the composed `send` plus a few shorthands. Non-2xx responses throw `KantataError`s. */
export interface KantataClient {
  send: Send;
  /** A short hash of the current token: tells tokens apart (e.g. for caches) without holding one. */
  tokenFingerprint(): string;
  get(path: string, query?: Query): Promise<KantataResponse>;
  post(path: string, body: unknown, query?: Query): Promise<KantataResponse>;
  put(path: string, body: unknown): Promise<KantataResponse>;
  delete(path: string): Promise<KantataResponse>;
  /** See `paginate`. */
  paginate(request: KantataRequest, options?: PaginateOptions): AsyncGenerator<Page>;
  /** See `listAll`. */
  listAll<S extends z.ZodType>(request: KantataRequest, collectionKey: string, schema: S, options: ListAllOptions): Promise<Array<z.output<S>>>;
}

/**
 * Composes the layers, outermost first: retry → limiter → errors → http. Retry sits outside the
 * limiter so every attempt waits its turn; the limiter sits above the errors layer so it sees
 * 429s as `KantataRateLimitError` and pauses everyone.
 */
export function createClient(options: ClientOptions): KantataClient {
  const redact = createRedactor(() => [options.token()]);
  const limiter = options.limiter ?? createLimiter();
  const send = withRetry(withLimiter(withErrors(createHttpSend(options), { redact }), limiter), options.retry);
  return {
    send,
    tokenFingerprint: () => createHash("sha256").update(options.token()).digest("hex").slice(0, 16),
    get: (path, query) => send({ method: "GET", path, query }),
    post: (path, body, query) => send({ method: "POST", path, body, query }),
    put: (path, body) => send({ method: "PUT", path, body }),
    delete: (path) => send({ method: "DELETE", path }),
    paginate: (request, paginateOptions) => paginate(send, request, paginateOptions),
    listAll: (request, collectionKey, schema, listOptions) => listAll(send, request, collectionKey, schema, listOptions),
  };
}
