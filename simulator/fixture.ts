/**
 * The fixture format: the JSON document that seeds the simulator's account (users, groups,
 * memberships and tokens). The default fixture ships in `fixtures/default-account.json`; a user
 * can load their own file of the same shape. Ids are small integers (numbers or numeric
 * strings); times are ISO 8601 with an offset.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import defaultAccount from "./fixtures/default-account.json";
import { identityApiKeys, MembershipDescriptor } from "../provider/descriptors";
import { genericTypes } from "./genericTypes";

/** Account permissions (kantata-api.md §6, account memberships). */
export const PERMISSIONS = [
  "administrator",
  "reports_viewer_with_cost",
  "reports_viewer",
  "project_lead",
  "project_creator",
  "collaborator",
  "punch_clock",
  "external_collaborator",
] as const;

/** One account permission. */
export type Permission = (typeof PERMISSIONS)[number];

const id = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/).transform(Number)]);
const timestamp = z.iso.datetime({ offset: true });
const text = z.string().nullable().default(null);

const userSchema = z.strictObject({
  id,
  full_name: z.string().min(1),
  email_address: z.email(),
  headline: text,
  photo_path: text,
  account_permission: z.enum(PERMISSIONS),
  disabled: z.boolean().default(false),
});

const accessGroupSchema = z.strictObject({
  id,
  name: z.string().min(1),
  description: text,
  /** Set on the 7 Account Default groups: the permission the group mirrors; null for the others. */
  account_permission: z.enum(PERMISSIONS).nullable().default(null),
  created_at: timestamp,
});

const insightsAccessGroupSchema = z.strictObject({
  id,
  name: z.string().min(1),
  is_admin_default: z.boolean().default(false),
  is_reports_viewer_default: z.boolean().default(false),
});

const workspaceGroupSchema = z.strictObject({
  id,
  name: z.string().min(1),
  company: z.boolean().default(false),
  contact_name: text,
  email: text,
  phone_number: text,
  address: text,
  website: text,
  notes: text,
  created_at: timestamp,
  updated_at: timestamp,
});

const accessGroupMembershipSchema = z.strictObject({
  id,
  access_group_id: id,
  user_id: id,
  creator_id: id.nullable().default(null),
  created_at: timestamp,
});

const insightsAccessGroupMembershipSchema = z.strictObject({
  id,
  insights_access_group_id: id,
  user_id: id,
  can_edit: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});

const userGroupMembershipSchema = z.strictObject({
  id,
  workspace_group_id: id,
  user_id: id,
  creator_id: id.nullable().default(null),
  created_at: timestamp,
});

/**
 * The collections of the descriptor-driven types, under their API keys (`skills`,
 * `skill_memberships`, ...). Typed as no keys: read them with `genericRows`.
 */
const genericShape = Object.fromEntries(
  genericTypes.flatMap((d) => [
    [d.group.key, z.array(groupFixtureSchema(d)).default([])],
    [d.collectionKey, z.array(membershipFixtureSchema(d)).default([])],
  ]),
) as {};

/** The rows of a descriptor-driven collection of a validated fixture (`skills`, `skill_memberships`, ...). */
export function genericRows(f: Fixture, key: string): Record<string, unknown>[] {
  return ((f as unknown as Record<string, unknown>)[key] as Record<string, unknown>[] | undefined) ?? [];
}

/** The fixture document, before the cross-reference checks. */
const fixtureShape = z.strictObject({
  account: z.strictObject({
    id,
    name: z.string().min(1),
    /** The account's UTC offset; every timestamp the API sends is rendered in it. */
    utc_offset: z.string().regex(/^[+-]\d\d:\d\d$/).default("+00:00"),
  }),
  /** The simulated clock starts here; each write moves it one step. */
  clock_start: timestamp,
  /** Bearer token → id of the user it belongs to. */
  tokens: z.record(z.string().min(1), id),
  users: z.array(userSchema),
  access_groups: z.array(accessGroupSchema).default([]),
  insights_access_groups: z.array(insightsAccessGroupSchema).default([]),
  workspace_groups: z.array(workspaceGroupSchema).default([]),
  access_group_memberships: z.array(accessGroupMembershipSchema).default([]),
  insights_access_group_memberships: z.array(insightsAccessGroupMembershipSchema).default([]),
  user_group_memberships: z.array(userGroupMembershipSchema).default([]),
}).extend(genericShape);

/** A validated fixture: ids are numbers, optional fields are filled in. */
export type Fixture = z.output<typeof fixtureShape>;

/** A fixture as written in JSON (ids may be strings, optional fields may be left out). */
export type FixtureInput = z.input<typeof fixtureShape>;

/** A user of a validated fixture. */
export type FixtureUser = Fixture["users"][number];
/** An access group of a validated fixture (times still ISO text). */
export type FixtureAccessGroup = Fixture["access_groups"][number];
/** An Insights access group of a validated fixture. */
export type FixtureInsightsAccessGroup = Fixture["insights_access_groups"][number];
/** A workspace group of a validated fixture (times still ISO text). */
export type FixtureWorkspaceGroup = Fixture["workspace_groups"][number];

