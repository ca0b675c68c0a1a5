/**
 * Everything the simulator holds between requests: the store, the options, the fault rules,
 * latency, rate limit, seed and request log. The HTTP server and the control API both act on
 * one `Simulation`; `reset()` returns every part to how the simulator started.
 */
import { z } from "zod";
import { Fixture, getDefaultFixture, loadFixtureFile, parseFixture } from "./fixture";
import { FaultTable } from "./faults";
import { Latency, latencySchema } from "./latency";
import { RequestLog } from "./log";
import { DEFAULT_OPTIONS, mergeOptions, optionsInputSchema, SimulatorOptions, SimulatorOptionsInput } from "./options";
import { mulberry32, Random, seedNumber } from "./random";
import { RateLimit, rateLimitSchema, TokenBucket } from "./rateLimit";
import { Store } from "./store";

/** Raised for an invalid setting (options, latency, rate limit); the message lists each problem. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

/** The settings a simulation starts with, and returns to on `reset()`. */
export interface SimulationStart {
  fixture: Fixture;
  seed: number | string;
  latency: Latency | null;
  rateLimit: RateLimit | null;
  options: SimulatorOptions;
  requestLogLimit: number;
}

/** The simulator's mutable state. */
export class Simulation {
  readonly store: Store;
  readonly faults: FaultTable;
  readonly log: RequestLog;
  options: SimulatorOptions;
  latency: Latency | null;
  rateLimit: TokenBucket | null = null;
  /** Draws random latency; separate from the fault rules' generator so one does not shift the other. */
  latencyRandom!: Random;
  private seed: number | string;

  constructor(private start: SimulationStart) {
    this.options = start.options;
    this.store = new Store(start.fixture, start.options.clockStepMs);
    this.faults = new FaultTable(start.seed);
    this.log = new RequestLog(start.requestLogLimit);
    this.seed = start.seed;
    this.latency = start.latency;
    this.setSeed(start.seed);
    this.setRateLimit(start.rateLimit);
  }

  /** Back to the loaded fixture and the start settings; clears the log, counters and fault rules. */
  reset(): void {
    this.options = this.start.options;
    this.store.setClockStep(this.options.clockStepMs);
    this.store.reset();
    this.log.clear();
    this.latency = this.start.latency;
    this.setRateLimit(this.start.rateLimit);
    this.setSeed(this.start.seed);
    this.faults.clear();
  }

  /** Loads a fixture (an object, or a path to a JSON file) and resets to it; it stays loaded across resets. */
  loadFixture(fixture: unknown): void {
    const parsed = readFixture(fixture);
    this.start = { ...this.start, fixture: parsed };
    this.store.load(parsed);
    this.reset();
  }

  /** Changes some options until the next reset; returns the options now in effect. */
  setOptions(input: SimulatorOptionsInput): SimulatorOptions {
    this.options = mergeOptions(this.options, check(optionsInputSchema, input, "options"));
    this.store.setClockStep(this.options.clockStepMs);
    return this.options;
  }

  /** Sets or clears (`null`) the latency until the next reset. */
  setLatency(latency: Latency | null): void {
    this.latency = check(latencySchema, latency, "latency");
  }

  /** Sets or clears (`null`) the rate limit until the next reset; the bucket starts full. */
  setRateLimit(limit: RateLimit | null): void {
    const checked = check(rateLimitSchema, limit, "rate limit");
    this.rateLimit = checked ? new TokenBucket(checked) : null;
  }

  /** Changes the seed of fault probabilities and random latency, and restarts both generators. */
  setSeed(seed: number | string): void {
    this.seed = seed;
    this.faults.reseed(seed);
    this.latencyRandom = mulberry32(seedNumber(seed) ^ 0x9e3779b9);
  }

  /** Everything, for `GET /__simulator/state`: the account in fixture format and every setting. */
  state() {
    return {
      account: this.store.dump(),
      options: this.options,
      faults: this.faults.list(),
      latency: this.latency,
      rateLimit: this.rateLimit?.limit ?? null,
      seed: this.seed,
    };
  }
}

/** Resolves the options of `startSimulator` into a start configuration. */
export function resolveStart(input: {
  fixture?: unknown;
  seed?: number | string;
  latency?: Latency | null;
  rateLimit?: RateLimit | null;
  options?: SimulatorOptionsInput;
  requestLogLimit?: number;
}): SimulationStart {
  return {
    fixture: readFixture(input.fixture),
    seed: input.seed ?? 1,
    latency: check(latencySchema, input.latency ?? null, "latency"),
    rateLimit: check(rateLimitSchema, input.rateLimit ?? null, "rate limit"),
    options: mergeOptions(DEFAULT_OPTIONS, check(optionsInputSchema, input.options ?? {}, "options")),
    requestLogLimit: input.requestLogLimit ?? 10_000,
  };
}

/** A fixture object, a path to a fixture file, or (undefined) the bundled default account. */
function readFixture(fixture: unknown): Fixture {
  if (fixture === undefined) return getDefaultFixture();
  return typeof fixture === "string" ? loadFixtureFile(fixture) : parseFixture(fixture);
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new SettingError(`Invalid ${what}:\n${z.prettifyError(result.error)}`);
  return result.data;
}
