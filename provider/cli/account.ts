import { z } from "zod";
import { accessGroupMembership, insightsAccessGroupMembership, userGroupMembership, recordSchema, apiId, MembershipDescriptor } from "../descriptors";
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
  canEdit?: boolean;
}

/** The membership kinds `export --type` knows, by their `--type` name; paths, keys and nouns come from each descriptor. */
export const KINDS: Record<"access" | "insights" | "workspace", MembershipDescriptor> = {
  access: accessGroupMembership,
  insights: insightsAccessGroupMembership,
  workspace: userGroupMembership,
};
export type Kind = keyof typeof KINDS;

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
  const groups = { access: new Map(), insights: new Map(), workspace: new Map() } as AccountSnapshot["groups"];
  const memberships = { access: [], insights: [], workspace: [] } as AccountSnapshot["memberships"];
  for (const kind of kinds) {
    const descriptor = KINDS[kind];
    const { path: groupsPath, key: groupsKey } = descriptor.group;
    for (const g of await list(groupsPath, groupsKey, groupSchema)) {
      groups[kind].set(g.id, { id: g.id, name: g.name, accountDefault: kind === "access" && (g.is_account_default ?? ACCOUNT_DEFAULT_NAMES.includes(g.name)) });
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
      out.push({ id: r.id as number, userId: r.user_id as number, groupId, canEdit: typeof r.can_edit === "boolean" ? r.can_edit : undefined });
    }
  }
  return out.sort((a, b) => a.groupId - b.groupId || a.userId - b.userId);
}
