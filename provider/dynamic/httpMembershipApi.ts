import { MembershipDescriptor, recordSchema } from "../descriptors";
import { KantataClient, KantataValidationError, MAX_ONLY_IDS, recordsOf, sourceOf, listAll, isKantataError, paginate } from "../client";
import { z } from "zod";
import { ApiRecord, MembershipApi } from "./membershipApi";
import { apiId } from "../descriptors";
import { chunks, createBatcher, Settled } from "./batcher";
import { createScopeSnapshots, ScopeRead } from "./scopeSnapshots";

/** Guards a list read against a runaway answer. */
const MAX_LIST_ITEMS = 50_000;
/** At least this many lookups in one group of a type without multi-user filters read the whole group. */
const GROUP_READ_THRESHOLD = 3;
/** How many times the good rows of a refused bulk create are sent again. */
const BULK_ROUNDS = 3;

/** A user or group that cannot take part in a membership, found by a read before any write. */
export class TargetError extends Error {
  override name = "TargetError";
}

/** A lookup: the memberships of a user, in one group or (for one-per-user types) in any. */
interface Lookup {
  userId: number;
  groupId?: number;
}

/**
 * The MembershipApi of one type over the HTTP client, driven by the type's descriptor.
 * Lookups, reads by id and (where the API has bulk create) creates that arrive together are
 * coalesced: many lookups share a list request filtered by many users, reads share `only=`
 * requests of up to 200 ids, creates share bulk POSTs of up to `bulkCreateMax`. Every caller
 * still gets its own record or its own error.
 */
