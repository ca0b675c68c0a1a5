import { AccountGroup, AccountMembership, AccountSnapshot, Kind, KINDS } from "./account";
import { groupMembersTypes } from "../descriptors";

/** How the program is written. */
export interface ProgramOptions {
  /** The groups asked for (`--group`); empty means every group of the chosen kinds. */
  groupIds: number[];
  /** One AccessGroupMembers / WorkspaceGroupMembers per group instead of one resource per membership. */
  authoritative: boolean;
  /** Emit `retainOnDelete: true`, so destroying the stack leaves people where they are. */
  retain: boolean;
  /** Where the account was read from, for the header comment. */
  source: string;
  /** The day of the export, for the header comment. */
  date: string;
}

/** One resource of the written program, as data (for `--import-file`). */
export interface ProgramResource {
  /** Class name, e.g. `UserGroupMembership`. */
  cls: string;
  name: string;
  /** The Pulumi id it will have: the membership id, or the group id for an authoritative resource. */
  id: string;
  /** Its arguments as the program writes them. */
  args: Record<string, unknown>;
}

/** Counts for the closing summary. */
export interface ExportSummary {
  memberships: Record<Kind, number>;
  resources: number;
  groups: number;
  users: number;
  skipped: number;
}

/** What the program names for each kind: from its descriptor, and the authoritative class that manages its groups, if any. */
const LABEL = Object.fromEntries(
  (Object.keys(KINDS) as Kind[]).map((kind) => {
    const d = KINDS[kind];
    const whole = Object.entries(groupMembersTypes).find(([, g]) => g === d)?.[0];
    return [kind, { noun: d.group.noun, cls: d.typeName, whole, arg: d.group.arg }];
  }),
) as Record<Kind, { noun: string; cls: string; whole?: string; arg: string }>;

/** A resource-name fragment: lower case letters, digits and single dashes. */
export function slug(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "x";
}

/** Text safe inside a `//` comment. */
function comment(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}

/**
 * Writes a TypeScript Pulumi program that declares the memberships of `snapshot`, with stable,
 * readable, unique resource names (group name + the user's email) and comments naming the ids.
 * Memberships of Account Default access groups are left out and listed in a comment: they
 * follow account permissions and cannot be managed as memberships.
 */
export function generateProgram(snapshot: AccountSnapshot, kinds: Kind[], options: ProgramOptions): { text: string; summary: ExportSummary; resources: ProgramResource[] } {
  const resources: ProgramResource[] = [];
  const used = new Set<string>();
  const unique = (base: string, userId?: number) => {
    let name = base;
    if (used.has(name) && userId !== undefined) name = `${base}-${userId}`;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  };
  const who = (userId: number) => {
    const u = snapshot.users.get(userId);
    return u ? comment(`${u.fullName} <${u.email}>`) : `user ${userId} (not on the account's user list)`;
  };
  const userSlug = (userId: number) => {
    const u = snapshot.users.get(userId);
    return slug(u?.email.split("@")[0] || u?.fullName || `user-${userId}`);
  };
  const opts = options.retain ? ", keep" : "";
  const body: string[] = [];
  const skippedLines: string[] = [];
  const summary: ExportSummary = { memberships: Object.fromEntries(Object.keys(KINDS).map((k) => [k, 0])), resources: 0, groups: 0, users: 0, skipped: 0 };
  const users = new Set<number>();

  for (const kind of kinds) {
    const label = LABEL[kind];
    const byGroup = new Map<number, AccountMembership[]>();
    for (const m of snapshot.memberships[kind]) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), m]);
    // Authoritatively, a group with no members is declared too ("exactly nobody"), but only a
    // group that was asked for: never one outside the --group selection.
    const selected = (g: number) => options.groupIds.length === 0 || options.groupIds.includes(g);
    const groupIds = options.authoritative && label.whole
      ? [...new Set([...byGroup.keys(), ...[...snapshot.groups[kind].values()].filter((g) => !g.accountDefault).map((g) => g.id)])].filter(selected)
      : [...byGroup.keys()].filter(selected);
    body.push("", `// ── ${label.noun}s ──`);
    for (const groupId of groupIds.sort((a, b) => a - b)) {
      const group: AccountGroup = snapshot.groups[kind].get(groupId) ?? { id: groupId, name: `${label.noun} ${groupId}`, accountDefault: false };
      const members = byGroup.get(groupId) ?? [];
      if (group.accountDefault) {
        skippedLines.push(`//   ${comment(group.name)} (${label.noun} ${groupId}): ${members.length} membership(s)`);
        summary.skipped += members.length;
        continue;
      }
      summary.groups++;
      summary.memberships[kind] += members.length;
      members.forEach((m) => users.add(m.userId));
      body.push("", `// ${comment(group.name)} (${label.noun} ${groupId}): ${members.length} member(s)`);
      if (options.authoritative && label.whole) {
        summary.resources++;
        const wholeName = unique(`${kind}-${slug(group.name)}-members`);
        resources.push({ cls: label.whole, name: wholeName, id: String(groupId), args: { [label.arg]: groupId, userIds: members.map((m) => m.userId) } });
        body.push(`new kantata.${label.whole}("${wholeName}", {`);
        body.push(`  ${label.arg}: ${groupId},`, members.length ? "  userIds: [" : "  userIds: [],");
        for (const m of members) body.push(`    ${m.userId}, // ${who(m.userId)}`);
        if (members.length) body.push("  ],");
        body.push(`}${opts});`);
        continue;
      }
      for (const m of members) {
        summary.resources++;
        const name = unique(`${kind}-${slug(group.name)}-${userSlug(m.userId)}`, m.userId);
        const fields = Object.entries(m.fields).map(([arg, value]) => `, ${arg}: ${JSON.stringify(value)}`).join("");
        resources.push({ cls: label.cls, name, id: String(m.id), args: { userId: m.userId, [label.arg]: groupId, ...m.fields } });
        body.push(`new kantata.${label.cls}("${name}", { userId: ${m.userId}, ${label.arg}: ${groupId}${fields} }${opts}); // ${who(m.userId)}`);
      }
    }
  }
  summary.users = users.size;
  const total = kinds.reduce((n, k) => n + summary.memberships[k], 0);
  const header = [
    `// Generated by \`pulumi-kantata export\` from ${options.source} on ${options.date}.`,
    `// ${total} membership(s) of ${summary.users} user(s) in ${summary.groups} group(s), as ${summary.resources} resource(s).`,
    "// Running `pulumi up` on this program adopts every membership that exists, with no write request.",
    ...(skippedLines.length
      ? ["// Left out: memberships of Account Default access groups, which follow account permissions:", ...skippedLines]
      : []),
    'import * as kantata from "pulumi-kantata";',
    ...(options.retain ? ["", "// Destroying this stack leaves everyone where they are.", "const keep = { retainOnDelete: true };"] : []),
  ];
  return { text: [...header, ...body, ""].join("\n"), summary, resources };
}

