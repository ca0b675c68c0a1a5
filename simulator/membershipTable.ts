/**
 * One membership collection held in memory, indexed by user, by group and by (user, group)
 * pair, so filtered lists and duplicate checks never scan the whole collection.
 */

/** What every membership record has. */
export interface MembershipRow {
  id: number;
  user_id: number;
}

/**
 * Rows are kept in id order: they are loaded sorted and new ids only grow, and `Map`/`Set`
 * iterate in insertion order. So iterating any index yields ids ascending without sorting.
 */
export class MembershipTable<R extends MembershipRow> {
  private readonly rows = new Map<number, R>();
  private readonly byUser = new Map<number, Set<number>>();
  private readonly byGroup = new Map<number, Set<number>>();
  private readonly byPair = new Map<string, number>();
  private nextId: number;

  /**
   * @param groupOf reads the group id of a row (`access_group_id`, `workspace_group_id`, ...).
   * @param firstId the smallest id a new membership gets; when larger ids are loaded, new ids
   *   continue after the largest one.
   */
  constructor(private readonly groupOf: (row: R) => number, private readonly firstId: number) {
    this.nextId = firstId;
  }

  /** Replaces the content with `rows` (sorted by id) and restarts the id sequence after them. */
  load(rows: R[]): void {
    this.rows.clear();
    this.byUser.clear();
    this.byGroup.clear();
    this.byPair.clear();
    this.nextId = this.firstId;
    for (const row of rows) this.add(row);
  }

  /** Stores a new row under the next id and returns it. */
  insert(fields: Omit<R, "id">): R {
    const row = { ...fields, id: this.nextId } as R;
    this.add(row);
    return row;
  }

  /** Removes a row; returns it, or undefined when there was none. */
  delete(id: number): R | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.rows.delete(id);
    this.byUser.get(row.user_id)?.delete(id);
    this.byGroup.get(this.groupOf(row))?.delete(id);
    this.byPair.delete(pairKey(row.user_id, this.groupOf(row)));
    return row;
  }

  /** Replaces a stored row by a changed copy (its group may differ), keeping its id. */
  update(row: R): void {
    const old = this.rows.get(row.id);
    if (!old) throw new Error(`no row ${row.id}`);
    this.byGroup.get(this.groupOf(old))?.delete(row.id);
    this.byPair.delete(pairKey(old.user_id, this.groupOf(old)));
    this.rows.set(row.id, row); // an existing key keeps its place: id order holds
    const group = this.byGroup.get(this.groupOf(row));
    // A row joining a group whose set holds larger ids: rebuild the set so it stays ascending.
    if (group && [...group].some((id) => id > row.id)) this.byGroup.set(this.groupOf(row), new Set([...group, row.id].sort((a, b) => a - b)));
    else indexAdd(this.byGroup, this.groupOf(row), row.id);
    this.byPair.set(pairKey(row.user_id, this.groupOf(row)), row.id);
  }

  /** The row with this id. */
  get(id: number): R | undefined {
    return this.rows.get(id);
  }

  /** The membership of this user in this group, if any. */
  findPair(userId: number, groupId: number): R | undefined {
    const id = this.byPair.get(pairKey(userId, groupId));
    return id === undefined ? undefined : this.rows.get(id);
  }

  /** Every row, ids ascending. */
  all(): IterableIterator<R> {
    return this.rows.values();
  }

  /** The rows of one user, ids ascending. */
  ofUser(userId: number): R[] {
    return this.resolve(this.byUser.get(userId));
  }

  /** The rows of one group, ids ascending. */
  ofGroup(groupId: number): R[] {
    return this.resolve(this.byGroup.get(groupId));
  }

  /** How many members a group has. */
  countOfGroup(groupId: number): number {
    return this.byGroup.get(groupId)?.size ?? 0;
  }

  /** Number of rows. */
  get size(): number {
    return this.rows.size;
  }

  private add(row: R): void {
    this.rows.set(row.id, row);
    indexAdd(this.byUser, row.user_id, row.id);
    indexAdd(this.byGroup, this.groupOf(row), row.id);
    this.byPair.set(pairKey(row.user_id, this.groupOf(row)), row.id);
    this.nextId = Math.max(this.nextId, row.id + 1);
  }

  private resolve(ids: Set<number> | undefined): R[] {
    if (!ids) return [];
    const out: R[] = [];
    for (const id of ids) out.push(this.rows.get(id)!);
    return out;
  }
}

function pairKey(userId: number, groupId: number): string {
  return `${userId}:${groupId}`;
}

function indexAdd(index: Map<number, Set<number>>, key: number, id: number): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}
