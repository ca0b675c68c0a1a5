/**
 * The (user, workspace group) pairs the benchmark declares: N pairs that are *not* memberships
 * in the simulator's default account, so that `up` really creates every one. Spread over all
 * workspace groups of the fixture (user u goes to group ((u - 1) mod G) + 1 and, when already a
 * member there, to the next group where they are not), one pair per user, deterministic.
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
  const pairs: [number, number][] = [];
  for (const [i, user] of users.entries()) {
    if (pairs.length === n) break;
    for (let k = 0; k < groups.length; k++) {
      const group = groups[(i + k) % groups.length];
      if (!existing.has(`${user}:${group}`)) {
        pairs.push([user, group]);
        break;
      }
    }
  }
  if (pairs.length < n) throw new Error(`the fixture ${fixtureFile} has only ${pairs.length} users with a free workspace group; the benchmark asked for ${n}`);
  return pairs;
}
