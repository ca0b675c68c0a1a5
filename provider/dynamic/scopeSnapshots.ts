import { ApiRecord } from "./membershipApi";

/**
 * Whole reads of a scope (one group's memberships, or every membership of a type), shared by
 * every lookup in that scope while fresh. Adopting an exported account sends thousands of
 * creates, each of which must first look its membership up: one read of each group answers all
 * of them, where lookups batched per user cost a request per handful of creates.
 *
 * A scope is read whole only when `check` has seen memberships declared new in it, and when that
 * costs at most one page per such membership (so one new membership in a group of 5,000 is still looked up alone),
 * and a snapshot serves lookups for `ttlMs` at most. The process's own writes are applied to the
 * snapshots, so a membership this process just deleted is never adopted from one; a write by
 * someone else during that time is what a lookup's caller must survive anyway (a create that
 * meets a duplicate looks again, past the snapshot).
 */
export interface ScopeSnapshots {
  /** Counts one membership declared new to the stack in `scope` (from `check`). */
  expect(scope: string): void;
  /**
   * The scope's records from a fresh snapshot, reading it if that is cheap enough; else undefined.
   * `minExpected` (default 1) is how many announced memberships make a first read of a scope
   * whose size is unknown worth trying.
   */
  /**
   * The snapshot's records, or `undefined` at once when no snapshot serves this scope (the caller
   * then looks up by itself, and knows so synchronously); the promise resolves to `undefined` when
   * the scope turned out too large to read whole.
   */
  records(scope: string, minExpected?: number): Promise<ApiRecord[] | undefined> | undefined;
  /** A record this process created or changed. */
  written(record: ApiRecord): void;
  /** A record this process deleted. */
  removed(id: number): void;
}

/** One page-limited whole read: the records, or how many pages the scope has when over the limit. */
export type ScopeRead = { records: ApiRecord[] } | { pages: number };

export interface ScopeSnapshotOptions {
  /** Reads every record of a scope unless it has more than `maxPages` pages. */
  read(scope: string, maxPages: number): Promise<ScopeRead>;
  /** Whether a record belongs to a scope. */
  belongs(scope: string, record: ApiRecord): boolean;
  /** How long a snapshot answers lookups. @default 60000 */
  ttlMs?: number;
  now?: () => number;
}

interface Snapshot {
  takenAt: number;
  records: Promise<ApiRecord[] | undefined>;
  /** Writes of this process while the read is in flight, applied when it lands. */
  pending: ((list: ApiRecord[]) => void)[];
  list?: ApiRecord[];
}

export function createScopeSnapshots(options: ScopeSnapshotOptions): ScopeSnapshots {
  const ttl = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const expected = new Map<string, number>();
  const knownPages = new Map<string, number>();
  const snapshots = new Map<string, Snapshot>();

  const fresh = (s: Snapshot | undefined): s is Snapshot => s !== undefined && now() - s.takenAt < ttl;

  function take(scope: string, maxPages: number): Snapshot {
    const snapshot: Snapshot = { takenAt: now(), pending: [], records: Promise.resolve(undefined) };
    snapshot.records = options.read(scope, maxPages).then(
      (read) => {
        if ("pages" in read) {
          knownPages.set(scope, read.pages);
          if (snapshots.get(scope) === snapshot) snapshots.delete(scope);
          return undefined;
        }
        const list = read.records.slice();
        for (const apply of snapshot.pending) apply(list);
        snapshot.list = list;
        return list;
      },
      (error) => {
        if (snapshots.get(scope) === snapshot) snapshots.delete(scope);
        throw error;
      },
    );
    snapshots.set(scope, snapshot);
    return snapshot;
  }

  /** Applies an edit to every snapshot now, or when its read lands. */
  function edit(apply: (scope: string, list: ApiRecord[]) => void): void {
    for (const [scope, s] of snapshots) {
      if (s.list) apply(scope, s.list);
      else s.pending.push((list) => apply(scope, list));
    }
  }

  const drop = (list: ApiRecord[], id: number) => {
    const i = list.findIndex((r) => r.id === id);
    if (i >= 0) list.splice(i, 1);
  };

  return {
    expect(scope) {
      expected.set(scope, (expected.get(scope) ?? 0) + 1);
    },

    records(scope, minExpected = 1) {
      let s = snapshots.get(scope);
      if (!fresh(s)) {
        // Only where check announced new memberships: a lone create (a replacement) looks up alone.
        const maxPages = expected.get(scope) ?? 0;
        const pages = knownPages.get(scope);
        if (maxPages === 0 || (pages === undefined ? maxPages < minExpected : pages > maxPages)) return undefined;
        s = take(scope, maxPages);
      }
      return s.records;
    },

    written(record) {
      edit((scope, list) => {
        drop(list, record.id);
        if (options.belongs(scope, record)) list.push(record);
      });
    },

    removed(id) {
      edit((_scope, list) => drop(list, id));
    },
  };
}
