/**
 * The (user, workspace group) pairs the benchmark declares: N pairs that are *not* memberships
 * in the simulator's default account, so that `up` really creates every one. Spread over all
 * workspace groups of the fixture (user u goes to group ((u - 1) mod G) + 1 and, when already a
 * member there, to the next group where they are not), one pair per user while there are users
 * enough, then a second group per user, and so on (5,000 of the 2,000-user account); deterministic.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../lib/pulumiStack";

export const FIXTURE = path.join(REPO_ROOT, "simulator", "fixtures", "default-account.json");

interface FixtureSubset {
  users: { id: number | string }[];
  workspace_groups: { id: number | string }[];
  user_group_memberships: { user_id: number | string; workspace_group_id: number | string }[];
}

export function freshPairs(n: number, fixtureFile = FIXTURE): [number, number][] {
  const fixture = JSON.parse(readFileSync(fixtureFile, "utf8")) as FixtureSubset;
  const groups = fixture.workspace_groups.map((g) => Number(g.id)).sort((a, b) => a - b);
  const existing = new Set(fixture.user_group_memberships.map((m) => `${Number(m.user_id)}:${Number(m.workspace_group_id)}`));
  const users = fixture.users.map((u) => Number(u.id)).sort((a, b) => a - b);
  // Each user's free groups, from its own starting group on; round r takes every user's r-th one.
  const free = users.map((user, i) => groups.map((_, k) => groups[(i + k) % groups.length]).filter((group) => !existing.has(`${user}:${group}`)));
  const pairs: [number, number][] = [];
  for (let round = 0; round < groups.length && pairs.length < n; round++) {
    for (const [i, user] of users.entries()) {
      if (pairs.length === n) break;
      const group = free[i][round];
      if (group !== undefined) pairs.push([user, group]);
    }
  }
  if (pairs.length < n) throw new Error(`the fixture ${fixtureFile} has only ${pairs.length} free (user, workspace group) pairs; the benchmark asked for ${n}`);
  return pairs;
}
