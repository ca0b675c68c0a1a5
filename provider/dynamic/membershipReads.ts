import { looksAcrossGroups, MembershipDescriptor, recordSchema } from "../descriptors";
import { KantataClient, MAX_ONLY_IDS, recordsOf, sourceOf, listAll, paginate } from "../client";
import { ApiRecord } from "./membershipApi";
import { chunks, createBatcher } from "./batcher";
import { createScopeSnapshots, ScopeRead } from "./scopeSnapshots";

/** Guards a list read against a runaway answer. */
const MAX_LIST_ITEMS = 50_000;
/** At least this many lookups in one group of a type without multi-user filters read the whole group. */
const GROUP_READ_THRESHOLD = 3;

/** A lookup: the memberships of a user, in one group or (for one-per-user types) in any. */
export interface Lookup {
  userId: number;
  groupId?: number;
}

/** The reads of one membership type: lookups by user, reads by id, whole groups. */
export interface MembershipReads {
  findByUser(userId: number, groupId?: number, options?: { fresh?: boolean; now?: boolean }): Promise<ApiRecord[]>;
  expectNew(groupId: number): void;
  listGroup(groupId: number): Promise<ApiRecord[]>;
  get(id: number): Promise<ApiRecord | undefined>;
  /** A record this process created or changed, or (`removed`) deleted: keeps the snapshots true. */
  written(record: ApiRecord): void;
  removed(id: number): void;
  /** The expected count went down: a lookup batch waiting for no other call is sent. */
  poke(): void;
}

/**
 * Read coalescing: lookups that arrive together share list requests filtered by many users (or
 * a whole group), reads by id share `only=` requests of up to 200 ids, and lookups of memberships
 * that `check` announced new are answered from whole reads of their group (`scopeSnapshots.ts`).
 */
export function createMembershipReads(d: MembershipDescriptor, client: () => KantataClient, windowMs: () => number, expected?: () => number): MembershipReads {
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

  // Lookups answered from a group snapshot never reach the batcher: they leave the expected count.
  let served = 0;
  const lookup = createBatcher<Lookup, ApiRecord[]>(
    async (lookups) => {
      const found = await readLookups(lookups);
      return lookups.map((l) => ({ ok: true, value: found.filter((r) => matches(r, l)) }));
    },
    { maxBatch: MAX_ONLY_IDS, windowMs, expected: () => (expected?.() ?? 0) - served },
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
    // A refresh reads `--parallel` resources at a time, and the engine refills each slot a read frees.
    { maxBatch: MAX_ONLY_IDS, windowMs, refills: true },
  );

  return {
    expectNew: (groupId) => snapshots.expect(scopeOf(looksAcrossGroups(d) ? undefined : groupId)),
    async findByUser(userId, groupId, options = {}) {
      const l = { userId, groupId };
      if (!options.fresh) {
        // A group is read whole only for two or more announced memberships: for one, the read costs
        // at least the lookup it would replace (and a caller the engine calls one at a time, such as
        // a preview's check, sees the count grow one by one: its first lookup goes alone).
        const snapshot = snapshots.records(scopeOf(groupId), 2);
        if (snapshot) {
          served++;
          lookup.poke();
          const records = await snapshot;
          if (records) return records.filter((r) => matches(r, l));
          served--; // the group was too large to read whole: this lookup goes to the batcher after all
        }
      }
      if (options.now) return (await readLookups([l])).filter((r) => matches(r, l));
      return lookup(l);
    },
    listGroup: async (groupId) => (await list({ [d.filters.group]: groupId })).filter((r) => groupOf(r) === groupId),
    get: (id) => read(id),
    poke: () => lookup.poke(),
    written: (record) => snapshots.written(record),
    removed: (id) => snapshots.removed(id),
  };
}
