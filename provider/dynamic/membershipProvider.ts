import { identityApiKeys, identityOf, looksAcrossGroups, MembershipDescriptor } from "../descriptors";
import { ApiRecord, CreateStage, MembershipApi } from "./membershipApi";
import { checkInputs, CheckFailure, UNKNOWN } from "./inputs";
import { describeApiError, isNotFound, outcomeUnknown, isDuplicate } from "./apiErrors";
import { declarePair, declaredCount, isDeclared } from "./declaredPairs";
import { Plan, PLAN_OUTPUT, PREVIEW_FLAG } from "./plan";

/** Plain inputs and outputs as the engine hands them over (no Outputs, no secrets). */
export type Props = Record<string, unknown>;

/** The hooks Pulumi's dynamic provider calls, for one membership type. */
export interface MembershipProvider {
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

/** What the generic provider needs besides the API. */
export interface ProviderOptions {
  /** Where adoption and retry notices go (the provider process's stdout reaches the engine). */
  log?: (message: string) => void;
  /** A problem with the connection settings, reported by `check` so it shows at preview. */
  settingsProblem?: () => CheckFailure | undefined;
  /**
   * How many times a create is attempted when its outcome stays unknown (each attempt looks the
   * membership up first). @default 5
   */
  createAttempts?: () => number;
}


/**
 * The generic provider: everything type-specific comes from the descriptor, every request goes
 * through `api()`, which is resolved per call so a rotated token or base URL takes effect.
 */
export function createMembershipProvider(d: MembershipDescriptor, api: () => MembershipApi, options: ProviderOptions = {}): MembershipProvider {
  const log = options.log ?? (() => {});
  const createAttempts = options.createAttempts ?? (() => 5);
  const groupArg = d.group.arg;
  const num = (v: unknown) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v);
  const what = (inputs: Props) => `${d.typeName} (user ${inputs.userId}, ${d.group.noun} ${inputs[groupArg]})`;
  /** What changes in place (one PUT): the updatable fields, and the group where a membership moves in place. */
  const inPlace = [...(d.group.updatable ? [{ arg: groupArg, api: d.group.api }] : []), ...d.updatable];
  const identity = identityOf(d);
  const identityKeys = identityApiKeys(d);

  /** Which existing membership a declaration (or its outputs) is, besides the user: `12` or `2027-01-01`; undefined until known. */
  function identityKey(values: Props): string | undefined {
    const parts = identity.map((arg) => num(values[arg]));
    return parts.every((v) => (typeof v === "number" || typeof v === "string") && v !== UNKNOWN) ? parts.join("|") : undefined;
  }
  const recordIdentity = (r: ApiRecord) => identityKey(Object.fromEntries(identity.map((arg, i) => [arg, r[identityKeys[i]]])));

  /** Outputs: the declared inputs, then what the API says, camelCased. */
  function outputs(record: ApiRecord, inputs: Props, extra: Props = {}): Props {
    const outs: Props = { userId: record.user_id, [groupArg]: record[d.group.api] };
    for (const f of [...d.updatable, ...d.computed]) {
      const value = record[f.api];
      if (value !== undefined && value !== null) outs[f.arg] = value;
    }
    if (inputs.adoptExisting !== undefined) outs.adoptExisting = inputs.adoptExisting;
    return { ...outs, ...extra };
  }

