import { MembershipDescriptor } from "../descriptors";
import { CheckFailure, UNKNOWN, idSchema } from "./inputs";

/** The argument names of an authoritative group resource. */
export function groupMembersArgs(d: MembershipDescriptor): string[] {
  return [d.group.arg, "userIds", "removeUnlistedMembers"];
}

/**
 * Validates an authoritative group resource's inputs without any API call: the group id, a
 * list of user ids without repeats (sorted, so the engine's diff shows joins and leaves in
 * order), and the optional `removeUnlistedMembers` flag.
 */
export function checkGroupMembersInputs(typeName: string, d: MembershipDescriptor, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const allowed = groupMembersArgs(d);
  const failures: CheckFailure[] = [];
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (key === "__provider" || value === undefined) continue;
    if (!allowed.includes(key)) failures.push({ property: key, reason: `${typeName} has no argument "${key}". Allowed arguments: ${allowed.join(", ")}.` });
  }
  const group = news[d.group.arg];
  if (group === undefined) {
    failures.push({ property: d.group.arg, reason: `${typeName} requires ${d.group.arg}. Fix: set it to the Kantata ${d.group.noun} id.` });
  } else if (group === UNKNOWN) {
    inputs[d.group.arg] = group;
  } else {
    const parsed = idSchema(d.group.noun).safeParse(group);
    if (parsed.success) inputs[d.group.arg] = parsed.data;
    else failures.push({ property: d.group.arg, reason: `${typeName} ${d.group.arg} ${parsed.error.issues[0].message}` });
  }
  const userIds = news.userIds;
  if (userIds === UNKNOWN) {
    inputs.userIds = userIds;
  } else if (!Array.isArray(userIds)) {
    failures.push({ property: "userIds", reason: `${typeName} requires userIds, a list of Kantata user ids (it may be empty). Fix: e.g. userIds: [101, 102].` });
  } else {
    const ids: unknown[] = [];
    const seen = new Map<number, number>();
    userIds.forEach((value, i) => {
      if (value === UNKNOWN) return void ids.push(value);
      const parsed = idSchema("user").safeParse(value);
      if (!parsed.success) return void failures.push({ property: `userIds[${i}]`, reason: `${typeName} userIds[${i}] ${parsed.error.issues[0].message}` });
      if (seen.has(parsed.data)) {
        failures.push({ property: `userIds[${i}]`, reason: `${typeName} lists user ${parsed.data} twice (userIds[${seen.get(parsed.data)}] and userIds[${i}]). Fix: list each user once.` });
      }
      seen.set(parsed.data, i);
      ids.push(parsed.data);
    });
    inputs.userIds = ids.every((v) => typeof v === "number") ? [...new Set(ids as number[])].sort((a, b) => a - b) : ids;
  }
  const flag = news.removeUnlistedMembers;
  if (flag !== undefined) {
    if (flag === UNKNOWN || typeof flag === "boolean") inputs.removeUnlistedMembers = flag;
    else failures.push({ property: "removeUnlistedMembers", reason: `${typeName} removeUnlistedMembers must be true or false, got ${JSON.stringify(flag)}.` });
  }
  return { inputs, failures };
}
