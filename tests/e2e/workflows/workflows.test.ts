import { expect } from "chai";
import { runWorkflows } from "./run";

/**
 * The model-based workflow test, bounded for the suite: a few random sequences of program edits,
 * changes outside Pulumi, preview, up, up --refresh, refresh, destroy, export + adopt and a
 * killed `up` with its recovery, each step checked against the rule that nobody is removed
 * unasked. `npm run workflows -- --runs N` runs as many as asked.
 */
describe("workflows against a model (fast-check, real engine)", function () {
  it("keeps every rule over seeded random sequences of steps", async () => {
    const seed = Number(process.env.KANTATA_WORKFLOW_SEED ?? 20261130);
    const figures = await runWorkflows({ runs: Number(process.env.KANTATA_WORKFLOW_RUNS ?? 8), seed, maxSteps: 16, log: (l) => console.log(`      ${l}`) });
    console.log(`      ${figures.sequences} sequences, ${figures.steps} steps in ${figures.seconds.toFixed(0)} s (seed ${seed})`);
    expect(figures.sequences).to.be.greaterThan(0);
    expect(figures.steps).to.be.greaterThan(figures.sequences);
  });
});