export function httpMembershipApi(d: MembershipDescriptor, client: () => KantataClient, windowMs: () => number = () => 50): MembershipApi {
  const schema = recordSchema(d);
  const groupOf = (r: ApiRecord) => r[d.group.api] as number;
  const list = (query: Record<string, string | number>) =>
    listAll(client().send, { method: "GET", path: d.path, query }, d.collectionKey, schema, { maxItems: MAX_LIST_ITEMS }) as Promise<ApiRecord[]>;
  const matches = (r: ApiRecord, l: Lookup) => r.user_id === l.userId && (l.groupId === undefined || groupOf(r) === l.groupId);

  // A lookup in one group reads that group; a lookup in any group (one-per-user types) reads them all.
  const ANY = "any";
  const scopeOf = (groupId: number | undefined) => (groupId === undefined ? ANY : String(groupId));
  async function readScope(scope: string, maxPages: number): Promise<ScopeRead> {
    const query = scope === ANY ? {} : { [d.filters.group]: scope };
    const records: ApiRecord[] = [];
    for await (const page of paginate(client().send, { method: "GET", path: d.path, query })) {
      if (page.pageCount > maxPages) return { pages: page.pageCount };
      records.push(...(recordsOf(page.response.body, d.collectionKey, schema, sourceOf(page.response)) as ApiRecord[]));
    }
    return { records: scope === ANY ? records : records.filter((r) => String(groupOf(r)) === scope) };
  }
  const snapshots = createScopeSnapshots({ read: readScope, belongs: (scope, r) => scope === ANY || String(groupOf(r)) === scope });

  /** Reads every record that any of the lookups may need, in as few list requests as the filters allow. */
  async function readLookups(lookups: Lookup[]): Promise<ApiRecord[]> {
    const found: ApiRecord[] = [];
    const byGroup = new Map<number | undefined, Lookup[]>();
    for (const l of lookups) byGroup.set(l.groupId, [...(byGroup.get(l.groupId) ?? []), l]);
    if (d.filters.userList) {
      // Lookups that can share a query: with a list-valued group filter, all that name a group;
      // otherwise those of the same group. Lookups in any group share one more.
      const buckets = new Map<string, { groups: number[]; users: Set<number> }>();
      for (const l of lookups) {
        const key = l.groupId === undefined ? "any" : d.filters.groupList ? "listed" : String(l.groupId);
        const bucket = buckets.get(key) ?? { groups: [], users: new Set<number>() };
        if (l.groupId !== undefined && !bucket.groups.includes(l.groupId)) bucket.groups.push(l.groupId);
        bucket.users.add(l.userId);
        buckets.set(key, bucket);
      }
      for (const { groups, users } of buckets.values()) {
        for (const userPart of chunks([...users], MAX_ONLY_IDS)) {
          for (const groupPart of groups.length ? chunks(groups, MAX_ONLY_IDS) : [[]]) {
            const query: Record<string, string | number> = { [d.filters.user]: userPart.join(",") };
            if (groupPart.length > 0) query[d.filters.group] = groupPart.join(",");
            found.push(...(await list(query)));
          }
        }
      }
      return found;
    }
    for (const [groupId, inGroup] of byGroup) {
      if (groupId !== undefined && inGroup.length >= GROUP_READ_THRESHOLD) {
        found.push(...(await list({ [d.filters.group]: groupId })));
      } else {
        for (const l of inGroup) {
          const query: Record<string, string | number> = { [d.filters.user]: l.userId };
          if (l.groupId !== undefined) query[d.filters.group] = l.groupId;
          found.push(...(await list(query)));
        }
      }
    }
    return found;
  }

  const lookup = createBatcher<Lookup, ApiRecord[]>(
    async (lookups) => {
      const found = await readLookups(lookups);
      return lookups.map((l) => ({ ok: true, value: found.filter((r) => matches(r, l)) }));
    },
    { maxBatch: MAX_ONLY_IDS, windowMs },
  );

  const read = createBatcher<number, ApiRecord | undefined>(
    async (ids) => {
      const byId = new Map<number, ApiRecord>();
      for (const part of chunks([...new Set(ids)], MAX_ONLY_IDS)) {
        const res = await client().send({ method: "GET", path: d.path, query: { only: part.join(",") } });
        for (const r of recordsOf(res.body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[]) byId.set(r.id, r);
      }
      return ids.map((id) => ({ ok: true, value: byId.get(id) }));
    },
    { maxBatch: MAX_ONLY_IDS, windowMs },
  );

  const userSchema = z.looseObject({ id: apiId });
  const groupSchema = z.looseObject({ id: apiId, name: z.string().nullish(), is_account_default: z.boolean().nullish() });
  const meSchema = z.looseObject({ id: apiId, account_permission: z.string().nullish() });
  type Group = z.output<typeof groupSchema>;

  /** Which of these ids exist, read with `only=` (at most 200 per request). */
  async function existing<S extends z.ZodType<{ id: number }>>(path: string, key: string, itemSchema: S, ids: number[], query: Record<string, string> = {}) {
    const found = new Map<number, z.output<S>>();
    for (const part of chunks([...new Set(ids)], MAX_ONLY_IDS)) {
      const res = await client().send({ method: "GET", path, query: { ...query, only: part.join(",") } });
      for (const r of recordsOf(res.body, key, itemSchema, sourceOf(res))) found.set(r.id, r);
    }
    return found;
  }

  const userExists = createBatcher<number, boolean>(
    async (ids) => {
      const found = await existing("/users", "users", userSchema, ids, { on_my_account: "true" });
      return ids.map((id) => ({ ok: true, value: found.has(id) }));
    },
    { maxBatch: MAX_ONLY_IDS, windowMs },
  );
  const groupOfId = createBatcher<number, Group | undefined>(
    async (ids) => {
      const found = await existing(d.group.path, d.group.key, groupSchema, ids);
      return ids.map((id) => ({ ok: true, value: found.get(id) }));
    },
    { maxBatch: MAX_ONLY_IDS, windowMs },
  );
  // Who the token belongs to, read once per token.
  const me = new Map<string, Promise<z.output<typeof meSchema> | undefined>>();
  const whoAmI = () => {
    const token = client().tokenFingerprint();
    let found = me.get(token);
    if (!found) {
      found = client()
        .send({ method: "GET", path: "/users/me" })
        .then((res) => (recordsOf(res.body, "users", meSchema, sourceOf(res)) as z.output<typeof meSchema>[])[0]);
      found.catch(() => me.delete(token));
      me.set(token, found);
    }
    return found;
  };

  async function verify(userId: number, groupId: number): Promise<void> {
    const [self, userFound, group] = await Promise.all([whoAmI(), userExists(userId), groupOfId(groupId)]);
    const what = `${d.typeName} (user ${userId}, ${d.group.noun} ${groupId})`;
    if (self?.account_permission && self.account_permission !== "administrator") {
      throw new TargetError(
        `${what}: the API token belongs to user ${self.id}, whose account permission is ${self.account_permission}; Kantata lets only Account Administrators change memberships. ` +
          "Fix: use the token of an Account Administrator (pulumi config set --secret kantata:apiToken, or KANTATA_API_TOKEN).",
      );
    }
    if (!userFound) {
      throw new TargetError(`${what}: user ${userId} is not on this Kantata account. Fix: check userId (kantata.getUser({ email }) finds a user's id).`);
    }
    if (!group) {
      throw new TargetError(`${what}: ${d.group.noun} ${groupId} does not exist on this Kantata account. Fix: check ${d.group.arg}.`);
    }
    if (group.is_account_default) {
      throw new TargetError(
        `${what}: ${d.group.noun} ${groupId} (${group.name}) is an Account Default group: users join and leave it through their account permission, not through memberships. ` +
          "Fix: change the user's account permission in Kantata, or remove this membership.",
      );
    }
  }

  async function createOne(userId: number, groupId: number): Promise<ApiRecord> {
    const res = await client().send({ method: "POST", path: d.path, body: { [d.objectKey]: { user_id: userId, [d.group.api]: groupId } } });
    const [record] = recordsOf(res.body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[];
    if (!record) throw new Error(`Kantata answered POST ${d.path} without a ${d.objectKey}`);
    return record;
  }

  /**
   * One bulk POST per chunk. Results are matched by (user, group), never by position. When
   * Kantata refuses the whole bulk because of some rows, those rows fail with their own
   * messages and the others are sent again.
   */
  async function createMany(pairs: Lookup[]): Promise<Settled<ApiRecord>[]> {
    if (pairs.length === 1) {
      try {
        return [{ ok: true, value: await createOne(pairs[0].userId, pairs[0].groupId!) }];
      } catch (error) {
        return [{ ok: false, error }];
      }
    }
    const results: (Settled<ApiRecord> | undefined)[] = pairs.map(() => undefined);
    let pending = pairs.map((_, i) => i);
    for (let round = 1; pending.length > 0; round++) {
      const rows = pending.map((i) => ({ user_id: pairs[i].userId, [d.group.api]: pairs[i].groupId }));
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
  const create = d.bulkCreateMax
    ? createBatcher<Lookup, ApiRecord>(createMany, { maxBatch: d.bulkCreateMax, windowMs })
    : (pair: Lookup) => createOne(pair.userId, pair.groupId!);

  /** Applies this process's write to the snapshots. */
  const wrote = (record: ApiRecord) => {
    snapshots.written(record);
    return record;
  };

  return {
    descriptor: d,
    expectNew: (groupId) => snapshots.expect(scopeOf(d.onePerUser ? undefined : groupId)),
    async findByUser(userId, groupId, options = {}) {
      const l = { userId, groupId };
      if (!options.fresh) {
        // A caller the engine calls one at a time (a preview's check) sees the count grow one by
        // one: its first lookup in a group goes alone rather than probe the group's size.
        const records = await snapshots.records(scopeOf(groupId), options.now ? 2 : 1);
        if (records) return records.filter((r) => matches(r, l));
      }
      if (options.now) return (await readLookups([l])).filter((r) => matches(r, l));
      return lookup(l);
    },
    verify,
    listGroup: async (groupId) => (await list({ [d.filters.group]: groupId })).filter((r) => groupOf(r) === groupId),
    get: (id) => read(id),
    create: async (userId, groupId) => wrote(await create({ userId, groupId })),

    async update(id, fields) {
      const res = await client().send({ method: "PUT", path: `${d.path}/${id}`, body: { [d.objectKey]: fields } });
      const [record] = recordsOf(res.body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[];
      if (!record) throw new Error(`Kantata answered PUT ${d.path}/${id} without a ${d.objectKey}`);
      return wrote(record);
    },

    async remove(id) {
      try {
        await client().send({ method: "DELETE", path: `${d.path}/${id}` });
        snapshots.removed(id);
        return true;
      } catch (err) {
        if (isKantataError(err) && err.status === 404) {
          snapshots.removed(id);
          return false;
        }
        throw err;
      }
    },
  };
}
