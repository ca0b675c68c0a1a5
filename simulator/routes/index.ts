/** Every API route of the simulator, in one table. */
import { Route } from "../router";
import { accessGroupMembershipRoutes } from "./accessGroupMemberships";
import { accessGroupRoutes } from "./accessGroups";
import { insightsAccessGroupMembershipRoutes } from "./insightsAccessGroupMemberships";
import { insightsAccessGroupRoutes } from "./insightsAccessGroups";
import { userGroupMembershipRoutes } from "./userGroupMemberships";
import { userRoutes } from "./users";
import { workspaceGroupRoutes } from "./workspaceGroups";
import { genericRoutes } from "./genericMemberships";
import { genericTypes } from "../genericTypes";

/** The routes below `/api/v1`. */
export const apiRoutes: readonly Route[] = [
  ...accessGroupMembershipRoutes,
  ...insightsAccessGroupMembershipRoutes,
  ...userGroupMembershipRoutes,
  ...userRoutes,
  ...accessGroupRoutes,
  ...insightsAccessGroupRoutes,
  ...workspaceGroupRoutes,
  ...genericTypes.flatMap(genericRoutes),
];
