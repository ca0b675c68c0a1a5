/**
 * What the provider adds to a lone create beyond its round trips, side by side in one run: the
 * same create (a user-group membership, the type with bulk create) through the provider's hooks
 * against a simulator process at 50 ms per request, (a) announced by its `check`, as the engine
 * always does, and (b) not announced, which batches as 0.1 did (each of the three stages — lookup,
 * checks of user and group, POST — waits the `bulkWindowMs` of quiet, 50 ms). Runs alternate;
 * medians of 9 each. Also printed: the round trips each made and the floor they set.
 *
 * Usage: npm run bench:lone-create
 */
import { performance } from "node:perf_hooks";
import { resetForTests } from "../../provider/dynamic/handlers";
import { providerHooks } from "../../tests/helpers/providerHooks";
import { SimulatorProcess } from "./simulatorProcess";

const LATENCY_MS = 50;
const RUNS = 9;
const GROUP = 5;
/**
 * The round trips a create needs, in series: its lookup; the checks of user, group and token
 * (three requests at once); the POST. Three times the latency.
 */
const FLOOR_MS = 3 * LATENCY_MS;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The users already in the group, so every run creates. */
async function groupMembers(url: string): Promise<Set<number>> {
  const users = new Set<number>();
  for (let page = 1; ; page++) {
    const res = await fetch(`${url}/user_group_memberships?group_ids=${GROUP}&per_page=200&page=${page}`, { headers: { authorization: "Bearer sim-admin-token" } });
    const body = (await res.json()) as { results: { key: string; id: string }[]; meta: { page_count: number } } & Record<string, Record<string, { user_id: string }>>;
    for (const r of body.results) users.add(Number(body[r.key][r.id].user_id));
    if (page >= body.meta.page_count) return users;
  }
}

async function main(): Promise<void> {
  const sim = await SimulatorProcess.start(LATENCY_MS);
  try {
    const config = { "kantata:apiToken": "sim-admin-token", "kantata:baseUrl": sim.url, "kantata:bulkWindowMs": "50" };
    const times: Record<"announced" | "unannounced", number[]> = { announced: [], unannounced: [] };
    const requests: Record<string, number[]> = { announced: [], unannounced: [] };
    const members = await groupMembers(sim.url);
    let user = 1500;
    for (let run = 0; run < RUNS * 2; run++) {
      const mode = run % 2 === 0 ? "announced" : "unannounced";
      resetForTests();
      const p = providerHooks("UserGroupMembership", () => config);
      do user++;
      while (members.has(user));
      const inputs = { userId: user, workspaceGroupId: GROUP };
      const { inputs: checked } = await p.check({}, inputs);
      if (mode === "unannounced") resetForTests(); // forget the announcement: a fresh process that saw no check
      const before = (await sim.counters()).total;
      const started = performance.now();
      const created = await (mode === "unannounced" ? providerHooks("UserGroupMembership", () => config) : p).create(checked);
      times[mode].push(performance.now() - started);
      requests[mode].push((await sim.counters()).total - before);
      if (created.outs.adopted !== false) throw new Error(`user ${inputs.userId} was already in group ${GROUP}: the run measured an adoption`);
    }
    const row = (mode: "announced" | "unannounced") => {
      const ms = median(times[mode]);
      const n = median(requests[mode]);
      return { ms, n, line: `${mode.padEnd(12)} median ${ms.toFixed(1)} ms, ${n} requests, ${(ms - FLOOR_MS).toFixed(1)} ms beyond the round trips` };
    };
    const a = row("announced");
    const b = row("unannounced");
    console.log(`lone create of a UserGroupMembership, simulator at ${LATENCY_MS} ms per request, bulkWindowMs 50, ${RUNS} runs each, alternating; round trips in series: 3 (${FLOOR_MS} ms):`);
    console.log(`  ${a.line}`);
    console.log(`  ${b.line}`);
    console.log(`  ratio ${(b.ms / a.ms).toFixed(2)}×; saved ${(b.ms - a.ms).toFixed(0)} ms`);
  } finally {
    await sim.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
