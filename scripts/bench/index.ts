/**
 * `npm run bench`: pulumi-kantata against a naive dynamic provider and the engine floor, under the
 * real Pulumi engine and the Kantata OX simulator (50 ms per request). For each N, contender and
 * checkpoint mode: wall time of up, a no-change preview, refresh and destroy (all with
 * --parallel 100); API requests by kind; state size; peak memory of the engine, the provider
 * process and the simulator. Medians over runs, ratios, and a check against the issue's targets,
 * printed and written to BENCHMARKS.md. Nothing here asserts on time.
 *
 *   npm run bench                                   # the default plan (see --help)
 *   npm run bench -- --sizes 10,100 --runs 1        # a quick look
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../lib/pulumiStack";
import { CheckpointMode, cleanupAll, Contender, RunRecord, runLifecycle, RunSettings } from "./lifecycle";
import { describeMachine, Machine } from "./machine";
import { freshPairs } from "./pairs";
import { aggregate, briefError, LABEL, MODE_LABEL } from "./report";
import { renderDocument } from "./document";

const USAGE = `Usage: npm run bench -- [options]

Options:
  --sizes LIST            numbers of memberships (default 10,100,1000)
  --runs R                runs per cell, medians reported (default 3)
  --contenders LIST       kantata,naive,floor (default all three)
  --modes LIST            checkpoint modes: default,skip (default both; skip = PULUMI_SKIP_CHECKPOINTS=true)
  --heavy-from N          cells with N at least this, in the default checkpoint mode, are "heavy":
                          the engine rewrites the whole state file after every step there, which
                          makes them cost minutes each (default 1000)
  --heavy-runs R          runs of a heavy cell (default: --runs)
  --heavy-contenders LIST contenders run in heavy cells (default kantata,floor: the naive
                          provider keeps ~3× the floor's state per resource, so its checkpointed
                          runs cost ~3× as long)
  --full                  no reduction: heavy cells get --runs runs and every contender
                          (the naive provider's adds about 15 min on a quiet 2-core machine)
  --latency-ms MS         simulator latency per request (default 50)
  --parallel P            pulumi --parallel for every operation (default 100)
  --rps N                 KANTATA_REQUESTS_PER_SECOND of pulumi-kantata (default: unset, the provider's default)
  --max-concurrent N      KANTATA_MAX_CONCURRENT_REQUESTS of pulumi-kantata (default: unset)
  --bulk-window-ms MS     KANTATA_BULK_WINDOW_MS of pulumi-kantata (default: unset)
  --timeout-min M         per operation; its processes are killed after it (default 30)
  --out FILE              the Markdown report (default BENCHMARKS.md in the repository)
  --json FILE             also write every run's raw figures
  --from-json FILES       run nothing: rewrite the report from the raw figures of earlier --json
                          runs (comma-separated files are merged: their runs are pooled per cell)
  --verbose               echo the Pulumi CLI's output
  -h, --help              this text`;

const CONTENDERS: Contender[] = ["floor", "kantata", "naive"]; // order within one round
const MODES: CheckpointMode[] = ["default", "skip"];

function list<T extends string>(text: string, allowed: readonly T[], flag: string): T[] {
  const items = text.split(",").map((s) => s.trim()).filter(Boolean);
  for (const i of items) if (!allowed.includes(i as T)) throw new Error(`${flag}: unknown value "${i}" (allowed: ${allowed.join(", ")})`);
  return allowed.filter((a) => items.includes(a));
}

function positive(text: string, flag: string, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}, not "${text}"`);
  return n;
}

export interface Plan {
  sizes: number[];
  runs: number;
  contenders: Contender[];
  modes: CheckpointMode[];
  heavyFrom: number;
  heavyRuns: number;
  heavyContenders: Contender[];
  full: boolean;
  settings: RunSettings;
  out: string;
  json?: string;
  fromJson?: string[];
  argv: string[];
}

function readPlan(argv: string[]): Plan | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      sizes: { type: "string", default: "10,100,1000" },
      runs: { type: "string", default: "3" },
      contenders: { type: "string", default: "kantata,naive,floor" },
      modes: { type: "string", default: "default,skip" },
      "heavy-from": { type: "string", default: "1000" },
      "heavy-runs": { type: "string" },
      "heavy-contenders": { type: "string", default: "kantata,floor" },
      full: { type: "boolean", default: false },
      "latency-ms": { type: "string", default: "50" },
      parallel: { type: "string", default: "100" },
      rps: { type: "string" },
      "max-concurrent": { type: "string" },
      "bulk-window-ms": { type: "string" },
      "timeout-min": { type: "string", default: "30" },
      out: { type: "string", default: path.join(REPO_ROOT, "BENCHMARKS.md") },
      json: { type: "string" },
      "from-json": { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return undefined;
  const sizes = values.sizes.split(",").map((s) => positive(s.trim(), "--sizes"));
  const runs = positive(values.runs, "--runs");
  const full = values.full;
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    runs,
    contenders: list(values.contenders, CONTENDERS, "--contenders"),
    modes: list(values.modes, MODES, "--modes"),
    heavyFrom: positive(values["heavy-from"], "--heavy-from"),
    heavyRuns: full || values["heavy-runs"] === undefined ? runs : positive(values["heavy-runs"], "--heavy-runs"),
    heavyContenders: full ? CONTENDERS : list(values["heavy-contenders"], CONTENDERS, "--heavy-contenders"),
    full,
    settings: {
      latencyMs: positive(values["latency-ms"], "--latency-ms", 0),
      parallel: positive(values.parallel, "--parallel"),
      // Only what is asked for: by default pulumi-kantata runs with its own defaults, as users run it.
      providerEnv: {
        ...(values.rps !== undefined && { KANTATA_REQUESTS_PER_SECOND: String(positive(values.rps, "--rps")) }),
        ...(values["max-concurrent"] !== undefined && { KANTATA_MAX_CONCURRENT_REQUESTS: String(positive(values["max-concurrent"], "--max-concurrent")) }),
        ...(values["bulk-window-ms"] !== undefined && { KANTATA_BULK_WINDOW_MS: String(positive(values["bulk-window-ms"], "--bulk-window-ms", 0)) }),
      },
      opTimeoutMs: positive(values["timeout-min"], "--timeout-min") * 60_000,
      verbose: values.verbose,
    },
    out: path.resolve(values.out),
    json: values.json ? path.resolve(values.json) : undefined,
    fromJson: values["from-json"] ? values["from-json"].split(",").map((f) => path.resolve(f.trim())) : undefined,
    argv,
  };
}

/** What --json writes and --from-json reads. */
interface SavedRun {
  plan: Plan;
  machine: Machine;
  started: string;
  finished: string;
  loadAfter: string;
  records: RunRecord[];
}

