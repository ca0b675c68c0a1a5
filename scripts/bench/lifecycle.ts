/**
 * One run of one contender at one size: a fresh simulator process, a fresh stack in a fresh
 * folder, then `pulumi up`, a no-change `pulumi preview`, `pulumi refresh` and `pulumi destroy`,
 * each timed, with the simulator's request counters read before and after and the memory of
 * the engine's process tree sampled. Every step's outcome is checked (the right number of
 * resources, the memberships really created and deleted, no change found by preview and refresh)
 * so that a fast wrong contender cannot win. Nothing here is a timed assertion.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PulumiStack, REPO_ROOT, RunResult } from "../lib/pulumiStack";
import { PeakByRole, peakRssOf, pidsWithEnv, TreeMemorySampler } from "./memory";
import { SimCounters, SimulatorProcess } from "./simulatorProcess";

export const PROGRAM_DIR = path.join(REPO_ROOT, "scripts", "bench", "programs", "bench");
export const PROJECT_NAME = "kantata-bench";

export type Contender = "kantata" | "naive" | "floor";
export type CheckpointMode = "default" | "skip";
export const OPS = ["up", "preview", "refresh", "destroy"] as const;
export type Op = (typeof OPS)[number];

/** Requests the simulator saw during one operation. */
export interface Requests {
  total: number;
  reads: number;
  writes: number;
  GET: number;
  POST: number;
  PUT: number;
  DELETE: number;
  /** Answered 429. */
  rateLimited: number;
  /** Per "METHOD /path" (the simulator's own grouping), for the raw figures. */
  byEndpoint?: Record<string, number>;
}

export interface OpResult {
  ms: number;
  requests: Requests;
  peak: PeakByRole;
}

export interface RunRecord {
  contender: Contender;
  n: number;
  mode: CheckpointMode;
  run: number;
  ops: Partial<Record<Op, OpResult>>;
  /** Size of the state file on disk after `up`. */
  stateBytes?: number;
  /** Bytes of one resource's whole entry in the state file, as written there (median). */
  resourceBytes?: number;
  /** The part the provider controls: its id, inputs and outputs (both holding `__provider`). */
  ownBytes?: number;
  /** The serialized provider (`__provider`), stored once in inputs and once in outputs. */
  providerBytes?: number;
  simulatorPeakBytes?: number;
  /** pulumi-kantata only: a refresh of its stack through `roundTripReader.ts` (no request, one round trip per round). */
  refreshOneTripMs?: number;
  error?: string;
}

export interface RunSettings {
  latencyMs: number;
  parallel: number;
  /** Settings of the provider under test (contender a). */
  providerEnv: Record<string, string>;
  /** Per operation; the CLI's process tree is killed after it. */
  opTimeoutMs: number;
  /** Echo the CLI's output (debugging). */
  verbose: boolean;
  /** A rate limit the API takes on just before `destroy`, which no contender is told about. */
  destroyRateLimit?: { requestsPerSecond: number; burst: number };
}

const TOKEN = "sim-admin-token"; // the simulator's administrator token, never a real one

/** What is alive right now, so that an interrupt can clean up. */
const live = new Set<{ cleanup: () => Promise<void> }>();

export async function cleanupAll(): Promise<void> {
  await Promise.all([...live].map((l) => l.cleanup().catch(() => undefined)));
}

export function delta(before: SimCounters, after: SimCounters): Requests {
  const r: Requests = { total: after.total - before.total, reads: after.reads - before.reads, writes: after.writes - before.writes, GET: 0, POST: 0, PUT: 0, DELETE: 0, rateLimited: (after.byStatus["429"] ?? 0) - (before.byStatus["429"] ?? 0) };
  r.byEndpoint = {};
  for (const [endpoint, count] of Object.entries(after.byEndpoint)) {
    if (count !== (before.byEndpoint[endpoint] ?? 0)) r.byEndpoint[endpoint] = count - (before.byEndpoint[endpoint] ?? 0);
    const method = endpoint.split(" ")[0] as keyof Requests;
    if (method === "GET" || method === "POST" || method === "PUT" || method === "DELETE") {
      r[method] += count - (before.byEndpoint[endpoint] ?? 0);
    }
  }
  return r;
}

