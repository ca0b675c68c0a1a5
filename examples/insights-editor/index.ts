// An Insights editor toggle: `pulumi config set canEdit true` and `pulumi up` turns editing on
// with one request; the membership itself stays.
import * as pulumi from "@pulumi/pulumi";
import * as kantata from "pulumi-kantata";

const config = new pulumi.Config();

const membership = new kantata.InsightsAccessGroupMembership("finance-editor", {
  userId: config.getNumber("userId") ?? 62,
  insightsAccessGroupId: config.getNumber("insightsAccessGroupId") ?? 3, // Finance Dashboards
  canEdit: config.getBoolean("canEdit") ?? false,
});

export const membershipId = membership.id;
export const canEdit = membership.canEdit;
export const group = membership.insightsAccessGroupName;
