/**
 * The model of the workflow test: what the program declares, what Pulumi may consider its own,
 * and the rules every step is checked against. Pure functions only; `world.ts` does the I/O.
 *
 * The rule, as the README states it: nobody leaves a group unless the program's latest change
 * dropped them from a resource that listed them, `removeUnlistedMembers: true` covered them, or a
 * destroy removed a resource that listed them. Pulumi adds only people the program declares.
 */
import type { LiveRow } from "../../helpers/simulator";

export type Kind = LiveRow["kind"];

/** One membership resource of the program. */
export interface Single {
  cls: "single";
  kind: Kind;
  name: string;
  userId: number;
  groupId: number;
  canEdit?: boolean;
  retain?: boolean;
}

/** One authoritative group resource of the program. */
export interface Whole {
  cls: "whole";
  kind: "access" | "workspace";
  name: string;
  groupId: number;
  userIds: number[];
  removeUnlisted?: boolean;
  retain?: boolean;
}

export type Resource = Single | Whole;

/** What the test knows besides the live account. */
export interface Model {
  program: Resource[];
  /**
   * Pairs some resource of the stack may list: the declarations of the last program applied in
   * full, plus those of every program since whose `up` failed or was killed half-way.
   */
  claimed: Set<string>;
  /** Pairs changed outside Pulumi since the last refresh: a plain `up` does not see them. */
  drifted: Set<string>;
  /** For fresh resource names. */
  names: number;
}

export const newModel = (): Model => ({ program: [], claimed: new Set(), drifted: new Set(), names: 0 });

export const pairKey = (kind: Kind, groupId: number, userId: number) => `${kind}:${groupId}:${userId}`;

/** Every (kind, group, user) the program declares. */
export function declaredPairs(program: Resource[]): Set<string> {
  const out = new Set<string>();
  for (const r of program) {
    if (r.cls === "single") out.add(pairKey(r.kind, r.groupId, r.userId));
    else for (const u of r.userIds) out.add(pairKey(r.kind, r.groupId, u));
  }
  return out;
}

/** The live account by pair. */
export type Live = Map<string, LiveRow>;

export function liveByPair(rows: LiveRow[]): { live: Live; duplicates: string[] } {
  const live: Live = new Map();
  const duplicates: string[] = [];
  for (const r of rows) {
    const key = pairKey(r.kind, r.groupId, r.userId);
    if (live.has(key)) duplicates.push(key);
    live.set(key, r);
  }
  return { live, duplicates };
}

/** What happened to the account during one step. */
export interface Change {
  removed: string[];
  added: string[];
  /** Insights pairs whose can_edit changed, with the new value. */
  canEdit: [string, boolean | undefined][];
}

export function changeBetween(before: Live, after: Live): Change {
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const canEdit: [string, boolean | undefined][] = [];
  for (const [k, row] of after) {
    const old = before.get(k);
    if (old && old.canEdit !== row.canEdit) canEdit.push([k, row.canEdit]);
  }
  return { removed, added, canEdit };
}

/** The group part of a pair key. */
const groupOf = (key: string) => key.split(":").slice(0, 2).join(":");

/**
 * Violations of the rule by an `up` (plain, with --refresh, or killed half-way) of `program`,
 * given what the stack claimed before it.
 */
export function upViolations(program: Resource[], claimedBefore: Set<string>, change: Change): string[] {
  const declared = declaredPairs(program);
  const sweeping = new Set(program.filter((r): r is Whole => r.cls === "whole" && r.removeUnlisted === true).map((r) => `${r.kind}:${r.groupId}`));
  const out: string[] = [];
  for (const p of change.removed) {
    if (declared.has(p)) out.push(`removed ${p}, which the program declares`);
    else if (!claimedBefore.has(p) && !sweeping.has(groupOf(p))) out.push(`removed ${p}, which no resource listed and no removeUnlistedMembers covered`);
  }
  for (const p of change.added) if (!declared.has(p)) out.push(`added ${p}, which the program does not declare`);
  const wantedEdit = new Map(program.filter((r): r is Single => r.cls === "single" && r.canEdit !== undefined).map((r) => [pairKey(r.kind, r.groupId, r.userId), r.canEdit]));
  for (const [p, value] of change.canEdit) if (wantedEdit.get(p) !== value) out.push(`set can_edit of ${p} to ${value}, which the program does not declare`);
  return out;
}

