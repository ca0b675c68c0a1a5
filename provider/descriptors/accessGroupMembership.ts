import { z } from "zod";
import { apiId, MembershipDescriptor } from "./descriptor";

/** A user's membership of an Access Group (product access). Created and deleted, never updated. */
export const accessGroupMembership: MembershipDescriptor = {
  typeName: "AccessGroupMembership",
  exportType: "access",
  path: "/access_group_memberships",
  collectionKey: "access_group_memberships",
  objectKey: "access_group_membership",
  group: {
    arg: "accessGroupId",
    api: "access_group_id",
    noun: "access group",
    path: "/access_groups",
    key: "access_groups",
    nameKey: "access_group_name",
    lookup: "getAccessGroup",
    example: "Finance Reviewers",
    fields: [
      { arg: "description", api: "description", schema: z.string().nullish(), doc: "The group's description." },
      { arg: "isAccountDefault", api: "is_account_default", schema: z.boolean().nullish(), doc: "True for the seven Account Default groups, which Kantata refuses memberships of." },
      { arg: "createdAt", api: "created_at", schema: z.string().nullish(), doc: "When the group was created." },
    ],
  },
  filters: { user: "user_id", group: "access_group_id", userList: false, groupList: false },
  updatable: [],
  computed: [
    { arg: "accessGroupName", api: "access_group_name", schema: z.string().nullish(), doc: "Name of the access group." },
    { arg: "creatorId", api: "creator_id", schema: apiId.nullish(), doc: "Id of the user who added the member." },
    { arg: "createdAt", api: "created_at", schema: z.string().nullish(), doc: "When the membership was created." },
  ],
  readById: "show",
  defaultOrder: "id:asc",
};
