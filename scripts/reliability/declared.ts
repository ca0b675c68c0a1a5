/**
 * What the reliability scenarios declare: stacks of memberships of mixed types whose (user, group)
 * pairs are all free in the simulator's account, so the declared state is exactly what the
 * stack must add to it, and a change of part of such a stack.
 */

/** The three membership classes, as the e2e program names them. */
export type MembershipType = "AccessGroupMembership" | "InsightsAccessGroupMembership" | "UserGroupMembership";

/** One resource of the e2e program's spec file. */
export interface Declared {
  type: MembershipType;
  name: string;
  args: Record<string, unknown>;
}

/** One membership record as the simulator holds it, normalised across the three APIs. */
export interface LiveMembership {
  type: MembershipType;
  id: number;
  userId: number;
  groupId: number;
  canEdit?: boolean;
}

/** The account dump of `GET /__simulator/state` (the parts read here). */
export interface AccountDump {
  users: { id: number; account_permission: string }[];
  access_groups: { id: number; account_permission?: string | null }[];
  insights_access_groups: { id: number }[];
  workspace_groups: { id: number }[];
  access_group_memberships: { id: number; user_id: number; access_group_id: number }[];
  insights_access_group_memberships: { id: number; user_id: number; insights_access_group_id: number; can_edit: boolean }[];
  user_group_memberships: { id: number; user_id: number; workspace_group_id: number }[];
}

/** The argument naming the group, per type. */
export const GROUP_ARG: Record<MembershipType, string> = {
  AccessGroupMembership: "accessGroupId",
  InsightsAccessGroupMembership: "insightsAccessGroupId",
  UserGroupMembership: "workspaceGroupId",
};

/** Every membership of the account dump, normalised. */
export function membershipsOf(account: AccountDump): LiveMembership[] {
  return [
    ...account.access_group_memberships.map((m) => ({ type: "AccessGroupMembership" as const, id: Number(m.id), userId: Number(m.user_id), groupId: Number(m.access_group_id) })),
    ...account.insights_access_group_memberships.map((m) => ({
      type: "InsightsAccessGroupMembership" as const,
      id: Number(m.id),
      userId: Number(m.user_id),
      groupId: Number(m.insights_access_group_id),
      canEdit: m.can_edit,
    })),
    ...account.user_group_memberships.map((m) => ({ type: "UserGroupMembership" as const, id: Number(m.id), userId: Number(m.user_id), groupId: Number(m.workspace_group_id) })),
  ];
}

/** `type user group`: the identity of a membership (the API allows one per pair). */
export function pairKey(type: MembershipType, userId: number, groupId: number): string {
  return `${type} user ${userId} group ${groupId}`;
}

export function declaredKey(d: Declared): string {
  return pairKey(d.type, Number(d.args.userId), Number(d.args[GROUP_ARG[d.type]]));
}

/** How many of each type a stack holds. */
export interface StackShape {
  userGroup: number;
  accessGroup: number;
  insights: number;
}

/** Picks free pairs from the account, deterministically, and never the same user twice per type. */
class PairPicker {
  private readonly taken = new Set<string>();
  private readonly insightsUsers = new Set<number>();
  private readonly nonAdmins: number[];

  constructor(account: AccountDump) {
    for (const m of membershipsOf(account)) {
      this.taken.add(pairKey(m.type, m.userId, m.groupId));
      if (m.type === "InsightsAccessGroupMembership") this.insightsUsers.add(m.userId);
    }
    // Administrators are left out: their Insights can_edit defaults to true, everyone else's to false,
    // and the scenarios want the declared canEdit to decide.
    this.nonAdmins = account.users.filter((u) => u.account_permission !== "administrator").map((u) => u.id).sort((a, b) => a - b);
  }

  /** The next user from `cursor` on for whom `free(user)` holds; marks the pair taken. */
  pick(type: MembershipType, groupId: number, cursor: { at: number }): number {
    for (; cursor.at < this.nonAdmins.length; cursor.at++) {
      const user = this.nonAdmins[cursor.at];
      const key = pairKey(type, user, groupId);
      if (this.taken.has(key)) continue;
      if (type === "InsightsAccessGroupMembership" && this.insightsUsers.has(user)) continue;
      this.taken.add(key);
      if (type === "InsightsAccessGroupMembership") this.insightsUsers.add(user);
      cursor.at++;
      return user;
    }
    throw new Error(`no free ${type} pair left for group ${groupId}`);
  }
}

