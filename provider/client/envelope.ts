import { z } from "zod";
import { KantataResponseShapeError } from "./errors/KantataResponseShapeError";
import type { KantataRequest, KantataResponse } from "./types";

/** A Kantata id in `results`: a string (the platform norm) or a number, normalized to a string. */
const idSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

/** `meta` of a Kantata envelope; `page_count` and `page_number` are 0 when `count` is 0. */
export const metaSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  page_count: z.number().int().nonnegative(),
  page_number: z.number().int().nonnegative(),
  page_size: z.number().int().nonnegative(),
});

/**
 * The envelope of every Kantata GET and create: `count` (total over all pages), `results` (the
 * ordered list of `{key, id}`), one map per returned type keyed by id (kept as extra keys), and
 * `meta`. `meta` is optional here because a create's envelope need not have it; `paginate` demands it.
 */
export const envelopeSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  results: z.array(z.looseObject({ key: z.string(), id: idSchema })),
  meta: metaSchema.optional(),
});

/** A parsed Kantata envelope. */
export type Envelope = z.output<typeof envelopeSchema>;

/** Where a body came from, to name it in a `KantataResponseShapeError`. */
export type BodySource = Pick<KantataRequest, "method" | "path"> & { status?: number; requestId?: string };

/** Parses `body` as an envelope, or throws `KantataResponseShapeError` naming `source`. */
export function parseEnvelope(body: unknown, source: BodySource): Envelope {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) throw new KantataResponseShapeError({ ...source, issues: parsed.error.issues });
  return parsed.data;
}

/**
 * The records of `collectionKey` in the order of `results`, each parsed with `recordSchema`.
 * Entries of other keys (side-loaded includes) are skipped, and so are records of the same type
 * that sit in the map without being in `results` (side-loaded, e.g. a membership's relatives).
 * Throws `KantataResponseShapeError` naming `source` when the body is not an envelope, a result
 * has no record in the map, or a record does not fit its schema (all bad records are reported).
 */
export function recordsOf<S extends z.ZodType>(
  body: unknown,
  collectionKey: string,
  recordSchema: S,
  source: BodySource,
): Array<z.output<S>> {
  const envelope = parseEnvelope(body, source);
  const map = (envelope as Record<string, unknown>)[collectionKey];
  const records: Array<z.output<S>> = [];
  const issues: z.core.$ZodIssue[] = [];
  for (const { key, id } of envelope.results) {
    if (key !== collectionKey) continue;
    const raw = typeof map === "object" && map !== null ? (map as Record<string, unknown>)[id] : undefined;
    if (raw === undefined) {
      issues.push({ code: "custom", path: [collectionKey, id], message: `results lists ${collectionKey} ${id} but the map has no such record`, input: undefined });
      continue;
    }
    const parsed = recordSchema.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
    else issues.push(...parsed.error.issues.map((i) => ({ ...i, path: [collectionKey, id, ...i.path] })));
  }
  if (issues.length > 0) throw new KantataResponseShapeError({ ...source, issues });
  return records;
}

/** `BodySource` of a response: its request, status and `X-Request-Id`. */
export function sourceOf(response: KantataResponse): BodySource {
  return {
    method: response.request.method,
    path: response.request.path,
    status: response.status,
    requestId: response.headers["x-request-id"],
  };
}
