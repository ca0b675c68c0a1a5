import type { z } from "zod";
import { KantataResponseShapeError } from "./errors/KantataResponseShapeError";
import { parseEnvelope, recordsOf, sourceOf, type Envelope } from "./envelope";
import type { KantataRequest, KantataResponse, Send } from "./types";

/** Kantata's largest `per_page`; a bigger one is silently clamped to it. */
export const MAX_PER_PAGE = 200;

/**
 * Most ids one `only=` request may carry. Kantata does not paginate `only` requests, so this is
 * bounded by URL length (decision 9), not by `per_page`; callers split longer lists into batches.
 */
export const MAX_ONLY_IDS = 200;

/** Options of `paginate`. */
export interface PaginateOptions {
  /** @default 200 (the API maximum) */
  perPage?: number;
}

/** One page of a list. */
export interface Page {
  response: KantataResponse;
  envelope: Envelope;
  /** 1 for the first page. */
  pageNumber: number;
  /** `meta.page_count`; 0 for an empty list. */
  pageCount: number;
}

/**
 * Iterates over the pages of a GET list with `page` and `per_page`, until `meta.page_count` or an
 * empty page. A request with `only` is sent once, unpaginated, as the API ignores pagination for
 * it; its list must hold at most `MAX_ONLY_IDS` ids.
 */
export async function* paginate(send: Send, request: KantataRequest, options: PaginateOptions = {}): AsyncGenerator<Page> {
  const perPage = options.perPage ?? MAX_PER_PAGE;
  const only = request.query?.only;
  if (only !== undefined) {
    const count = Array.isArray(only) ? only.length : String(only).split(",").length;
    if (count > MAX_ONLY_IDS) throw new RangeError(`only= carries ${count} ids; send at most ${MAX_ONLY_IDS} per request`);
    const response = await send(request);
    const envelope = parseEnvelope(response.body, sourceOf(response));
    yield { response, envelope, pageNumber: 1, pageCount: 1 };
    return;
  }

  for (let page = 1; ; page++) {
    const response = await send({ ...request, query: { ...request.query, page, per_page: perPage } });
    const envelope = parseEnvelope(response.body, sourceOf(response));
    if (envelope.meta === undefined) {
      throw new KantataResponseShapeError({
        ...sourceOf(response),
        issues: [{ code: "custom", path: ["meta"], message: "a list response needs meta to be paginated", input: undefined }],
      });
    }
    yield { response, envelope, pageNumber: page, pageCount: envelope.meta.page_count };
    if (envelope.results.length === 0 || page >= envelope.meta.page_count) return;
  }
}

/** Options of `listAll`. */
export interface ListAllOptions extends PaginateOptions {
  /**
   * Required guard, as in stripe's `autoPagingToArray`: more records than this is an error rather
   * than an unbounded download.
   */
  maxItems: number;
}

/**
 * Every record of `collectionKey` over all pages, in the API's order, each parsed with `schema`
 * (see `recordsOf`). Throws a `RangeError` as soon as the list is known to exceed `maxItems`.
 */
export async function listAll<S extends z.ZodType>(
  send: Send,
  request: KantataRequest,
  collectionKey: string,
  schema: S,
  options: ListAllOptions,
): Promise<Array<z.output<S>>> {
  const all: Array<z.output<S>> = [];
  const tooMany = (count: number) =>
    new RangeError(`${request.method} ${request.path} lists ${count} ${collectionKey}, more than maxItems ${options.maxItems}`);
  for await (const page of paginate(send, request, options)) {
    // `count` is the total over all pages: fail before fetching pages that would be thrown away.
    if (page.envelope.count > options.maxItems) throw tooMany(page.envelope.count);
    all.push(...recordsOf(page.response.body, collectionKey, schema, sourceOf(page.response)));
    if (all.length > options.maxItems) throw tooMany(all.length);
  }
  return all;
}
