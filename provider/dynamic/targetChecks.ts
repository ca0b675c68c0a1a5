import { z } from "zod";
import { apiId, MembershipDescriptor } from "../descriptors";
import { KantataClient, MAX_ONLY_IDS, recordsOf, sourceOf } from "../client";
import { chunks, createBatcher } from "./batcher";

/** A user or group that cannot take part in a membership, found by a read before any write. */
export class TargetError extends Error {
  override name = "TargetError";
}

/** Verification of the targets of creates; see `createTargetChecks`. */
export interface TargetChecks {
  /** `check` saw a create of this user in this group coming: its targets are read with the others announced. */
  expect(userId: number, groupId: number): void;
  verify(userId: number, groupId: number, fields?: Record<string, unknown>): Promise<void>;
  /** The expected count went down: a batched read waiting for no other ask is sent. */
  poke(): void;
}

/**
 * Target verification before any write: the user is on the account, the group exists and can be
 * joined through memberships, and the token's user is an Account Administrator. Every answer is
 * kept for the process (one operation), per token. Ids asked for together share a batched read,
 * and each such read also takes every user or group `check` announced and nobody has read yet
 * (`only=` reads of 200, in parallel), so later creates mostly find their answers kept however the
 * engine paces them (an up of 1,000: 12 reads of users, 1 of groups); who the token belongs to is
 * read once per token.
 */
export function createTargetChecks(d: MembershipDescriptor, client: () => KantataClient, windowMs: () => number, expected?: () => number): TargetChecks {
  const userSchema = z.looseObject({ id: apiId });
  const groupSchema = z.looseObject({ id: apiId, name: z.string().nullish(), is_account_default: z.boolean().nullish() });
  const meSchema = z.looseObject({ id: apiId, account_permission: z.string().nullish() });
  type Group = z.output<typeof groupSchema>;

  /** Which of these ids exist, read with `only=` (at most 200 per request). */
  async function existing<S extends z.ZodType<{ id: number }>>(path: string, key: string, itemSchema: S, ids: number[], query: Record<string, string> = {}) {
    const found = new Map<number, z.output<S>>();
    const pages = await Promise.all(chunks([...new Set(ids)], MAX_ONLY_IDS).map((part) => client().send({ method: "GET", path, query: { ...query, only: part.join(",") } })));
    for (const res of pages) for (const r of recordsOf(res.body, key, itemSchema, sourceOf(res))) found.set(r.id, r);
    return found;
  }

  const userExists = known((ids) => existing("/users", "users", userSchema, ids, { on_my_account: "true" }).then((found) => ids.map((id) => found.has(id))));
  const groupOfId = known((ids) => existing(d.group.path, d.group.key, groupSchema, ids).then((found) => ids.map((id) => found.get(id))));

  /**
   * Answers kept per token and id. Ids asked for together share a batched read, and each such read
   * also takes every id `check` announced and nobody has read yet, so most later asks find their
   * answer kept; `existing` reads them 200 to a request.
   */
  function known<V>(read: (ids: number[]) => Promise<V[]>) {
    const answers = new Map<string, Promise<V>>();
    const announced = new Set<number>();
    const keyOf = (id: number) => `${client().tokenFingerprint()}:${id}`;
    const remember = (id: number, answer: Promise<V>) => {
      const key = keyOf(id);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key)); // a failed read is tried again by the next caller
      return answer;
    };
    const batch = createBatcher<number, V>(
      async (asked) => {
        const ids = [...new Set([...asked, ...[...announced].filter((a) => !answers.has(keyOf(a)))])];
        announced.clear();
        const values = read(ids);
        ids.slice(asked.length).forEach((id, i) => remember(id, values.then((v) => v[asked.length + i]!)));
        return (await values).slice(0, asked.length).map((value) => ({ ok: true, value }));
      },
      // Asks answered from what is kept never reach the batcher: they leave its expected count.
      { maxBatch: MAX_ONLY_IDS, windowMs, expected: () => (expected?.() ?? 0) - served },
    );
    let served = 0;
    const ask = (id: number): Promise<V> => {
      const kept = answers.get(keyOf(id));
      if (!kept) return remember(id, batch(id));
      served++;
      batch.poke();
      return kept;
    };
    // No client here: \`check\` announces, and must work before a token is set.
    return Object.assign(ask, { announce: (id: number) => void announced.add(id), poke: () => batch.poke() });
  }

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

  return {
    verify,
    poke() {
      userExists.poke();
      groupOfId.poke();
    },
    expect(userId, groupId) {
      userExists.announce(userId);
      groupOfId.announce(groupId);
    },
  };
}
