/**
 * The (user, group) pairs that the program being deployed declares, as `check` sees them.
 *
 * The engine checks every resource of the program before it deletes the ones the program no
 * longer has, and all of them go to this one provider process. So when a membership moves to
 * another resource — a renamed resource, an authoritative group split into single memberships,
 * an exported program that replaces a hand-written one — the new resource has claimed the pair
 * by the time the old one is deleted, and the delete leaves the person where they are instead
 * of removing someone the program still declares.
 */
const declared = new Set<string>();
/** How many pairs each user has, per collection (`/skill_memberships:12`). */
const perUser = new Map<string, number>();

const key = (collection: string, scope: number | string, userId: number) => `${collection}:${scope}:${userId}`;

/**
 * Records that the program declares `userId` in `scope` of a membership collection (e.g.
 * `/user_group_memberships`): the group id, or what else identifies the membership (a start date).
 */
export function declarePair(collection: string, scope: unknown, userId: unknown): void {
  if ((typeof scope !== "number" && typeof scope !== "string") || typeof userId !== "number") return;
  const k = key(collection, scope, userId);
  if (declared.has(k)) return;
  declared.add(k);
  perUser.set(`${collection}:${userId}`, declaredCount(collection, userId) + 1);
}

/** How many memberships of a collection the program declares for one user. */
export function declaredCount(collection: string, userId: number): number {
  return perUser.get(`${collection}:${userId}`) ?? 0;
}

/** True when the program being deployed declares this pair in some resource. */
export function isDeclared(collection: string, scope: number | string, userId: number): boolean {
  return declared.has(key(collection, scope, userId));
}

/** For tests: forget every pair. */
export function resetDeclaredPairs(): void {
  declared.clear();
  perUser.clear();
}
