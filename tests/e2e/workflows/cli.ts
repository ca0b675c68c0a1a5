/**
 * `npm run workflows -- [--runs N] [--seed S] [--path P] [--max-steps N] [--minutes M]`: the
 * model-based workflow test, as long as asked. Exits 1 with fast-check's report (the shrunk steps,
 * seed and path to replay) when a rule is broken.
 */
import { parseArgs } from "node:util";
import { runWorkflows } from "./run";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "20" },
      seed: { type: "string", default: String(Date.now() % 2 ** 31) },
      path: { type: "string" },
      "max-steps": { type: "string", default: "20" },
      minutes: { type: "string" },
      verbose: { type: "boolean", default: false },
    },
  });
  const seed = Number(values.seed);
  console.log(`workflows: ${values.runs} sequence(s) of at most ${values["max-steps"]} steps, seed ${seed}`);
  const figures = await runWorkflows({
    runs: Number(values.runs),
    seed,
    path: values.path,
    maxSteps: Number(values["max-steps"]),
    timeLimitMs: values.minutes ? Number(values.minutes) * 60_000 : undefined,
    verbose: values.verbose,
    log: (line) => console.log(line),
  });
  console.log(`workflows: ${figures.sequences} sequences, ${figures.steps} steps, ${figures.seconds.toFixed(0)} s, no rule broken (seed ${seed})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
