import { accessGroupMembership } from "./accessGroupMembership";
import { insightsAccessGroupMembership } from "./insightsAccessGroupMembership";
import { userGroupMembership } from "./userGroupMembership";
import { skillMembership } from "./skillMembership";
import { holidayCalendarMembership } from "./holidayCalendarMembership";
import { MembershipDescriptor } from "./descriptor";

export * from "./descriptor";
export { accessGroupMembership, insightsAccessGroupMembership, userGroupMembership, skillMembership, holidayCalendarMembership };

/** Every membership type, by class name. */
export const descriptors: Record<string, MembershipDescriptor> = Object.fromEntries(
  [accessGroupMembership, insightsAccessGroupMembership, userGroupMembership, skillMembership, holidayCalendarMembership].map((d) => [d.typeName, d]),
);

/**
 * Authoritative group resources ("this group has exactly these users"), by class name, each
 * with the descriptor of the membership type it manages.
 */
export const groupMembersTypes: Record<string, MembershipDescriptor> = {
  AccessGroupMembers: accessGroupMembership,
  WorkspaceGroupMembers: userGroupMembership,
  SkillMembers: skillMembership,
};