/** The state file of the stack in the file backend. */
function stateFile(workRoot: string, stackName: string): string | undefined {
  const root = path.join(workRoot, "backend", ".pulumi", "stacks");
  const candidates = [path.join(root, PROJECT_NAME, `${stackName}.json`), path.join(root, `${stackName}.json`)];
  for (const c of candidates) if (existsSync(c)) return c;
  // Any other layout: the one .json file named after the stack.
  const walk = (d: string): string | undefined => {
    if (!existsSync(d)) return undefined;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        const found = walk(p);
        if (found) return found;
      } else if (e.name === `${stackName}.json`) return p;
    }
    return undefined;
  };
  return walk(root);
}

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Parses the engine's closing summary ("Resources:\n    + 3 created\n    1 unchanged"). */
export function summary(out: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const idx = out.lastIndexOf("Resources:");
  if (idx < 0) return counts;
  for (const line of out.slice(idx).split("\n").slice(1)) {
    const m = /^\s+[-+~]*\s*(\d+) ([a-z -]+?)\s*$/.exec(line);
    if (!m) {
      if (line.trim() === "") continue;
      break;
    }
    counts[m[2]] = Number(m[1]);
  }
  return counts;
}

export async function runLifecycle(
  contender: Contender,
  n: number,
  mode: CheckpointMode,
  run: number,
  pairs: [number, number][],
  settings: RunSettings,
  log: (line: string) => void,
): Promise<RunRecord> {
  const record: RunRecord = { contender, n, mode, run, ops: {} };
  const workRoot = mkdtempSync(path.join(tmpdir(), "kantata-bench-"));
  const stackName = `bench${process.pid}-${contender}-${n}-${mode}-${run}`;
  const stackConfigFile = path.join(PROGRAM_DIR, `Pulumi.${stackName}.yaml`);
  const specFile = path.join(workRoot, "spec.json");
  /** Ends every process of this run: the CLI's process group, then anything left with the run's environment. */
  const killRun = () => {
    stack?.killAll();
    for (const pid of pidsWithEnv("KANTATA_BENCH_SPEC", specFile)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };
  let sim: SimulatorProcess | undefined;
  let stack: PulumiStack | undefined;
  const handle = {
    cleanup: async () => {
      killRun();
      await sim?.stop();
      rmSync(stackConfigFile, { force: true });
      rmSync(workRoot, { recursive: true, force: true });
    },
  };
  live.add(handle);
  try {
    sim = await SimulatorProcess.start(settings.latencyMs);
    writeFileSync(specFile, JSON.stringify({ contender, pairs }));
    stack = await PulumiStack.init({
      projectDir: PROGRAM_DIR,
      stackName,
      workRoot,
      env: {
        KANTATA_BENCH_SPEC: specFile,
        KANTATA_API_TOKEN: TOKEN,
        KANTATA_BASE_URL: sim.url,
        ...settings.providerEnv,
        // The same for every contender: no type check of the (tiny) program on each run.
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        PULUMI_SKIP_CHECKPOINTS: mode === "skip" ? "true" : undefined,
      },
    });
    const s = stack;
    const ours = (r: StateResource) => r.type !== "pulumi:pulumi:Stack" && r.type !== "pulumi:providers:pulumi-nodejs" && r.type.startsWith("pulumi-nodejs:dynamic/");

    const step = async (op: Op, args: string[]): Promise<RunResult> => {
      const before = await sim!.counters();
      let sampler: TreeMemorySampler | undefined;
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const started = Date.now();
      try {
        const result = await s.run(args, {
          echo: settings.verbose,
          onSpawn: (pid) => {
            sampler = new TreeMemorySampler(pid).start();
            timer = setTimeout(() => {
              timedOut = true;
              killRun();
            }, settings.opTimeoutMs);
          },
        });
        const peak = sampler!.stop();
        const after = await sim!.counters();
        record.ops[op] = { ms: result.ms, requests: delta(before, after), peak };
        return result;
      } catch (e) {
        sampler?.stop();
        if (timedOut) throw new Error(`pulumi ${op} did not finish within ${Math.round(settings.opTimeoutMs / 1000)} s (killed after ${Date.now() - started} ms)`);
        throw e;
      } finally {
        if (timer) clearTimeout(timer);
      }
    };
    const common = ["--parallel", String(settings.parallel), "--suppress-progress"];
    const expectSummary = (op: Op, out: RunResult, want: Record<string, number>) => {
      const got = summary(out.stdout);
      const ok = Object.keys(want).length === Object.keys(got).length && Object.entries(want).every(([k, v]) => got[k] === v);
      if (!ok) throw new Error(`pulumi ${op}: expected ${JSON.stringify(want)}, the engine reported ${JSON.stringify(got)}:\n${out.stdout.slice(-2000)}`);
    };

    // up
    const upOut = await step("up", ["up", "--yes", "--skip-preview", ...common]);
    expectSummary("up", upOut, { created: n + 1 });
    const file = stateFile(workRoot, stackName);
    if (!file) throw new Error(`no state file for stack ${stackName} under ${workRoot}/backend`);
    const text = readFileSync(file, "utf8");
    record.stateBytes = statSync(file).size;
    const resources = ((JSON.parse(text) as { checkpoint?: { latest?: { resources?: StateResource[] } } }).checkpoint?.latest?.resources ?? []).filter(ours);
    if (resources.length !== n) throw new Error(`after up the state holds ${resources.length} resources of the contender, expected ${n}`);
    const indent = /\n( +)"/.exec(text)?.[1].length ?? 4;
    record.resourceBytes = median(resources.map((r) => Buffer.byteLength(JSON.stringify(r, null, indent))));
    record.ownBytes = median(resources.map((r) => Buffer.byteLength(JSON.stringify({ id: r.id, inputs: r.inputs, outputs: r.outputs }, null, indent))));
    record.providerBytes = median(resources.map((r) => Buffer.byteLength(String(r.inputs?.__provider ?? ""))));
    if (contender !== "floor") {
      const present = await sim.userGroupPairs();
      const missing = pairs.filter(([u, g]) => !present.has(`${u}:${g}`));
      if (missing.length) throw new Error(`after up ${missing.length} of ${n} memberships are missing on the simulator, e.g. ${missing.slice(0, 3).join(" ")}`);
    }
    log(`      up ${ms(record.ops.up!.ms)}`);

    // no-change preview
    const previewOut = await step("preview", ["preview", ...common]);
    expectSummary("preview", previewOut, { unchanged: n + 1 });
    log(`      preview ${ms(record.ops.preview!.ms)}`);

    // refresh
    const refreshOut = await step("refresh", ["refresh", "--yes", "--skip-preview", ...common]);
    expectSummary("refresh", refreshOut, { unchanged: n + 1 });
    log(`      refresh ${ms(record.ops.refresh!.ms)}`);
    if (contender === "kantata") {
      const ours = s.env;
      s.env = {
        ...ours,
        PULUMI_KANTATA_PROVIDER_MODULE: path.join(__dirname, "roundTripReader.js"),
        KANTATA_BENCH_ROUND: String(settings.parallel),
        KANTATA_BENCH_TRIP_MS: String(settings.latencyMs),
      };
      try {
        const out = await s.run(["refresh", "--yes", "--skip-preview", ...common]);
        expectSummary("refresh", out, { unchanged: n + 1 });
        record.refreshOneTripMs = out.ms;
      } finally {
        s.env = ours;
      }
      log(`      refresh, one round trip per round and nothing else (roundTripReader.ts) ${ms(record.refreshOneTripMs)}`);
    }

    // destroy
    if (settings.destroyRateLimit) await sim.setRateLimit(settings.destroyRateLimit);
    const destroyOut = await step("destroy", ["destroy", "--yes", "--skip-preview", ...common]);
    expectSummary("destroy", destroyOut, { deleted: n + 1 });
    if (contender !== "floor") {
      const present = await sim.userGroupPairs();
      const left = pairs.filter(([u, g]) => present.has(`${u}:${g}`));
      if (left.length) throw new Error(`after destroy ${left.length} of ${n} memberships are still on the simulator`);
    }
    log(`      destroy ${ms(record.ops.destroy!.ms)}`);
    record.simulatorPeakBytes = peakRssOf(sim.pid);
  } catch (e) {
    record.error = e instanceof Error ? e.message : String(e);
  } finally {
    live.delete(handle);
    await handle.cleanup();
  }
  return record;
}

function ms(x: number): string {
  return `${(x / 1000).toFixed(1)} s`;
}