export interface Job {
  contender: Contender;
  n: number;
  mode: CheckpointMode;
  run: number;
  runsOfCell: number;
}

/** Every run, interleaved so that a slow spell of a shared machine hits all contenders alike. */
export function jobsOf(plan: Plan): Job[] {
  const jobs: Job[] = [];
  for (const n of plan.sizes) {
    for (let run = 1; run <= plan.runs; run++) {
      for (const mode of plan.modes) {
        const heavy = n >= plan.heavyFrom && mode === "default";
        const runsOfCell = heavy ? plan.heavyRuns : plan.runs;
        if (run > runsOfCell) continue;
        for (const contender of plan.contenders) {
          if (heavy && !plan.heavyContenders.includes(contender)) continue;
          jobs.push({ contender, n, mode, run, runsOfCell });
        }
      }
    }
  }
  return jobs;
}

async function main(): Promise<void> {
  let plan: Plan | undefined;
  try {
    plan = readPlan(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!plan) {
    console.log(USAGE);
    return;
  }
  if (plan.fromJson) {
    const saved = plan.fromJson.map((f) => JSON.parse(readFileSync(f, "utf8")) as SavedRun);
    const first = saved[0];
    // The files may be given in any order: the span is from the earliest start to the latest end.
    const last = [...saved].sort((a, b) => Date.parse(a.finished) - Date.parse(b.finished)).at(-1)!;
    const earliest = Math.min(...saved.map((s) => Date.parse(s.started)));
    const records = saved.flatMap((s) => s.records);
    const doc = renderDocument({
      plan: first.plan,
      machine: first.machine,
      started: new Date(earliest),
      finished: new Date(last.finished),
      loadAfter: last.loadAfter,
      records,
      aggs: aggregate(records),
      merged: saved.slice(1).map((s) => ({ argv: s.plan.argv, started: s.started, finished: s.finished, loadBefore: s.machine.loadAverage, loadAfter: s.loadAfter })),
    });
    console.log(doc.tables);
    writeFileSync(plan.out, doc.markdown);
    console.log(`\nWritten to ${plan.out} from ${plan.fromJson.join(", ")}`);
    return;
  }
  const machine = describeMachine();
  const started = new Date();
  const jobs = jobsOf(plan);
  const pairsBySize = new Map(plan.sizes.map((n) => [n, freshPairs(n)]));
  const env = plan.settings.providerEnv;
  console.log(`Benchmark: ${jobs.length} runs of up / no-change preview / refresh / destroy, each on a fresh stack and a fresh simulator process.`);
  console.log(`  machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; pulumi ${machine.pulumi}; load ${machine.loadAverage}`);
  console.log(`  simulator latency ${plan.settings.latencyMs} ms per request; --parallel ${plan.settings.parallel} on every operation`);
  console.log(`  pulumi-kantata: ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ") || "default settings"}`);
  console.log(`  sizes ${plan.sizes.join(", ")}; ${plan.runs} run(s) per cell; modes: ${plan.modes.map((m) => MODE_LABEL[m]).join(", ")}`);
  if (!plan.full && plan.sizes.some((n) => n >= plan!.heavyFrom) && plan.modes.includes("default")) {
    console.log(`  heavy cells (N ≥ ${plan.heavyFrom}, default checkpoints): ${plan.heavyRuns} run(s), contenders ${plan.heavyContenders.join(", ")} (--full for everything)`);
  }

  const records: RunRecord[] = [];
  const finish = (): void => {
    const finished = new Date();
    const aggs = aggregate(records);
    const loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(" ");
    const doc = renderDocument({ plan: plan!, machine, started, finished, loadAfter, records, aggs });
    console.log(`\n${doc.tables}`);
    writeFileSync(plan!.out, doc.markdown);
    console.log(`\nWritten to ${plan!.out}`);
    if (plan!.json) {
      const saved: SavedRun = { plan: plan!, machine, started: started.toISOString(), finished: finished.toISOString(), loadAfter, records };
      writeFileSync(plan!.json, JSON.stringify(saved, null, 1));
      console.log(`Raw figures: ${plan!.json}`);
    }
  };

  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the running stack and simulator, removing their folders...`);
    cleanupAll().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  for (const [i, job] of jobs.entries()) {
    if (interrupted) return;
    console.log(`[${i + 1}/${jobs.length}] N=${job.n} ${MODE_LABEL[job.mode]} ${LABEL[job.contender]} run ${job.run}/${job.runsOfCell}`);
    const record = await runLifecycle(job.contender, job.n, job.mode, job.run, pairsBySize.get(job.n)!, plan.settings, (line) => console.log(line));
    if (interrupted) return;
    if (record.error) console.log(`      FAILED: ${briefError(record.error)}`);
    records.push(record);
  }
  finish();
  const failed = records.filter((r) => r.error).length;
  if (failed) {
    console.error(`${failed} of ${records.length} runs failed (their errors are in the report).`);
    process.exitCode = 1;
  }
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  await cleanupAll();
  process.exitCode = 1;
});
