/**
 * The membership types the simulator serves from their descriptors alone: every descriptor but
 * the first three, whose routes were written by hand before the generic ones existed (they carry
 * options of their own: Account Default groups, the one-Insights-group rule, bulk modes).
 */
import { descriptors, MembershipDescriptor } from "../provider/descriptors";

const HAND_WRITTEN = new Set(["AccessGroupMembership", "InsightsAccessGroupMembership", "UserGroupMembership"]);

/** The descriptor-driven types, in declaration order. */
export const genericTypes: readonly MembershipDescriptor[] = Object.values(descriptors).filter((d) => !HAND_WRITTEN.has(d.typeName));

/** A group of a generic type (a skill, a holiday calendar): its id, name and the descriptor's `group.fields`. */
export type GenericGroup = { id: number; name: string } & Record<string, unknown>;

/** A membership of a generic type; times are epoch milliseconds. */
export type GenericMembership = { id: number; user_id: number; creator_id: number | null; created_at: number; updated_at: number } & Record<string, unknown>;

/** The first id of a new membership of the i-th generic type: its own range, as for the first three. */
export function firstIdOf(d: MembershipDescriptor): number {
  return 70001 + 20000 * genericTypes.indexOf(d);
}
