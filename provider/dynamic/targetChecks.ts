import { z } from "zod";
import { apiId, MembershipDescriptor } from "../descriptors";
import { KantataClient, MAX_ONLY_IDS, recordsOf, sourceOf } from "../client";
import { chunks, createBatcher } from "./batcher";

/** A user or group that cannot take part in a membership, found by a read before any write. */
export class TargetError extends Error {
  override name = "TargetError";
}

/**
 * Target verification before any write: the user is on the account, the group exists and can be
 * joined through memberships, and the token's user is an Account Administrator. Reads of users
 * and groups that arrive together share `only=` requests; who the token belongs to is read once
 * per token.
 */
export function createTargetChecks(d: MembershipDescriptor, client: () => KantataClient, windowMs: () => number, expected?: () => number): { verify(userId: number, groupId: number, fields?: Record<string, unknown>): Promise<void> } {
  const userSchema = z.looseObject({ id: apiId });
  const groupSchema = z.looseObject({ id: apiId, name: z.string().nullish(), is_account_default: z.boolean().nullish() });
  const meSchema = z.looseObject({ id: apiId, account_permission: z.string().nullish() });
  type Group = z.output<typeof groupSchema>;

  /** Which of these ids exist, read with `only=` (at most 200 per request). */
  async function existing<S extends z.ZodType<{ id: number }>>(path: string, key: string, itemSchema: S, ids: number[], query: Record<string, string> = {}) {
    const found = new Map<number, z.output<S>>();
    for (const part of chunks([...new Set(ids)], MAX_ONLY_IDS)) {
      const res = await client().send({ method: "GET", path, query: { ...query, only: part.join(",") } });
      for (const r of recordsOf(res.body, key, itemSchema, sourceOf(res))) found.set(r.id, r);
    }
    return found;
  }

  const userExists = createBatcher<number, boolean>(
    async (ids) => {
      const found = await existing("/users", "users", userSchema, ids, { on_my_account: "true" });
      return ids.map((id) => ({ ok: true, value: found.has(id) }));
    },
    { maxBatch: MAX_ONLY_IDS, windowMs, expected },
  );
  const groupOfId = createBatcher<number, Group | undefined>(
    async (ids) => {
      const found = await existing(d.group.path, d.group.key, groupSchema, ids);
      return ids.map((id) => ({ ok: true, value: found.get(id) }));
    },
    { maxBatch: MAX_ONLY_IDS, windowMs, expected },
  );
  // Who the token belongs to, read once per token.
  const me = new Map<string, Promise<z.output<typeof meSchema> | undefined>>();
  const whoAmI = () => {
    const token = client().tokenFingerprint();
    let found = me.get(token);
    if (!found) {
      found = client()
        .send({ method: "GET", path: "/users/me" })
        .then((res) => (recordsOf(res.body, "users", meSchema, sourceOf(res)) as z.output<typeof meSchema>[])[0]);
      found.catch(() => me.delete(token));
      me.set(token, found);
    }
    return found;
  };

  async function verify(userId: number, groupId: number, fields: Record<string, unknown> = {}): Promise<void> {
    const [self, userFound, group] = await Promise.all([whoAmI(), userExists(userId), groupOfId(groupId)]);
    const what = `${d.typeName} (user ${userId}, ${d.group.noun} ${groupId})`;
    if (self?.account_permission && self.account_permission !== "administrator") {
      throw new TargetError(
        `${what}: the API token belongs to user ${self.id}, whose account permission is ${self.account_permission}; Kantata lets only Account Administrators change memberships. ` +
          "Fix: use the token of an Account Administrator (pulumi config set --secret kantata:apiToken, or KANTATA_API_TOKEN).",
      );
    }
    if (!userFound) {
      throw new TargetError(`${what}: user ${userId} is not on this Kantata account. Fix: check userId (kantata.getUser({ email }) finds a user's id).`);
    }
    if (!group) {
      throw new TargetError(`${what}: ${d.group.noun} ${groupId} does not exist on this Kantata account. Fix: check ${d.group.arg}.`);
    }
    if (group.is_account_default) {
      throw new TargetError(
        `${what}: ${d.group.noun} ${groupId} (${group.name}) is an Account Default group: users join and leave it through their account permission, not through memberships. ` +
          "Fix: change the user's account permission in Kantata, or remove this membership.",
      );
    }
    for (const f of d.updatable) {
      const cap = f.cappedBy === undefined ? NaN : Number((group as Record<string, unknown>)[f.cappedBy]);
      const value = fields[f.api];
      if (typeof value === "number" && Number.isFinite(cap) && value > cap) {
        throw new TargetError(
          `${what}: ${f.arg} ${value} is above ${f.cappedBy} ${cap} of ${d.group.noun} ${groupId}${group.name ? ` (${group.name})` : ""}. ` +
            `Fix: set ${f.arg} to at most ${cap}${cap <= 1 ? ", or leave it out" : ""}.`,
        );
      }
    }
  }

  return { verify };
}
