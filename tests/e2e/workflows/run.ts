/**
 * Runs random workflows (fast-check `fc.commands` + `fc.asyncModelRun`) through the real engine
 * against the simulator's small account, checking every step against the model. A failure is
 * shrunk to the shortest list of steps fast-check finds and reported with its seed and path, so
 * `npm run workflows -- --seed S --path P` replays it.
 */
import * as fc from "fast-check";
import { commandArbitraries } from "./commands";
import { newModel } from "./model";
import { startWorkflowSimulator, World } from "./world";

export interface WorkflowOptions {
  /** Sequences to run. */
  runs: number;
  /** Seed of the first sequence; the same seed replays the same sequences. */
  seed: number;
  /** Replay path printed by a failure (with its seed). */
  path?: string;
  /** Steps per sequence at most. */
  maxSteps: number;
  /** Stop looking (and shrinking) after this long; what was found so far is reported. */
  timeLimitMs?: number;
  /** Print every step of every sequence. */
  verbose?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface WorkflowFigures {
  sequences: number;
  steps: number;
  seconds: number;
}

/** Runs the sequences; throws fast-check's report (counterexample, seed, path) on a violation. */
export async function runWorkflows(options: WorkflowOptions): Promise<WorkflowFigures> {
  const sim = await startWorkflowSimulator();
  const started = Date.now();
  const stepsBefore = World.steps;
  let sequences = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.commands(commandArbitraries, { maxCommands: options.maxSteps, size: "max", replayPath: options.path }), async (cmds) => {
        const world = await World.create(sim);
        sequences++;
        try {
          await fc.asyncModelRun(() => ({ model: newModel(), real: world }), cmds);
          await world.checkStateHasNoToken();
          options.log?.(`sequence ${sequences}: ${world.log.length} steps ok${options.verbose ? `\n  ${world.log.join("\n  ")}` : ""}`);
        } finally {
          await world.dispose();
        }
      }),
      {
        seed: options.seed,
        path: options.path,
        numRuns: options.runs,
        interruptAfterTimeLimit: options.timeLimitMs,
        markInterruptAsFailure: false,
        verbose: 1,
        includeErrorInReport: true,
      },
    );
  } finally {
    await sim.close();
  }
  return { sequences, steps: World.steps - stepsBefore, seconds: (Date.now() - started) / 1000 };
}
