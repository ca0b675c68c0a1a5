import * as pulumi from "@pulumi/pulumi";

/**
 * Detects a group managed both as a whole (AccessGroupMembers, WorkspaceGroupMembers) and one
 * membership at a time (AccessGroupMembership, UserGroupMembership) in one program: the two
 * would undo each other's changes on every `pulumi up`.
 */
interface Claim {
  whole?: string;
  single: string[];
}

const claims = new Map<string, Claim>();

/** Records that `resource` manages group `groupId`; fails the program when the two kinds meet. */
export function claimGroup(
  kind: "members" | "membership",
  typeName: string,
  noun: string,
  groupId: pulumi.Input<number | string>,
  resource: string,
  userId?: pulumi.Input<number | string>,
): void {
  const record = (group: number | string, user: number | string | undefined, report: (message: string) => void) => {
    const key = `${noun}:${Number(group)}`;
    const claim = claims.get(key) ?? { single: [] };
    claims.set(key, claim);
    const label = `${typeName} "${resource}"`;
    if (kind === "members") claim.whole = label;
    else claim.single.push(user === undefined ? label : `${label} (user ${user})`);
    if (claim.whole && claim.single.length > 0) {
      report(
        `${claim.whole} manages ${noun} ${group} as a whole, and ${claim.single.join(", ")} manage(s) single memberships of the same group; ` +
          `they would undo each other's changes. Fix: list those users in ${claim.whole}'s userIds and remove the single memberships, or drop ${claim.whole}.`,
      );
    }
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
