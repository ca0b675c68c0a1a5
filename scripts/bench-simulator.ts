/**
 * Throughput of the Kantata OX simulator (decisions.md #17): the simulator runs in a child
 * process pinned to CPU 0 with `taskset` (when available), this process drives a keep-alive load
 * from the other CPU, and a table reports requests per second with the CPU time of both sides.
 *
 * Usage: node dist/scripts/bench-simulator.js [--requests N] [--concurrency C]
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const TOKEN = "sim-admin-token";
const CLI = join(__dirname, "..", "simulator", "cli.js");

/** One request of a scenario: method, path below the base URL, optional JSON body. */
interface Call {
  method: "GET" | "POST" | "DELETE";
  path: string;
  body?: unknown;
}

/** A scenario: `step(i)` makes the i-th unit of work (one or more requests) and returns how many it made. */
interface Scenario {
  name: string;
  step(i: number, send: (call: Call) => Promise<Answer>): Promise<number>;
}

interface Answer {
  status: number;
  body: string;
}

const scenarios: Scenario[] = [
  {
    name: "GET /workspace_groups/1",
    step: async (_i, send) => check(await send({ method: "GET", path: "/workspace_groups/1" }), 200, 1),
  },
  {
    name: "GET /access_group_memberships?user_id=…",
    step: async (i, send) => check(await send({ method: "GET", path: `/access_group_memberships?user_id=${(i % 2000) + 1}` }), 200, 1),
  },
  {
    name: "GET /user_group_memberships?group_ids=…&include=user",
    step: async (i, send) =>
      check(await send({ method: "GET", path: `/user_group_memberships?group_ids=${(i % 8) + 1}&include=user` }), 200, 1),
  },
  {
    name: "POST /access_group_memberships (create)",
    step: async (i, send) => {
      // Users 1..2000 × the 7 non-default groups (8..14); the pair is new after a reset (duplicates count as 422).
      const body = { access_group_membership: { user_id: (i % 2000) + 1, access_group_id: 8 + (Math.floor(i / 2000) % 7) } };
      const answer = await send({ method: "POST", path: "/access_group_memberships", body });
      return answer.status === 200 || answer.status === 422 ? 1 : fail(answer);
    },
  },
  {
    name: "POST+DELETE /user_group_memberships",
    step: async (i, send) => {
      const body = { user_group_membership: { user_id: (i % 2000) + 1, workspace_group_id: 1 + (Math.floor(i / 2000) % 8) } };
      const created = await send({ method: "POST", path: "/user_group_memberships", body });
      if (created.status === 422) return 1; // the user is already in that group
      check(created, 200, 1);
      const id = (JSON.parse(created.body) as { results: { id: string }[] }).results[0].id;
      return 1 + check(await send({ method: "DELETE", path: `/user_group_memberships/${id}` }), 204, 1);
    },
  },
];

function check(answer: Answer, status: number, count: number): number {
  return answer.status === status ? count : fail(answer);
}

function fail(answer: Answer): never {
  throw new Error(`unexpected ${answer.status}: ${answer.body.slice(0, 200)}`);
}

/** Starts the simulator CLI, pinned to CPU 0 when taskset exists; resolves with its base URL. */
async function startServer(): Promise<{ child: ChildProcess; url: string; pinned: boolean }> {
  const pinned = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  const [command, args] = pinned ? ["taskset", ["-c", "0", process.execPath, CLI, "--port", "0"]] : [process.execPath, [CLI, "--port", "0"]];
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { child, url, pinned };
}

/** Pins this process to CPU 1 so client and server do not share a core. */
function pinSelf(): boolean {
  return cpus().length > 1 && spawnSync("taskset", ["-p", "-c", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
}

/** CPU seconds a process has used, from /proc (Linux); NaN elsewhere. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

function makeSender(baseUrl: string, agent: Agent) {
  const url = new URL(baseUrl);
  return (call: Call): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
      const headers: Record<string, string | number> = { Authorization: `Bearer ${TOKEN}` };
      if (payload !== undefined) {
        headers["Content-Type"] = "application/json";
        headers["Content-Length"] = Buffer.byteLength(payload);
      }
      const req = request(
        { agent, hostname: url.hostname, port: url.port, method: call.method, path: url.pathname + call.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
}

/** Runs `units` steps of a scenario with `concurrency` workers; returns requests made. */
async function drive(scenario: Scenario, send: (call: Call) => Promise<Answer>, units: number, concurrency: number): Promise<number> {
  let next = 0;
  let requests = 0;
  const worker = async () => {
    while (next < units) {
      const made = await scenario.step(next++, send);
      requests += made; // not `requests += await …`: that reads `requests` before the await
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests;
}

async function resetServer(baseUrl: string): Promise<void> {
  await fetch(baseUrl.replace(/\/api\/v1$/, "/__simulator/reset"), { method: "POST" });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { requests: { type: "string", default: "20000" }, concurrency: { type: "string", default: "48" } } });
  const units = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const clientPinned = pinSelf();
  const { child, url, pinned } = await startServer();
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const send = makeSender(url, agent);
  console.log(`simulator ${url} ${pinned ? "pinned to CPU 0 (taskset -c 0)" : "NOT pinned (no taskset)"}; client ${clientPinned ? "on CPU 1" : "not pinned"}`);
  console.log(`${units} units per scenario, ${concurrency} concurrent keep-alive requests, node ${process.version}\n`);
  const rows: string[][] = [["scenario", "requests", "seconds", "req/s", "client CPU s", "server CPU s"]];
  try {
    await drive(scenarios[0], send, 2000, concurrency); // warm-up: JIT, sockets
    for (const scenario of scenarios) {
      await resetServer(url);
      const serverCpu = processCpuSeconds(child.pid!);
      const clientCpu = process.cpuUsage();
      const started = performance.now();
      const requests = await drive(scenario, send, units, concurrency);
      const seconds = (performance.now() - started) / 1000;
      const client = process.cpuUsage(clientCpu);
      rows.push([
        scenario.name,
        String(requests),
        seconds.toFixed(2),
        Math.round(requests / seconds).toLocaleString("en-US"),
        ((client.user + client.system) / 1e6).toFixed(2),
        (processCpuSeconds(child.pid!) - serverCpu).toFixed(2),
      ]);
    }
  } finally {
    agent.destroy();
    child.kill("SIGTERM");
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
