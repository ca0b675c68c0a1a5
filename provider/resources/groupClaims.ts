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

/** Records that `resource` manages group `groupId`; throws when the two kinds meet. */
export function claimGroup(
  kind: "members" | "membership",
  typeName: string,
  noun: string,
  groupId: pulumi.Input<number | string>,
  resource: string,
  userId?: pulumi.Input<number | string>,
): void {
  pulumi.all([groupId, userId]).apply(([group, user]) => {
    const key = `${noun}:${Number(group)}`;
    const claim = claims.get(key) ?? { single: [] };
    claims.set(key, claim);
    const label = `${typeName} "${resource}"`;
    if (kind === "members") claim.whole = label;
    else claim.single.push(user === undefined ? label : `${label} (user ${user})`);
    if (claim.whole && claim.single.length > 0) {
      throw new Error(
        `${claim.whole} manages ${noun} ${group} as a whole, and ${claim.single.join(", ")} manage(s) single memberships of the same group; ` +
          `they would undo each other's changes. Fix: list those users in ${claim.whole}'s userIds and remove the single memberships, or drop ${claim.whole}.`,
      );
    }
  });
}

/** For tests: forget every claim. */
export function resetClaims(): void {
  claims.clear();
}