/** Violations of the rule by a `destroy`: only pairs a resource listed may go, nothing may come. */
export function destroyViolations(claimedBefore: Set<string>, change: Change): string[] {
  return [
    ...change.removed.filter((p) => !claimedBefore.has(p)).map((p) => `destroy removed ${p}, which no resource listed`),
    ...change.added.map((p) => `destroy added ${p}`),
    ...change.canEdit.map(([p]) => `destroy changed can_edit of ${p}`),
  ];
}

/** Violations by a step that must not write (preview, refresh). */
export function noWriteViolations(step: string, change: Change): string[] {
  return [
    ...change.removed.map((p) => `${step} removed ${p}`),
    ...change.added.map((p) => `${step} added ${p}`),
    ...change.canEdit.map(([p]) => `${step} changed can_edit of ${p}`),
  ];
}

/**
 * After a successful `up`: every declared pair is live, with the declared can_edit, except pairs
 * changed outside Pulumi since the last refresh (a plain `up` does not look for drift).
 */
export function convergenceViolations(program: Resource[], drifted: Set<string>, live: Live): string[] {
  const out: string[] = [];
  for (const r of program) {
    const users = r.cls === "single" ? [r.userId] : r.userIds;
    for (const u of users) {
      const p = pairKey(r.kind, r.groupId, u);
      if (drifted.has(p)) continue;
      const row = live.get(p);
      if (!row) out.push(`${r.name} declares ${p}, which is not live after a successful up`);
      else if (r.cls === "single" && r.canEdit !== undefined && row.canEdit !== r.canEdit) out.push(`${r.name} declares can_edit ${r.canEdit} for ${p}, live is ${row.canEdit}`);
    }
  }
  return out;
}

/**
 * The refusals a failed `up` may end with: each is the provider declining a change that would
 * remove someone unasked or break a Kantata rule, with the fix in its message.
 */
export const EXPECTED_REFUSALS: RegExp[] = [
  /member\(s\) not in userIds/, // an authoritative group holds people nobody listed
  /may belong to only one/, // a user already in another classic Insights group
];

/** One line a preview printed on a resource: its resource name and the message. */
export interface PlanLine {
  name: string;
  message: string;
}

/**
 * Violations of an honest preview: each line that says a new resource adopts or creates must
 * match the live account at the time of the preview (an adoption names the live membership's id;
 * a create is of a pair that is not live; a group's counts are those of its live members).
 */
export function planViolations(program: Resource[], live: Live, lines: PlanLine[]): string[] {
  const out: string[] = [];
  for (const { name, message } of lines) {
    const r = program.find((x) => x.name === name);
    if (!r) continue;
    if (r.cls === "single") {
      const row = live.get(pairKey(r.kind, r.groupId, r.userId));
      const adopt = /^will adopt existing membership (\d+)/.exec(message);
      if (adopt && row?.id !== Number(adopt[1])) out.push(`preview said ${name} adopts membership ${adopt[1]}, but the live membership is ${row?.id ?? "absent"}`);
      if (/^will create/.test(message) && row) out.push(`preview said ${name} creates, but membership ${row.id} is live`);
    } else {
      const m = /^will adopt (\d+) existing members?(?:, add (\d+))?/.exec(message);
      if (!m) continue;
      const kept = r.userIds.filter((u) => live.has(pairKey(r.kind, r.groupId, u))).length;
      const added = r.userIds.length - kept;
      if (Number(m[1]) !== kept || Number(m[2] ?? 0) !== added) out.push(`preview said ${name} adopts ${m[1]} and adds ${m[2] ?? 0}, but ${kept} are live and ${added} are not`);
    }
  }
  return out;
}

