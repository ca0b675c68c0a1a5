import { z } from "zod";
import { apiId, MembershipDescriptor } from "./descriptor";

/**
 * A user's membership of a Workspace Group. The API has no show route and no update, but it
 * accepts bulk creates of up to 100 under the plural key.
 */
export const userGroupMembership: MembershipDescriptor = {
  typeName: "UserGroupMembership",
  exportType: "workspace",
  path: "/user_group_memberships",
  collectionKey: "user_group_memberships",
  objectKey: "user_group_membership",
  group: { arg: "workspaceGroupId", api: "workspace_group_id", noun: "workspace group", path: "/workspace_groups", key: "workspace_groups" },
  filters: { user: "user_ids", group: "group_ids", userList: true, groupList: true },
  updatable: [],
  computed: [
    { arg: "creatorId", api: "creator_id", schema: apiId.nullish(), doc: "Id of the user who added the member." },
    { arg: "createdAt", api: "created_at", schema: z.string().nullish(), doc: "When the membership was created." },
  ],
  readById: "only",
  defaultOrder: "created_at:desc",
  bulkCreateMax: 100,
};
