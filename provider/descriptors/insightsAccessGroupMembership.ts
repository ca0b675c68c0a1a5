import { z } from "zod";
import { apiId, MembershipDescriptor } from "./descriptor";

/**
 * A user's membership of a classic Insights Access Group. A user belongs to at most one such
 * group; `can_edit` is the one field that changes in place.
 */
export const insightsAccessGroupMembership: MembershipDescriptor = {
  typeName: "InsightsAccessGroupMembership",
  exportType: "insights",
  path: "/insights_access_group_memberships",
  collectionKey: "insights_access_group_memberships",
  objectKey: "insights_access_group_membership",
  group: {
    arg: "insightsAccessGroupId",
    api: "insights_access_group_id",
    noun: "Insights access group",
    path: "/insights_access_groups",
    key: "insights_access_groups",
    nameKey: "insights_access_group_name",
    lookup: "getInsightsAccessGroup",
    example: "Finance Dashboards",
    fields: [
      { arg: "groupMemberCount", api: "group_member_count", schema: z.number().int().nonnegative().nullish(), doc: "How many users the group has." },
      { arg: "isAdminDefault", api: "is_admin_default", schema: z.boolean().nullish(), doc: "True for the group Account Administrators join by default." },
      { arg: "isReportsViewerDefault", api: "is_reports_viewer_default", schema: z.boolean().nullish(), doc: "True for the group report viewers join by default." },
      { arg: "dashboardNames", api: "dashboard_names", schema: z.array(z.string()).nullish(), doc: "The dashboards the group sees." },
    ],
  },
  filters: { user: "user_ids", group: "by_access_group_id", userList: true, groupList: false },
  updatable: [
    {
      arg: "canEdit",
      api: "can_edit",
      schema: z.boolean(),
      input: { expected: "true or false", fix: "a boolean" },
      doc: "Whether the user may edit in classic Insights.",
      warnWhenTrue: "can_edit gives the user access to all account data through classic Insights, and may take up to 15 minutes to take effect.",
    },
  ],
  computed: [
    { arg: "insightsAccessGroupName", api: "insights_access_group_name", schema: z.string().nullish(), doc: "Name of the Insights access group." },
    { arg: "createdAt", api: "created_at", schema: z.string().nullish(), doc: "When the membership was created." },
    { arg: "updatedAt", api: "updated_at", schema: z.string().nullish(), doc: "When the membership last changed." },
  ],
  readById: "show",
  defaultOrder: "created_at:desc",
  onePerUser: true,
};
