// Team onboarding: many users into several groups, declared as data.
// The ids are those of the Kantata OX simulator's default account; use your own account's ids
// (or find them by email and name: see examples/lookups).
import * as pulumi from "@pulumi/pulumi";
import * as kantata from "pulumi-kantata";

const config = new pulumi.Config();

const team = {
  members: [6, 7, 25, 29, 39],
  accessGroupId: 12, // EMEA Managers
  workspaceGroupIds: [5, 8], // Engineering, Implementation Team
};
const analyst = { userId: 60, insightsAccessGroupId: 4 }; // Delivery Analytics

const accessMemberships = team.members.map(
  (userId) => new kantata.AccessGroupMembership(`emea-managers-${userId}`, { userId, accessGroupId: team.accessGroupId }),
);
const workspaceMemberships = team.members.flatMap((userId) =>
  team.workspaceGroupIds.map(
    (workspaceGroupId) => new kantata.UserGroupMembership(`workspace-${workspaceGroupId}-${userId}`, { userId, workspaceGroupId }),
  ),
);
const insights = new kantata.InsightsAccessGroupMembership("delivery-analyst", {
  ...analyst,
  canEdit: config.getBoolean("analystCanEdit") ?? false,
});

/** Kantata ids of what this stack manages. */
export const accessGroupMembershipIds = accessMemberships.map((m) => m.id);
export const workspaceMembershipIds = workspaceMemberships.map((m) => m.id);
export const analystCanEdit = insights.canEdit;