/** Custom access groups (8–14; 1–7 are the Account Default groups, which Kantata refuses). */
export const CUSTOM_ACCESS_GROUPS = [8, 9, 10, 11, 12, 13, 14];
/** Custom classic Insights groups. */
export const INSIGHTS_GROUPS = [3, 4, 5];
/** Workspace groups. */
export const WORKSPACE_GROUPS = [1, 2, 3, 4, 5, 6, 7, 8];

/** A declared stack plus the picker that made it, so a change can take more free users. */
export interface Plan {
  declared: Declared[];
  picker: PairPicker;
  cursors: Record<MembershipType, { at: number }>;
}

/**
 * A stack of the given shape: user-group memberships spread over the eight workspace groups,
 * access-group memberships over the seven custom groups, Insights memberships over groups 3–5
 * with canEdit alternating true/false. Users come from separate ranges per type.
 */
export function planStack(account: AccountDump, shape: StackShape, prefix = ""): Plan {
  const picker = new PairPicker(account);
  const cursors: Plan["cursors"] = { UserGroupMembership: { at: 100 }, AccessGroupMembership: { at: 600 }, InsightsAccessGroupMembership: { at: 1100 } };
  const declared: Declared[] = [];
  for (let i = 0; i < shape.userGroup; i++) {
    const group = WORKSPACE_GROUPS[i % WORKSPACE_GROUPS.length];
    const user = picker.pick("UserGroupMembership", group, cursors.UserGroupMembership);
    declared.push({ type: "UserGroupMembership", name: `${prefix}ugm-${i}`, args: { userId: user, workspaceGroupId: group } });
  }
  for (let i = 0; i < shape.accessGroup; i++) {
    const group = CUSTOM_ACCESS_GROUPS[i % CUSTOM_ACCESS_GROUPS.length];
    const user = picker.pick("AccessGroupMembership", group, cursors.AccessGroupMembership);
    declared.push({ type: "AccessGroupMembership", name: `${prefix}agm-${i}`, args: { userId: user, accessGroupId: group } });
  }
  for (let i = 0; i < shape.insights; i++) {
    const group = INSIGHTS_GROUPS[i % INSIGHTS_GROUPS.length];
    const user = picker.pick("InsightsAccessGroupMembership", group, cursors.InsightsAccessGroupMembership);
    declared.push({ type: "InsightsAccessGroupMembership", name: `${prefix}iagm-${i}`, args: { userId: user, insightsAccessGroupId: group, canEdit: i % 2 === 0 } });
  }
  return { declared, picker, cursors };
}

/** What a change did, by kind. */
export interface ChangeSummary {
  canEditFlips: number;
  replaced: number;
  removed: number;
}

/**
 * A change of part of a planned stack: `flips` Insights memberships flip canEdit (an update in
 * place), `replaced` memberships get another user (delete, then create), `removed` are dropped.
 * Replacements and removals are spread over the three types. Returns the new declaration.
 */
export function planChange(plan: Plan, counts: ChangeSummary): { declared: Declared[]; summary: ChangeSummary } {
  const next: Declared[] = plan.declared.map((d) => ({ ...d, args: { ...d.args } }));
  const insights = next.filter((d) => d.type === "InsightsAccessGroupMembership");
  if (counts.canEditFlips > insights.length) throw new Error(`only ${insights.length} Insights memberships to flip`);
  for (const d of insights.slice(0, counts.canEditFlips)) d.args.canEdit = !d.args.canEdit;

  // Replace and remove from the end of each type's list, round-robin over the types, away from the flipped ones.
  const byType = (t: MembershipType) => next.filter((d) => d.type === t).reverse();
  const queues = [byType("UserGroupMembership"), byType("AccessGroupMembership"), byType("InsightsAccessGroupMembership").filter((d) => !insights.slice(0, counts.canEditFlips).includes(d))];
  const take = (): Declared => {
    for (let tries = 0; tries < queues.length; tries++) {
      const q = queues[takeTurn++ % queues.length];
      const d = q.shift();
      if (d) return d;
    }
    throw new Error("nothing left to change");
  };
  let takeTurn = 0;
  const removed = new Set<Declared>();
  for (let i = 0; i < counts.replaced; i++) {
    const d = take();
    const group = Number(d.args[GROUP_ARG[d.type]]);
    d.args.userId = plan.picker.pick(d.type, group, plan.cursors[d.type]);
  }
  for (let i = 0; i < counts.removed; i++) removed.add(take());
  return { declared: next.filter((d) => !removed.has(d)), summary: counts };
}
