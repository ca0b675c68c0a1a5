import { z } from "zod";
import { descriptors, recordSchema, apiId, MembershipDescriptor } from "../descriptors";
import { KantataClient } from "../client";

/** The seven Account Default access groups, by name, for accounts whose API lacks `is_account_default`. */
const ACCOUNT_DEFAULT_NAMES = ["Account Administrators", "Reports Viewer With Cost", "Reports Viewer", "Project Lead", "Project Creator", "Collaborator", "Punch Clock"];

const userSchema = z.looseObject({ id: apiId, full_name: z.string().nullish(), email_address: z.string().nullish() });
const groupSchema = z.looseObject({ id: apiId, name: z.string(), is_account_default: z.boolean().nullish() });

/** A user, as much as the export needs. */
export interface AccountUser {
  id: number;
  fullName: string;
  email: string;
}

/** A group of any kind. */
export interface AccountGroup {
  id: number;
  name: string;
  accountDefault: boolean;
}

/** One membership, normalised. */
export interface AccountMembership {
  id: number;
  userId: number;
  groupId: number;
  /** The updatable fields (a classic Insights `canEdit`, a skill `level`, a `startDate`), by argument name, where the API sent one. */
  fields: Record<string, unknown>;
}

/** The membership kinds `export --type` knows, by their `--type` name (each descriptor's `exportType`). */
export const KINDS: Record<string, MembershipDescriptor> = Object.fromEntries(Object.values(descriptors).map((d) => [d.exportType, d]));
export type Kind = string;

/** What the export reads of an account. */
export interface AccountSnapshot {
  users: Map<number, AccountUser>;
  groups: Record<Kind, Map<number, AccountGroup>>;
  memberships: Record<Kind, AccountMembership[]>;
}

const MAX_ITEMS = 1_000_000;

/**
 * Reads users, groups and the memberships of the chosen kinds (optionally of some groups only),
 * page by page (200 per request), reporting progress.
 */
export async function readAccount(client: KantataClient, kinds: Kind[], groupIds: number[], progress: (line: string) => void): Promise<AccountSnapshot> {
  const list = async <S extends z.ZodType>(path: string, key: string, schema: S, query: Record<string, string | number> = {}) => {
    const records = await client.listAll({ method: "GET", path, query }, key, schema, { maxItems: MAX_ITEMS });
    progress(`read ${records.length} ${key.replace(/_/g, " ")}`);
    return records;
  };
  const users = new Map<number, AccountUser>();
  for (const u of await list("/users", "users", userSchema, { on_my_account: "true" })) {
    users.set(u.id, { id: u.id, fullName: u.full_name ?? "", email: u.email_address ?? "" });
  }
  const groups: AccountSnapshot["groups"] = Object.fromEntries(Object.keys(KINDS).map((k) => [k, new Map()]));
  const memberships: AccountSnapshot["memberships"] = Object.fromEntries(Object.keys(KINDS).map((k) => [k, []]));
  for (const kind of kinds) {
    const descriptor = KINDS[kind];
    const { path: groupsPath, key: groupsKey } = descriptor.group;
    for (const g of await list(groupsPath, groupsKey, groupSchema)) {
      groups[kind].set(g.id, { id: g.id, name: g.name, accountDefault: descriptor === descriptors.AccessGroupMembership && (g.is_account_default ?? ACCOUNT_DEFAULT_NAMES.includes(g.name)) });
    }
    memberships[kind] = await readMemberships(descriptor, groupIds, (query) => list(descriptor.path, descriptor.collectionKey, recordSchema(descriptor), query));
  }
  return { users, groups, memberships };
}

async function readMemberships(
  d: MembershipDescriptor,
  groupIds: number[],
  list: (query: Record<string, string | number>) => Promise<Record<string, unknown>[]>,
): Promise<AccountMembership[]> {
  const queries = groupIds.length === 0 ? [{}] : d.filters.groupList ? [{ [d.filters.group]: groupIds.join(",") }] : groupIds.map((g) => ({ [d.filters.group]: g }));
  const out: AccountMembership[] = [];
  for (const query of queries) {
    for (const r of await list(query)) {
      const groupId = r[d.group.api] as number;
      if (groupIds.length > 0 && !groupIds.includes(groupId)) continue;
      // A field is exported when its value is one the argument accepts (a skill's level 0 means "none": left out).
      const fields: Record<string, unknown> = {};
      for (const f of d.updatable) if ((f.input?.schema ?? f.schema).safeParse(r[f.api]).success && r[f.api] !== null && r[f.api] !== undefined) fields[f.arg] = r[f.api];
      out.push({ id: r.id as number, userId: r.user_id as number, groupId, fields });
    }
  }
  return out.sort((a, b) => a.groupId - b.groupId || a.userId - b.userId);
}
