/**
 * pulumi-kantata: Kantata OX group memberships as Pulumi resources.
 *
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * new kantata.AccessGroupMembership("ops-admins", { userId: 101, accessGroupId: 7 });
 * ```
 */
export * from "./resources/accessGroupMembership";
export * from "./resources/insightsAccessGroupMembership";
export * from "./resources/userGroupMembership";
export * from "./resources/skillMembership";
export * from "./resources/holidayCalendarMembership";
export { typeToken, MODULE } from "./resources/membershipResource";
export { DEFAULT_BASE_URL, Settings, resolveSettings, SettingsError } from "./config";
export * from "./resources/accessGroupMembers";
export * from "./resources/workspaceGroupMembers";
export * from "./resources/skillMembers";
export * from "./lookups";
