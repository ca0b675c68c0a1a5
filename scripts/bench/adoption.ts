/**
 * `npm run bench:adoption`: adopting a whole account, as the export tells users to. Exports the
 * simulator's default account (about 2,170 memberships, one resource each), then, per run and
 * side by side: pulumi-kantata's first `pulumi preview` and its `pulumi up` with
 * PULUMI_SKIP_CHECKPOINTS=true against a fresh simulator, and the same program's up with a
 * provider that makes no request (the engine floor). Checks every run adopted everything with no
 * write; reports medians and ratios to BENCHMARKS-adoption.md. Nothing here asserts on time.
 *
 *   npm run bench:adoption -- --runs 3 --latency-ms 50
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { run as cli } from "../../provider/cli";
import { PulumiStack, REPO_ROOT, RunResult } from "../lib/pulumiStack";
import { describeMachine } from "./machine";
import { SimulatorProcess } from "./simulatorProcess";
import { delta, median, summary } from "./lifecycle";

const TOKEN = "sim-admin-token"; // the simulator's administrator token, never a real one
const USAGE = `Usage: npm run bench:adoption -- [--runs R] [--latency-ms MS] [--out FILE]`;

interface Figures {
  ms: number;
  reads: number;
  writes: number;
}
interface RunFigures {
  preview: Figures;
  up: Figures;
  floorUp: Figures;
}


async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "3" },
      "latency-ms": { type: "string", default: "50" },
      out: { type: "string", default: path.join(REPO_ROOT, "BENCHMARKS-adoption.md") },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const runs = Number(values.runs);
  const latencyMs = Number(values["latency-ms"]);

  // The program, exported once from the default account (the same in every fresh simulator).
  const dir = path.join(REPO_ROOT, ".bench", `adoption-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  let program = "";
  let exportLine = "";
  {
    const sim = await SimulatorProcess.start(0);
    try {
      const code = await cli(["export", "--out", "index.ts"], {
        stdout: () => undefined,
        stderr: (t) => void (exportLine = t.trim().split("\n").find((l) => l.includes("workspace group memberships;")) ?? exportLine),
        env: { KANTATA_API_TOKEN: TOKEN, KANTATA_BASE_URL: sim.url },
        writeFile: (_p, t) => void (program = t),
      });
      if (code !== 0) throw new Error(`export exited ${code}`);
    } finally {
      await sim.stop();
    }
  }
  const resources = (program.match(/^new kantata\./gm) ?? []).length;
  writeFileSync(path.join(dir, "index.ts"), program);
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: adoption\nruntime: nodejs\nmain: index.ts\n");
  copyFileSync(path.join(REPO_ROOT, "templates", "typescript", "tsconfig.json"), path.join(dir, "tsconfig.json"));
  console.log(`${exportLine}\n${resources} resources; ${runs} run(s); simulator latency ${latencyMs} ms`);

  const all: RunFigures[] = [];
  try {
    for (let r = 1; r <= runs; r++) {
      const figures: Partial<RunFigures> = {};
      for (const contender of ["kantata", "floor"] as const) {
        const sim = await SimulatorProcess.start(latencyMs);
        const workRoot = mkdtempSync(path.join(os.tmpdir(), "kantata-adopt-"));
        const stack = await PulumiStack.init({
          projectDir: dir,
          stackName: `adopt${process.pid}${contender}${r}`,
          workRoot,
          env: {
            KANTATA_API_TOKEN: TOKEN,
            KANTATA_BASE_URL: sim.url,
            PULUMI_SKIP_CHECKPOINTS: "true",
            PULUMI_KANTATA_PROVIDER_MODULE: contender === "floor" ? path.join(__dirname, "noRequestProvider.js") : undefined,
          },
        });
        const timed = async (args: string[]): Promise<{ out: RunResult; f: Figures }> => {
          const before = await sim.counters();
          const out = await stack.run(args);
          const { reads, writes } = delta(before, await sim.counters());
          return { out, f: { ms: out.ms, reads, writes } };
        };
        try {
          if (contender === "kantata") {
            const preview = await timed(["preview", "--suppress-progress"]);
            const planned = /of (\d+) resources new to this stack, (\d+) will adopt/.exec(preview.out.stdout);
            if (!planned || Number(planned[2]) !== resources) throw new Error(`the preview did not plan ${resources} adoptions: ${planned?.[0]}`);
            figures.preview = preview.f;
          }
          const up = await timed(["up", "--yes", "--skip-preview", "--suppress-progress"]);
          const created = summary(up.out.stdout).created;
          if (created !== resources + 1) throw new Error(`up created ${created}, expected ${resources + 1}`);
          if (contender === "kantata") {
            if (up.f.writes !== 0) throw new Error(`the adoption made ${up.f.writes} writes`);
            const { deployment } = await stack.exportState();
            const adopted = (deployment.resources ?? []).filter((x) => x.outputs?.adopted === true).length;
            if (adopted !== resources) throw new Error(`${adopted} of ${resources} resources adopted`);
            figures.up = up.f;
          } else figures.floorUp = up.f;
          console.log(`run ${r} ${contender}: ${contender === "kantata" ? `preview ${(figures.preview!.ms / 1000).toFixed(1)} s (${figures.preview!.reads} reads), ` : ""}up ${(up.f.ms / 1000).toFixed(1)} s (${up.f.reads} reads, ${up.f.writes} writes)`);
        } finally {
          stack.killAll();
          stack.dispose();
          rmSync(workRoot, { recursive: true, force: true });
          await sim.stop();
        }
      }
      all.push(figures as RunFigures);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const m = (pick: (f: RunFigures) => number) => median(all.map(pick));
  const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
  const machine = describeMachine();
  const rows = [
    `| pulumi-kantata \`pulumi preview\` (first, plans every adoption) | ${s(m((f) => f.preview.ms))} | ${m((f) => f.preview.reads)} | ${m((f) => f.preview.writes)} | |`,
    `| pulumi-kantata \`pulumi up\` | ${s(m((f) => f.up.ms))} | ${m((f) => f.up.reads)} | ${m((f) => f.up.writes)} | ${(m((f) => f.up.ms) / m((f) => f.floorUp.ms)).toFixed(2)}× |`,
    `| the same program, no-request provider (floor) \`pulumi up\` | ${s(m((f) => f.floorUp.ms))} | 0 | 0 | 1.00× |`,
  ];
  const doc = `# Adopting a whole account

Generated by \`npm run bench:adoption -- --runs ${runs} --latency-ms ${latencyMs}\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.
Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; pulumi ${machine.pulumi}.

\`pulumi-kantata export\` of the simulator's default account: ${exportLine.replace(/^export: /, "")}
Every run starts a fresh simulator (${latencyMs} ms per request) and a fresh stack, runs the
first \`pulumi preview\`, then \`pulumi up --yes --skip-preview\` with \`PULUMI_SKIP_CHECKPOINTS=true\`
(as the export's summary advises) and the engine's default \`--parallel\`; then the same program with a provider
that makes no request (loaded through \`PULUMI_KANTATA_PROVIDER_MODULE\`): the engine floor. Each run
is checked: the preview plans ${resources} adoptions, the up adopts all ${resources} with no write.
Medians of ${runs} run(s), taken side by side.

| ${resources} resources | wall time | reads | writes | against the floor |
|---|---|---|---|---|
${rows.join("\n")}

Runs: ${all.map((f, i) => `${i + 1}: preview ${s(f.preview.ms)}, up ${s(f.up.ms)} (${f.up.reads} reads), floor ${s(f.floorUp.ms)}`).join("; ")}.
`;
  writeFileSync(values.out!, doc);
  console.log(`\n${rows.join("\n")}\n\nWritten to ${values.out}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
