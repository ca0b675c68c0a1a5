import * as pulumi from "@pulumi/pulumi";

/**
 * Detects, in one program, two resources that would claim the same people: a group managed both
 * as a whole (AccessGroupMembers, WorkspaceGroupMembers) and one membership at a time, a group
 * managed as a whole twice, or one (user, group) pair declared twice. Each would undo the
 * other's changes, or remove a person the other still declares.
 */
interface Claim {
  whole: string[];
  single: { label: string; user?: string }[];
}

const claims = new Map<string, Claim>();

/** What is wrong with a group's claims, or undefined. */
function conflict(noun: string, group: number | string, claim: Claim, latest: { label: string; user?: string }): string | undefined {
  const [whole] = claim.whole;
  if (claim.whole.length > 1) {
    return (
      `${claim.whole.join(" and ")} all manage ${noun} ${group} as a whole; each would treat the other's users as members nobody listed. ` +
      `Fix: keep one resource for the group, listing every user in its userIds.`
    );
  }
  if (whole && claim.single.length > 0) {
    const singles = claim.single.map((c) => (c.user === undefined ? c.label : `${c.label} (user ${c.user})`));
    return (
      `${whole} manages ${noun} ${group} as a whole, and ${singles.join(", ")} manage(s) single memberships of the same group; ` +
      `they would undo each other's changes. Fix: list those users in ${whole}'s userIds and remove the single memberships, or drop ${whole}.`
    );
  }
  if (latest.user !== undefined) {
    const same = claim.single.filter((c) => c.user === latest.user);
    if (same.length > 1) {
      return (
        `${same.map((c) => c.label).join(" and ")} both declare user ${latest.user} in ${noun} ${group}; they would share one membership, ` +
        `and deleting either would remove the user although the other still declares them. Fix: declare the membership once.`
      );
    }
  }
  return undefined;
}

/**
 * Records that `resource` manages group `groupId` (or, for a type whose memberships are told apart
 * by something else, that scope: a start date); fails the program when two claims collide. */
export function claimGroup(
  kind: "members" | "membership",
  typeName: string,
  noun: string,
  groupId: pulumi.Input<number | string>,
  resource: string,
  userId?: pulumi.Input<number | string>,
): void {
  const record = (group: number | string, user: number | string | undefined, report: (message: string) => void) => {
    const scope = typeof group === "string" && /^\s*\d+\s*$/.test(group) ? Number(group) : group;
    const key = `${noun}:${scope}`;
    const claim = claims.get(key) ?? { whole: [], single: [] };
    claims.set(key, claim);
    const latest = { label: `${typeName} "${resource}"`, user: user === undefined ? undefined : String(Number(user)) };
    if (kind === "members") claim.whole.push(latest.label);
    else claim.single.push(latest);
    const message = conflict(noun, scope, claim, latest);
    if (message) report(message);
  };
  // Plain values (the common case) are checked at once, so the program stops right there.
  const plain = (v: unknown) => v === undefined || typeof v === "number" || typeof v === "string";
  if (plain(groupId) && plain(userId)) {
    record(groupId as number | string, userId as number | string | undefined, (message) => {
      throw new Error(message);
    });
  } else {
    // An error diagnostic fails the run as surely as a throw, without an unhandled rejection.
    pulumi.all([groupId, userId]).apply(([group, user]) => record(group, user, (message) => void pulumi.log.error(message)));
  }
}

/** For tests: forget every claim. */
export function resetClaims(): void {
  claims.clear();
}
