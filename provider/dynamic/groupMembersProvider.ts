import { MembershipDescriptor } from "../descriptors";
import { ApiRecord, MembershipApi } from "./membershipApi";
import { CheckFailure, UNKNOWN } from "./inputs";
import { checkGroupMembersInputs } from "./groupMembersInputs";
import { describeApiError, isDuplicate, isNotFound } from "./apiErrors";
import { MembershipProvider, Props } from "./membershipProvider";
import { declarePair, isDeclared } from "./declaredPairs";
import { Plan, PLAN_OUTPUT, PREVIEW_FLAG } from "./plan";

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
  const sameIds = (a: unknown, b: unknown) => JSON.stringify(sorted(idsOf(a))) === JSON.stringify(sorted(idsOf(b)));

  /**
   * The inputs as state keeps them. `userIds` is only ever what the program declared (never
   * widened by a read), so that no later diff, update or delete mistakes someone added outside
   * Pulumi for someone the program dropped.
   */
  function inputsOf(groupId: number, userIds: number[], inputs: Props): Props {
    const outs: Props = { [groupArg]: groupId, userIds: sorted(userIds) };
    if (inputs.removeUnlistedMembers !== undefined) outs.removeUnlistedMembers = inputs.removeUnlistedMembers;
    return outs;
  }

  /** The outputs: the inputs, plus the members nobody listed (added outside Pulumi), as last seen. */
  function outputs(groupId: number, userIds: number[], unlisted: number[], inputs: Props): Props {
    return { ...inputsOf(groupId, userIds, inputs), unlistedMemberIds: sorted(unlisted) };
  }

  function unlistedMessage(groupId: number, unlisted: number[]): string {
    return `${typeName}: ${d.group.noun} ${groupId} has ${unlisted.length} member(s) not in userIds: ${few(unlisted)}. `;
  }

  /** Fails a write to a group that holds people nobody listed, unless the program asked to remove them. */
  function guard(groupId: number, unlisted: number[], inputs: Props): void {
    if (unlisted.length > 0 && inputs.removeUnlistedMembers !== true) {
      throw new Error(
        unlistedMessage(groupId, unlisted) +
          `Nobody is removed without being asked. Fix: add them to userIds, or set removeUnlistedMembers: true to remove them.`,
      );
    }
  }

  /**
   * Makes the group's membership equal `wanted`. Leaves only users that the program named
   * before (`managed`) and no longer wants, plus — with `removeUnlistedMembers: true` only —
   * members nobody listed.
   */
  async function converge(groupId: number, wanted: number[], managed: number[], inputs: Props): Promise<number[]> {
    const live = await api().listGroup(groupId);
    const wantedSet = new Set(wanted);
    const managedSet = new Set(managed);
    const unlisted = live.filter((r) => !wantedSet.has(r.user_id) && !managedSet.has(r.user_id));
    guard(groupId, unlisted.map((r) => r.user_id), inputs);
    const liveUsers = new Set(live.map((r) => r.user_id));
    const joins = wanted.filter((u) => !liveUsers.has(u));
    const leaves = live.filter((r) => !wantedSet.has(r.user_id) && (managedSet.has(r.user_id) || inputs.removeUnlistedMembers === true));
    if (joins.length || leaves.length) {
      options.log?.(`${typeName} ${d.group.noun} ${groupId}: ${joins.length} join(s) ${few(joins)}, ${leaves.length} leave(s) ${few(leaves.map((r) => r.user_id))}`);
    }
    const failures: string[] = [];
    api().expectCreates(joins.length);
    // Joins look nothing up: they are known absent from the group read above.
    api().skip(["lookup"], joins.length);
    // Unknown users and refused groups are found by reads before any write.
    await Promise.all(joins.map((u) => api().verify(u, groupId).catch((err) => void failures.push((err as Error).message))));
    if (failures.length) {
      api().skip(["create"], joins.length);
      throw new Error(`${typeName} ${d.group.noun} ${groupId}: nothing was changed: ${failures.join(" | ")}`);
    }
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

  /** What `pulumi up` will do with this group, new to the stack, read for a preview. */
  async function plan(groupId: number, wanted: number[], inputs: Props): Promise<Plan> {
    const live = await api().listGroup(groupId);
    const liveUsers = new Set(live.map((r) => r.user_id));
    const wantedSet = new Set(wanted);
    const unlisted = live.filter((r) => !wantedSet.has(r.user_id)).map((r) => r.user_id);
    const kept = wanted.filter((u) => liveUsers.has(u)).length;
    const joins = wanted.length - kept;
    const removeUnlisted = inputs.removeUnlistedMembers === true;
    if (unlisted.length > 0 && !removeUnlisted) {
      return { action: "fail", writes: 0, message: `will fail: ${unlistedMessage(groupId, unlisted)}Fix: add them to userIds, or set removeUnlistedMembers: true to remove them.` };
    }
    const leaves = removeUnlisted ? unlisted.length : 0;
    const writes = joins + leaves;
    const parts = [`adopt ${kept} existing member${kept === 1 ? "" : "s"}`];
    if (joins) parts.push(`add ${joins}`);
    if (leaves) parts.push(`remove ${leaves} unlisted (${few(unlisted)})`);
    return { action: kept > 0 ? "adopt" : "create", writes, message: `will ${parts.join(", ")} (${writes === 0 ? "no write" : `${writes} write${writes === 1 ? "" : "s"}`})` };
  }

  return {
    async check(olds, news) {
      const { [PREVIEW_FLAG]: preview, ...given } = news;
      const result = checkGroupMembersInputs(typeName, d, given);
      const problem = options.settingsProblem?.();
      if (problem) result.failures.push(problem);
      if (result.failures.length > 0) return result;
      const inputs = result.inputs;
      for (const u of idsOf(inputs.userIds)) declarePair(d.path, inputs[groupArg], u);
      if (preview === true && olds[groupArg] === undefined && typeof inputs[groupArg] === "number" && Array.isArray(inputs.userIds)) {
        try {
          inputs[PLAN_OUTPUT] = await plan(inputs[groupArg] as number, idsOf(inputs.userIds), inputs);
        } catch (err) {
          throw describeApiError(err, `reading ${d.group.noun} ${inputs[groupArg]} for the preview`, d);
        }
      }
      return result;
    },

    async diff(_id, olds, news) {
      const replaces = news[groupArg] === UNKNOWN || Number(news[groupArg]) !== Number(olds[groupArg]) ? [groupArg] : [];
      const unlisted = idsOf(olds.unlistedMemberIds);
      const removeUnlisted = news.removeUnlistedMembers === true;
      const changes =
        replaces.length > 0 ||
        news.userIds === UNKNOWN ||
        !sameIds(news.userIds, olds.userIds) ||
        (news.removeUnlistedMembers ?? false) !== (olds.removeUnlistedMembers ?? false) ||
        (removeUnlisted && unlisted.length > 0);
      // Drift that refresh found: shown, never acted on unless the program says so.
      const stillUnlisted = news.userIds === UNKNOWN ? unlisted : unlisted.filter((u) => !idsOf(news.userIds).includes(u));
      if (stillUnlisted.length > 0 && !removeUnlisted && replaces.length === 0) {
        options.log?.(
          `warning: ${unlistedMessage(Number(olds[groupArg]), stillUnlisted)}They were added outside Pulumi and stay. ` +
            `To keep them, add them to userIds; to remove them, set removeUnlistedMembers: true.`,
        );
      }
      return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      const groupId = inputs[groupArg] as number;
      try {
        const members = await converge(groupId, idsOf(inputs.userIds), [], inputs);
        return { id: String(groupId), outs: outputs(groupId, members, [], inputs) };
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
      // Declared members who left show as drift (the next up brings them back); members who
      // joined outside Pulumi go to unlistedMemberIds, never into userIds.
      const declared = new Set(idsOf(props.userIds));
      const liveUsers = live.map((r) => r.user_id);
      const stayed = liveUsers.filter((u) => declared.has(u));
      const unlisted = liveUsers.filter((u) => !declared.has(u));
      return { id: String(groupId), props: outputs(groupId, stayed, unlisted, props), inputs: inputsOf(groupId, stayed, props) };
    },

    async update(_id, olds, news) {
      const groupId = news[groupArg] as number;
      if (sameIds(news.userIds, olds.userIds) && news.removeUnlistedMembers !== true) {
        // The same list (reordered, or only a setting that needs no request): nothing to write.
        return { outs: outputs(groupId, idsOf(olds.userIds), idsOf(olds.unlistedMemberIds), news) };
      }
      try {
        const members = await converge(groupId, idsOf(news.userIds), idsOf(olds.userIds), news);
        return { outs: outputs(groupId, members, [], news) };
      } catch (err) {
        throw describeApiError(err, `updating ${typeName} for ${d.group.noun} ${groupId}`, d);
      }
    },

    async delete(id, props) {
      const groupId = Number(props[groupArg] ?? id);
      try {
        const managed = new Set(idsOf(props.userIds));
        const live = await api().listGroup(groupId);
        // Only the users this resource declared leave: people added outside Pulumi stay, and so
        // do people another resource of the program now declares (see declaredPairs.ts).
        const kept: ApiRecord[] = [];
        const leaving: ApiRecord[] = [];
        for (const r of live) if (managed.has(r.user_id)) (isDeclared(d.path, groupId, r.user_id) ? kept : leaving).push(r);
        if (kept.length) options.log?.(`${typeName} ${d.group.noun} ${groupId}: ${kept.length} member(s) ${few(kept.map((r) => r.user_id))} declared by another resource of the program; left in place`);
        await Promise.all(leaving.map((r) => api().remove(r.id)));
      } catch (err) {
        if (isNotFound(err)) return;
        throw describeApiError(err, `deleting ${typeName} ${id}`, d);
      }
    },
  };
}