  /** The API keys of updatable fields whose declared value differs from the record. */
  function pendingUpdates(record: ApiRecord, inputs: Props): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const f of inPlace) {
      if (inputs[f.arg] !== undefined && inputs[f.arg] !== record[f.api]) fields[f.api] = inputs[f.arg];
    }
    return fields;
  }

  /** Warns about each field a write of these API values turns on (a create, an update, or the PUT of an adoption). */
  function warnWriting(inputs: Props, fields: Record<string, unknown>): void {
    for (const f of d.updatable) if (f.warnWhenTrue && fields[f.api] === true) log(`warning: ${what(inputs)}: ${f.arg}: true — ${f.warnWhenTrue}`);
  }

  /** The declared updatable fields (API keys); `onCreate`: only those the create body carries. */
  function declaredFields(inputs: Props, onCreate = false): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const f of d.updatable) if (inputs[f.arg] !== undefined && (!onCreate || f.sentOnCreate)) fields[f.api] = inputs[f.arg];
    return fields;
  }

  /** Takes over a membership that already exists, applying updatable fields with one PUT. */
  async function adopt(record: ApiRecord, inputs: Props): Promise<{ id: string; outs: Props }> {
    if (inputs.adoptExisting === false) {
      throw new Error(
        `${what(inputs)} already exists as membership ${record.id}, and adoptExisting is false. ` +
          `Fix: remove adoptExisting (or set it to true) to bring membership ${record.id} under Pulumi, or delete it in Kantata first.`,
      );
    }
    log(`${d.typeName}: adopted existing membership ${record.id} (user ${inputs.userId}, ${d.group.noun} ${inputs[groupArg]})`);
    const fields = pendingUpdates(record, inputs);
    warnWriting(inputs, fields);
    const current = Object.keys(fields).length > 0 ? await api().update(record.id, fields) : record;
    return { id: String(record.id), outs: outputs(current, inputs, { adopted: true }) };
  }

  /** The membership of this pair, and for one-per-user types any other group the user is in. */
  async function lookup(inputs: Props, options: { fresh?: boolean; now?: boolean } = {}): Promise<{ same?: ApiRecord; other?: ApiRecord }> {
    const userId = inputs.userId as number;
    const groupId = inputs[groupArg] as number;
    const found = await api().findByUser(userId, looksAcrossGroups(d) ? undefined : groupId, options);
    const key = identityKey(inputs);
    const same = found.find((r) => recordIdentity(r) === key);
    const other = d.onePerUser ? found.find((r) => r[d.group.api] !== groupId) : undefined;
    return { same, other };
  }

  /** Why a create of this pair must fail although the pair is free: the user's one group is another. */
  function otherGroupMessage(inputs: Props, other: ApiRecord): string {
    return (
      `${what(inputs)}: user ${inputs.userId} already belongs to ${d.group.noun} ${other[d.group.api]}` +
      `${d.group.nameKey && other[d.group.nameKey] ? ` (${other[d.group.nameKey]})` : ""} through membership ${other.id}, and may belong to only one. ` +
      `Fix: declare that membership with ${groupArg}: ${inputs[groupArg]} in place of the old group (Pulumi deletes before it creates), or delete membership ${other.id} in Kantata first.`
    );
  }

  /** What `pulumi up` will do for a membership new to the stack, read for a preview. */
  async function plan(inputs: Props): Promise<Plan> {
    const { same, other } = await lookup(inputs, { now: true });
    if (same) {
      if (inputs.adoptExisting === false) {
        return { action: "fail", membershipId: same.id, writes: 0, message: `will fail: the user is already in the ${d.group.noun} as membership ${same.id}, and adoptExisting is false. Fix: remove adoptExisting to adopt it.` };
      }
      const fields = pendingUpdates(same, inputs);
      warnWriting(inputs, fields);
      const set = inPlace.filter((f) => f.api in fields).map((f) => `${f.arg}: ${JSON.stringify(fields[f.api])}`);
      return {
        action: "adopt",
        membershipId: same.id,
        writes: set.length > 0 ? 1 : 0,
        message: `will adopt existing membership ${same.id}${set.length > 0 ? ` and set ${set.join(", ")} (1 write)` : " (no write)"}`,
      };
    }
    if (other) return { action: "fail", writes: 0, message: `will fail: ${otherGroupMessage(inputs, other)}` };
    warnWriting(inputs, declaredFields(inputs));
    // Why nothing is adopted: the user is not in the group, or (a type told apart by other fields) has no membership with them.
    const absent = identity.includes(groupArg)
      ? `user ${inputs.userId} is not in ${d.group.noun} ${inputs[groupArg]}`
      : `user ${inputs.userId} has no ${d.group.noun} membership with ${identity.map((a) => `${a} ${inputs[a]}`).join(", ")}`;
    return { action: "create", writes: 1, message: `will create the membership (1 write): ${absent}` };
  }

  return {
    async check(olds, news) {
      const { [PREVIEW_FLAG]: preview, ...given } = news;
      const result = checkInputs(d, given);
      const problem = options.settingsProblem?.();
      if (problem) result.failures.push(problem);
      if (result.failures.length > 0) return result;
      const inputs = result.inputs;
      declarePair(d.path, identityKey(inputs), inputs.userId);
      // A program that declares more memberships of one user than Kantata allows fails here, at preview.
      if (d.maxPerUser !== undefined && typeof inputs.userId === "number" && declaredCount(d.path, inputs.userId) > d.maxPerUser) {
        return {
          inputs,
          failures: [
            {
              property: "userId",
              reason: `${what(inputs)}: the program declares ${declaredCount(d.path, inputs.userId)} ${d.typeName}s of user ${inputs.userId}; Kantata allows at most ${d.maxPerUser} per user. Fix: declare at most ${d.maxPerUser}.`,
            },
          ],
        };
      }
      const known = typeof inputs.userId === "number" && typeof inputs[groupArg] === "number";
      // New to the stack (no old inputs): a create, and so a lookup, will follow.
      if (olds.userId === undefined && known) {
        api().expectNew(inputs.userId as number, inputs[groupArg] as number);
        if (preview === true) {
          try {
            inputs[PLAN_OUTPUT] = await plan(inputs);
          } catch (err) {
            throw describeApiError(err, `looking up ${what(inputs)} for the preview`, d);
          }
        }
      }
      return result;
    },

    async diff(_id, olds, news) {
      const replaces: string[] = [];
      let changes = false;
      for (const key of d.group.updatable ? ["userId"] : ["userId", groupArg]) {
        if (news[key] === UNKNOWN || num(news[key]) !== num(olds[key])) replaces.push(key);
      }
      for (const f of inPlace) {
        if (news[f.arg] !== undefined && num(news[f.arg]) !== num(olds[f.arg])) changes = true;
      }
      if ((news.adoptExisting ?? true) !== (olds.adoptExisting ?? true)) changes = true;
      // What the update (or the replacement's create) will write: the fields that change.
      const base = replaces.length > 0 ? {} : olds;
      warnWriting(news, Object.fromEntries(d.updatable.filter((f) => news[f.arg] !== base[f.arg]).map((f) => [f.api, news[f.arg]])));
      // A replacement is a create that check did not announce (the resource is not new to the stack).
      if (replaces.length > 0) api().expectCreates(1);
      return { changes: changes || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
    },

    async create(inputs) {
      // How far this create got: the stages it never reached stop waiting for it (see `skip`).
      let reached: CreateStage = "lookup";
      try {
        for (let attempt = 1; ; attempt++) {
          // A retry looks past any snapshot: the membership may have just been made.
          const { same, other } = await lookup(inputs, { fresh: attempt > 1 });
          if (same) return await adopt(same, inputs);
          if (other) throw new Error(otherGroupMessage(inputs, other));
          if (attempt === 1) {
            reached = "verify";
            await api().verify(inputs.userId as number, inputs[groupArg] as number, declaredFields(inputs));
            warnWriting(inputs, declaredFields(inputs));
          }
          let record: ApiRecord;
          try {
            reached = "create";
            record = await api().create(inputs.userId as number, inputs[groupArg] as number, declaredFields(inputs, true));
          } catch (err) {
            // The API has no idempotency key: when a create may have happened (timeout, dropped
            // connection, 5xx) or raced with another writer (duplicate), look it up before any retry.
            if (!(outcomeUnknown(err) || isDuplicate(err)) || attempt >= createAttempts()) throw err;
            log(`${d.typeName}: create for user ${inputs.userId} had an unknown outcome (${(err as Error).message}); looking it up before trying again`);
            continue;
          }
          // If this PUT fails, the membership exists without the field: the next up adopts it and sets it.
          const fields = pendingUpdates(record, inputs);
          const current = Object.keys(fields).length > 0 ? await api().update(record.id, fields) : record;
          return { id: String(record.id), outs: outputs(current, inputs, { adopted: false }) };
        }
      } catch (err) {
        throw describeApiError(err, `creating ${what(inputs)}`, d);
      } finally {
        if (reached === "lookup") api().skip(["verify", "create"]);
        else if (reached === "verify") api().skip(["create"]);
      }
    },

    async read(id, props) {
      let record: ApiRecord | undefined;
      try {
        record = await api().get(Number(id));
      } catch (err) {
        throw describeApiError(err, `reading ${d.typeName} ${id}`, d);
      }
      if (!record) return {};
      const outs = outputs(record, props, props.adopted === undefined ? {} : { adopted: props.adopted });
      const inputs: Props = { userId: outs.userId, [groupArg]: outs[groupArg] };
      for (const f of d.updatable) if (props[f.arg] !== undefined || props.userId === undefined) inputs[f.arg] = outs[f.arg];
      if (props.adoptExisting !== undefined) inputs.adoptExisting = props.adoptExisting;
      return { id: String(record.id), props: outs, inputs };
    },

    async update(id, olds, news) {
      const fields: Record<string, unknown> = {};
      for (const f of inPlace) if (news[f.arg] !== undefined && num(news[f.arg]) !== num(olds[f.arg])) fields[f.api] = num(news[f.arg]);
      const base: Props = { ...olds, adoptExisting: news.adoptExisting };
      if (news.adoptExisting === undefined) delete base.adoptExisting;
      if (Object.keys(fields).length === 0) return { outs: base };
      try {
        const record = await api().update(Number(id), fields);
        return { outs: outputs(record, news, olds.adopted === undefined ? {} : { adopted: olds.adopted }) };
      } catch (err) {
        throw describeApiError(err, `updating ${d.typeName} ${id}`, d);
      }
    },

    async delete(id, props) {
      const userId = num(props.userId);
      const key = identityKey(props);
      if (typeof userId === "number" && key !== undefined && isDeclared(d.path, key, userId)) {
        log(`${d.typeName}: membership ${id} (user ${userId}, ${d.group.noun} ${props[groupArg]}) is declared by another resource of the program; left in place`);
        return;
      }
      try {
        await api().remove(Number(id));
      } catch (err) {
        if (isNotFound(err)) return;
        throw describeApiError(err, `deleting ${d.typeName} ${id}`, d);
      }
    },
  };
}
