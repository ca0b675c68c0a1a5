import { MembershipDescriptor, recordSchema } from "../descriptors";
import { KantataClient, KantataValidationError, recordsOf, sourceOf, isKantataError } from "../client";
import { ApiRecord } from "./membershipApi";
import { createBatcher, Settled } from "./batcher";

/** One membership to create: its user, its group and the other fields its create body carries. */
interface NewRow {
  userId: number;
  groupId: number;
  fields: Record<string, unknown>;
}

/** How many times the good rows of a refused bulk create are sent again. */
const BULK_ROUNDS = 3;

/** The writes of one membership type. */
export interface MembershipWrites {
  /** `fields`: API keys the create body carries besides the user and group. */
  create(userId: number, groupId: number, fields?: Record<string, unknown>): Promise<ApiRecord>;
  update(id: number, fields: Record<string, unknown>): Promise<ApiRecord>;
  /** Resolves `false` when the membership was already gone. */
  remove(id: number): Promise<boolean>;
  /** The expected or upstream count went down: a bulk waiting for no other create is sent, or closes by quiet again. */
  poke(): void;
}

/**
 * Writes: creates that arrive together share bulk POSTs of up to `bulkCreateMax` (where the API
 * has bulk create), a refused bulk's good rows are sent again, and every caller gets its own
 * record or its own error; updates are one PUT, deletes one DELETE.
 */
export function createMembershipWrites(
  d: MembershipDescriptor,
  client: () => KantataClient,
  windowMs: () => number,
  expected?: () => number,
  upstream?: () => number,
): MembershipWrites {
  const schema = recordSchema(d);
  const matches = (r: ApiRecord, l: NewRow) => r.user_id === l.userId && r[d.group.api] === l.groupId;
  const row = (l: NewRow) => ({ user_id: l.userId, [d.group.api]: l.groupId, ...l.fields });

  async function createOne(l: NewRow): Promise<ApiRecord> {
    const res = await client().send({ method: "POST", path: d.path, body: { [d.objectKey]: row(l) } });
    const [record] = recordsOf(res.body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[];
    if (!record) throw new Error(`Kantata answered POST ${d.path} without a ${d.objectKey}`);
    return record;
  }

  /**
   * One bulk POST per chunk. Results are matched by (user, group), never by position. When
   * Kantata refuses the whole bulk because of some rows, those rows fail with their own
   * messages and the others are sent again.
   */
  async function createMany(pairs: NewRow[]): Promise<Settled<ApiRecord>[]> {
    if (pairs.length === 1) {
      try {
        return [{ ok: true, value: await createOne(pairs[0]) }];
      } catch (error) {
        return [{ ok: false, error }];
      }
    }
    const results: (Settled<ApiRecord> | undefined)[] = pairs.map(() => undefined);
    let pending = pairs.map((_, i) => i);
    for (let round = 1; pending.length > 0; round++) {
      const rows = pending.map((i) => row(pairs[i]));
      try {
        const res = await client().send({ method: "POST", path: d.path, body: { [d.collectionKey]: rows } });
        const records = recordsOf(res.body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[];
        for (const i of pending) {
          const record = records.find((r) => matches(r, pairs[i]));
          results[i] = record ? { ok: true, value: record } : { ok: false, error: new Error(`Kantata's bulk answer had no membership for user ${pairs[i].userId}`) };
        }
        pending = [];
      } catch (error) {
        const indexed = error instanceof KantataValidationError ? error.messages.filter((m) => m.index !== undefined) : [];
        if (indexed.length === 0 || round >= BULK_ROUNDS) {
          for (const i of pending) results[i] = { ok: false, error };
          pending = [];
          continue;
        }
        const bad = new Set(indexed.map((m) => pending[m.index!]));
        for (const i of bad) {
          const own = indexed.filter((m) => pending[m.index!] === i).map(({ index: _index, ...m }) => m);
          const e = error as KantataValidationError;
          results[i] = {
            ok: false,
            error: new KantataValidationError(`${e.message.split(":")[0]}: POST ${d.path}: ${own.map((m) => m.message).join("; ")}`, {
              method: "POST",
              path: d.path,
              status: e.status,
              messages: own,
              requestId: e.requestId,
            }),
          };
        }
        pending = pending.filter((i) => !bad.has(i));
      }
    }
    return results.map((r) => r!);
  }

  // The batcher closes a batch at bulkCreateMax, so one batch is one bulk POST.
  const bulk = d.bulkCreateMax ? createBatcher<NewRow, ApiRecord>(createMany, { maxBatch: d.bulkCreateMax, windowMs, expected, waitsAfterBatch: true, upstream }) : undefined;
  const create = bulk ?? createOne;

  return {
    create: (userId, groupId, fields = {}) => create({ userId, groupId, fields }),
    poke: () => bulk?.poke(),

    async update(id, fields) {
      const res = await client().send({ method: "PUT", path: `${d.path}/${id}`, body: { [d.objectKey]: fields } });
      const [record] = recordsOf(res.body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[];
      if (!record) throw new Error(`Kantata answered PUT ${d.path}/${id} without a ${d.objectKey}`);
      return record;
    },

    async remove(id) {
      try {
        await client().send({ method: "DELETE", path: `${d.path}/${id}` });
        return true;
      } catch (err) {
        if (isKantataError(err) && err.status === 404) return false;
        throw err;
      }
    },
  };
}