/** The full schema: shape plus the rules that tie collections together. */
export const fixtureSchema = fixtureShape.superRefine((f, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const idSets = new Map<string, Set<number>>();
  for (const key of [
    "users",
    "access_groups",
    "insights_access_groups",
    "workspace_groups",
    "access_group_memberships",
    "insights_access_group_memberships",
    "user_group_memberships",
  ] as const) {
    const seen = new Set<number>();
    f[key].forEach((row, i) => {
      if (seen.has(row.id)) issue([key, i, "id"], `duplicate id ${row.id} in ${key}`);
      seen.add(row.id);
    });
    idSets.set(key, seen);
  }
  const users = idSets.get("users")!;
  uniqueText(f.users.map((u) => u.email_address), (i, v) => issue(["users", i, "email_address"], `duplicate email address ${v}`));
  uniqueText(f.workspace_groups.map((g) => g.name), (i, v) =>
    issue(["workspace_groups", i, "name"], `duplicate workspace group name ${v} (names are unique, ignoring case)`),
  );
  for (const [token, userId] of Object.entries(f.tokens)) {
    if (!users.has(userId)) issue(["tokens", token], `token belongs to user ${userId}, who is not in users`);
  }
  const defaults = new Set<string>();
  f.access_groups.forEach((g, i) => {
    if (g.account_permission === null) return;
    if (defaults.has(g.account_permission)) issue(["access_groups", i], `two Account Default groups for ${g.account_permission}`);
    defaults.add(g.account_permission);
  });
  const memberships = [
    ["access_group_memberships", "access_group_id", "access_groups", f.access_group_memberships.map((m) => m.access_group_id)],
    ["insights_access_group_memberships", "insights_access_group_id", "insights_access_groups", f.insights_access_group_memberships.map((m) => m.insights_access_group_id)],
    ["user_group_memberships", "workspace_group_id", "workspace_groups", f.user_group_memberships.map((m) => m.workspace_group_id)],
  ] as const;
  for (const d of genericTypes) {
    const groups = new Set(genericRows(f, d.group.key).map((g) => g.id as number));
    const seenGroups = new Set<number>();
    genericRows(f, d.group.key).forEach((g, i) => {
      if (seenGroups.has(g.id as number)) issue([d.group.key, i, "id"], `duplicate id ${g.id} in ${d.group.key}`);
      seenGroups.add(g.id as number);
    });
    const seen = new Set<string>();
    const perUser = new Map<number, number>();
    genericRows(f, d.collectionKey).forEach((m, i) => {
      const userId = m.user_id as number;
      if (!users.has(userId)) issue([d.collectionKey, i, "user_id"], `unknown user ${userId}`);
      if (!groups.has(m[d.group.api] as number)) issue([d.collectionKey, i, d.group.api], `unknown ${d.group.key} id ${m[d.group.api]}`);
      const key = identityKeyOf(d, m);
      if (seen.has(key)) issue([d.collectionKey, i], `user ${userId} has two ${d.collectionKey} with the same ${identityLabel(d)}`);
      seen.add(key);
      perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
      if (d.maxPerUser !== undefined && perUser.get(userId) === d.maxPerUser + 1) issue([d.collectionKey, i], `user ${userId} has more than ${d.maxPerUser} ${d.collectionKey}`);
    });
  }
  for (const [key, groupKey, groupsKey, groupIds] of memberships) {
    const pairs = new Set<string>();
    f[key].forEach((m, i) => {
      const groupId = groupIds[i];
      if (!users.has(m.user_id)) issue([key, i, "user_id"], `unknown user ${m.user_id}`);
      if (!idSets.get(groupsKey)!.has(groupId)) issue([key, i, groupKey], `unknown ${groupsKey} id ${groupId}`);
      const pair = `${m.user_id}:${groupId}`;
      if (pairs.has(pair)) issue([key, i], `user ${m.user_id} is twice in group ${groupId}`);
      pairs.add(pair);
    });
  }
});

function identityKeyOf(d: MembershipDescriptor, m: Record<string, unknown>): string {
  return [m.user_id, ...identityApiKeys(d).map((k) => m[k])].join(":");
}

function identityLabel(d: MembershipDescriptor): string {
  return identityApiKeys(d).join(" and ");
}

/** The fixture schema of a group of a descriptor-driven type: `{id, name, ...group.fields}`. */
function groupFixtureSchema(d: MembershipDescriptor) {
  const shape: Record<string, z.ZodType> = { id, name: z.string().min(1) };
  for (const f of d.group.fields ?? []) shape[f.api] = f.schema.optional();
  return z.strictObject(shape);
}

/** The fixture schema of a membership of a descriptor-driven type: ids, the updatable fields, creator and times. */
function membershipFixtureSchema(d: MembershipDescriptor) {
  const shape: Record<string, z.ZodType> = { id, user_id: id, [d.group.api]: id, creator_id: id.nullable().default(null), created_at: timestamp, updated_at: timestamp.optional() };
  for (const f of d.updatable) shape[f.api] = f.required ? f.schema : f.schema.optional();
  return z.strictObject(shape);
}

function uniqueText(values: string[], onDuplicate: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const key = v.toLowerCase();
    if (seen.has(key)) onDuplicate(i, v);
    seen.add(key);
  });
}

/** Raised when a fixture does not validate; the message lists every problem with its path. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FixtureError";
  }
}

/** Validates a fixture object; throws `FixtureError` naming each problem (`source` says where it came from). */
export function parseFixture(input: unknown, source = "fixture"): Fixture {
  const result = fixtureSchema.safeParse(input);
  if (!result.success) throw new FixtureError(`Invalid ${source}:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** Reads and validates a fixture file. */
export function loadFixtureFile(path: string): Fixture {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new FixtureError(`Cannot read fixture file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`Fixture file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseFixture(json, `fixture file ${path}`);
}

let defaultFixture: Fixture | undefined;

/** The bundled default account, validated once per process. */
export function getDefaultFixture(): Fixture {
  defaultFixture ??= parseFixture(defaultAccount, "default fixture");
  return defaultFixture;
}
