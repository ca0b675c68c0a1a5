/**
 * What the provider adds to a lone create beyond its round trips, side by side in one run: the
 * same create (a user-group membership, the type with bulk create) through the provider's hooks
 * against a simulator process at 50 ms per request, (a) announced by its `check`, as the engine
 * always does, and (b) not announced, which batches as 0.1 did (each of the three stages — lookup,
 * checks of user and group, POST — waits the `bulkWindowMs` of quiet, 50 ms); and (c) the floor:
 * the same five requests in the same three round trips, sent with plain `node:http` on a fresh
 * keep-alive agent (as each run's provider has a fresh client). Runs rotate; medians of 9 each.
 *
 * Usage: npm run bench:lone-create
 */
import http from "node:http";
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
const AUTH = { authorization: "Bearer sim-admin-token", "content-type": "application/json" };

/** The create's five requests in its three round trips, with no provider: the floor. */
async function rawCreate(url: string, userId: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  const send = (method: string, path: string, body?: unknown) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url + path, { method, agent, headers: AUTH }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode! < 300 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  await send("GET", `/user_group_memberships?user_ids=${userId}&group_ids=${GROUP}&page=1&per_page=200`);
  await Promise.all([send("GET", `/users?on_my_account=true&only=${userId}`), send("GET", `/workspace_groups?only=${GROUP}`), send("GET", "/users/me")]);
  await send("POST", "/user_group_memberships", { user_group_membership: { user_id: userId, workspace_group_id: GROUP } });
  agent.destroy();
}

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
    type Mode = "announced" | "unannounced" | "floor";
    const modes: Mode[] = ["announced", "unannounced", "floor"];
    const times: Record<Mode, number[]> = { announced: [], unannounced: [], floor: [] };
    const requests: Record<Mode, number[]> = { announced: [], unannounced: [], floor: [] };
    const members = await groupMembers(sim.url);
    let user = 1500;
    for (let run = 0; run < RUNS * modes.length; run++) {
      const mode = modes[run % modes.length];
      resetForTests();
      const p = providerHooks("UserGroupMembership", () => config);
      do user++;
      while (members.has(user));
      const inputs = { userId: user, workspaceGroupId: GROUP };
      if (mode === "floor") {
        const before = (await sim.counters()).total;
        const started = performance.now();
        await rawCreate(sim.url, user);
        times.floor.push(performance.now() - started);
        requests.floor.push((await sim.counters()).total - before);
        continue;
      }
      const { inputs: checked } = await p.check({}, inputs);
      if (mode === "unannounced") resetForTests(); // forget the announcement: a fresh process that saw no check
      const before = (await sim.counters()).total;
      const started = performance.now();
      const created = await (mode === "unannounced" ? providerHooks("UserGroupMembership", () => config) : p).create(checked);
      times[mode].push(performance.now() - started);
      requests[mode].push((await sim.counters()).total - before);
      if (created.outs.adopted !== false) throw new Error(`user ${inputs.userId} was already in group ${GROUP}: the run measured an adoption`);
    }
    const floor = median(times.floor);
    const row = (mode: Mode) => {
      const ms = median(times[mode]);
      return { ms, line: `${mode.padEnd(12)} median ${ms.toFixed(1)} ms, ${median(requests[mode])} requests, ${(ms - floor).toFixed(1)} ms beyond the floor (${(ms / floor).toFixed(2)}×)` };
    };
    const a = row("announced");
    const b = row("unannounced");
    console.log(`lone create of a UserGroupMembership, simulator at ${LATENCY_MS} ms per request, bulkWindowMs 50, ${RUNS} runs each, rotating; 3 round trips in series (${FLOOR_MS} ms of latency):`);
    console.log(`  ${a.line}`);
    console.log(`  ${b.line}`);
    console.log(`  ${row("floor").line}`);
    console.log(`  announced vs unannounced: ${(b.ms / a.ms).toFixed(2)}× faster, ${(b.ms - a.ms).toFixed(0)} ms saved`);
  } finally {
    await sim.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
