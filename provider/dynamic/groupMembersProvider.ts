import { MembershipDescriptor } from "../descriptors";
import { ApiRecord, MembershipApi } from "./membershipApi";
import { CheckFailure, UNKNOWN } from "./inputs";
import { checkGroupMembersInputs } from "./groupMembersInputs";
import { describeApiError, isDuplicate, isNotFound } from "./apiErrors";
import { MembershipProvider, Props } from "./membershipProvider";

/** What the authoritative provider needs besides the API. */
export interface GroupMembersOptions {
  log?: (message: string) => void;
  settingsProblem?: () => CheckFailure | undefined;
}

/**
 * The provider of an authoritative group resource ("this group has exactly these users"),
 * built from the descriptor of the group's membership type. Joins use the membership API's
 * create (bulk where the API has it), leaves one DELETE each; the group is read in full, page
 * by page, before every change, so a change made outside Pulumi is seen and never overwritten
 * silently.
 */
export function createGroupMembersProvider(typeName: string, d: MembershipDescriptor, api: () => MembershipApi, options: GroupMembersOptions = {}): MembershipProvider {
  const groupArg = d.group.arg;
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
  const few = (ids: number[]) => `[${ids.slice(0, 20).join(", ")}${ids.length > 20 ? ", …" : ""}]`;
  const idsOf = (v: unknown) => (Array.isArray(v) ? (v as number[]) : []);

  function outputs(groupId: number, userIds: number[], inputs: Props): Props {
    const outs: Props = { [groupArg]: groupId, userIds: sorted(userIds) };
    if (inputs.removeUnlistedMembers !== undefined) outs.removeUnlistedMembers = inputs.removeUnlistedMembers;
    return outs;
  }

  /** Members of the group who are neither wanted nor managed by this resource. */
  function guard(groupId: number, live: ApiRecord[], wanted: Set<number>, managed: Set<number>, inputs: Props): void {
    const unlisted = live.filter((r) => !wanted.has(r.user_id) && !managed.has(r.user_id));
    if (unlisted.length > 0 && inputs.removeUnlistedMembers !== true) {
      throw new Error(
        `${typeName}: ${d.group.noun} ${groupId} has ${unlisted.length} member(s) not in userIds: ${few(unlisted.map((r) => r.user_id))}. ` +
          `Nobody is removed without being asked. Fix: add them to userIds, or set removeUnlistedMembers: true to remove them.`,
      );
    }
  }

  /** Makes the group's membership equal `wanted`, leaving alone members neither wanted nor removable. */
  async function converge(groupId: number, wanted: number[], managed: number[], inputs: Props): Promise<number[]> {
    const live = await api().listGroup(groupId);
    const wantedSet = new Set(wanted);
    const managedSet = new Set(managed);
    guard(groupId, live, wantedSet, managedSet, inputs);
    const liveUsers = new Set(live.map((r) => r.user_id));
    const joins = wanted.filter((u) => !liveUsers.has(u));
    const leaves = live.filter((r) => !wantedSet.has(r.user_id));
    if (joins.length || leaves.length) {
      options.log?.(`${typeName} ${d.group.noun} ${groupId}: ${joins.length} join(s) ${few(joins)}, ${leaves.length} leave(s) ${few(leaves.map((r) => r.user_id))}`);
    }
    const failures: string[] = [];
    // Unknown users and refused groups are found by reads before any write.
    await Promise.all(joins.map((u) => api().verify(u, groupId).catch((err) => void failures.push((err as Error).message))));
    if (failures.length) throw new Error(`${typeName} ${d.group.noun} ${groupId}: nothing was changed: ${failures.join(" | ")}`);
    await Promise.all([
      ...joins.map((u) =>
        api()
          .create(u, groupId)
          .catch((err) => {
            if (!isDuplicate(err)) failures.push(`user ${u} could not join: ${describeApiError(err, `adding user ${u}`, d).message}`);
          }),
      ),
      ...leaves.map((r) =>
        api()
          .remove(r.id)
          .catch((err) => void failures.push(`user ${r.user_id} could not leave: ${describeApiError(err, `removing membership ${r.id}`, d).message}`)),
      ),
    ]);
    if (failures.length) throw new Error(`${typeName} ${d.group.noun} ${groupId}: ${failures.length} change(s) failed: ${failures.join(" | ")}`);
    return wanted;
  }

  return {
    async check(_olds, news) {
      const result = checkGroupMembersInputs(typeName, d, news);
      const problem = options.settingsProblem?.();
      if (problem) result.failures.push(problem);
      return result;
    },

    async diff(_id, olds, news) {
      const replaces = news[groupArg] === UNKNOWN || Number(news[groupArg]) !== Number(olds[groupArg]) ? [groupArg] : [];
      const changes =
        replaces.length > 0 ||
        news.userIds === UNKNOWN ||
        JSON.stringify(sorted(idsOf(news.userIds))) !== JSON.stringify(sorted(idsOf(olds.userIds))) ||
        (news.removeUnlistedMembers ?? false) !== (olds.removeUnlistedMembers ?? false);
      return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      const groupId = inputs[groupArg] as number;
      try {
        const members = await converge(groupId, idsOf(inputs.userIds), [], inputs);
        return { id: String(groupId), outs: outputs(groupId, members, inputs) };
      } catch (err) {
        throw describeApiError(err, `creating ${typeName} for ${d.group.noun} ${groupId}`, d);
      }
    },

    async read(id, props) {
      const groupId = Number(props[groupArg] ?? id);
      let live: ApiRecord[];
      try {
        live = await api().listGroup(groupId);
      } catch (err) {
        if (isNotFound(err)) return {};
        throw describeApiError(err, `reading ${typeName} ${id}`, d);
      }
      const outs = outputs(groupId, live.map((r) => r.user_id), props);
      return { id: String(groupId), props: outs, inputs: { ...outs } };
    },

    async update(_id, olds, news) {
      const groupId = news[groupArg] as number;
      const sameUsers = JSON.stringify(sorted(idsOf(news.userIds))) === JSON.stringify(sorted(idsOf(olds.userIds)));
      if (sameUsers && news.removeUnlistedMembers !== true) return { outs: outputs(groupId, idsOf(olds.userIds), news) };
      try {
        const members = await converge(groupId, idsOf(news.userIds), idsOf(olds.userIds), news);
        return { outs: outputs(groupId, members, news) };
      } catch (err) {
        throw describeApiError(err, `updating ${typeName} for ${d.group.noun} ${groupId}`, d);
      }
    },

    async delete(id, props) {
      const groupId = Number(props[groupArg] ?? id);
      try {
        const managed = new Set(idsOf(props.userIds));
        const live = await api().listGroup(groupId);
        // Only the users this resource declared leave: people added outside Pulumi stay.
        await Promise.all(live.filter((r) => managed.has(r.user_id)).map((r) => api().remove(r.id)));
      } catch (err) {
        if (isNotFound(err)) return;
        throw describeApiError(err, `deleting ${typeName} ${id}`, d);
      }
    },
  };
}
