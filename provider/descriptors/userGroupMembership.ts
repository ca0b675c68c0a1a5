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
  group: {
    arg: "workspaceGroupId",
    api: "workspace_group_id",
    noun: "workspace group",
    path: "/workspace_groups",
    key: "workspace_groups",
    lookup: "getWorkspaceGroup",
    example: "Engineering",
    fields: [
      { arg: "company", api: "company", schema: z.boolean().nullish(), doc: "True for a company (a client), false for an internal group." },
      { arg: "contactName", api: "contact_name", schema: z.string().nullish(), doc: "The group's contact person." },
      { arg: "email", api: "email", schema: z.string().nullish(), doc: "The group's contact email." },
      { arg: "phoneNumber", api: "phone_number", schema: z.string().nullish(), doc: "The group's phone number." },
      { arg: "address", api: "address", schema: z.string().nullish(), doc: "The group's postal address." },
      { arg: "website", api: "website", schema: z.string().nullish(), doc: "The group's website." },
      { arg: "notes", api: "notes", schema: z.string().nullish(), doc: "Free-text notes." },
      { arg: "createdAt", api: "created_at", schema: z.string().nullish(), doc: "When the group was created." },
      { arg: "updatedAt", api: "updated_at", schema: z.string().nullish(), doc: "When the group last changed." },
    ],
  },
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
