/**
 * The reliability scenarios of issue 5, each against a fresh simulator and a fresh stack of the
 * e2e program, driven through the real `pulumi` CLI. Each step returns figures (requests by kind,
 * faults injected, duplicates, losses, wall time, attempts); the tests assert on them and
 * `scripts/reliability.ts` prints them and writes them into the README.
 *
 * "Exact" always means: the memberships the simulator holds beyond its fixture are exactly the
 * declared (type, user, group[, canEdit]) set, none twice and none missing; the fixture's own
 * memberships are untouched; and the stack's state holds each declared resource with the id of
 * its live membership, nothing else and no pending operation.
 */
import { ADMIN_TOKEN } from "../lib/testSimulator";
import { type ChangeSummary, type Declared, type Plan, planChange, planStack, type StackShape } from "./declared";
import { type Exactness, type FaultFigures, type FaultRule, Harness, type LogEntry, type RequestFigures, tally } from "./harness";

/** Seed of the simulator's fault draws in every scenario (same seed, same draws per request order). */
export const SEED = 20251123;

/** The mixed stack of the fault and crash scenarios. */
export const STACK_300: StackShape = { userGroup: 120, accessGroup: 120, insights: 60 };
/** The change of 100 applied under faults. */
export const CHANGE_100: ChangeSummary = { canEditFlips: 40, replaced: 30, removed: 30 };
/** Engine parallelism of every `pulumi up`/`destroy` here. */
export const PARALLEL = 50;

/**
 * Stack settings of a user facing an unreliable API: a short request timeout (responses slower
 * than it are abandoned and retried), more retries than the default, and enough throughput for
 * a 300-resource stack. With about a third of all attempts faulted, one request fails all 11 of
 * its attempts with a chance of about 0.33^11 ≈ 5e-6, so the ~1,300 requests of the three phases
 * almost never meet a give-up (with the default 4 retries, several would); the provider's 120 s
 * budget per request still bounds each one.
 */
export const FAULT_SETTINGS = { requestTimeoutMs: 1000, maxRetries: 10, requestsPerSecond: 200, maxConcurrentRequests: 16 };

/**
 * The seeded faults, first match wins: lost answers of writes that happened (drop or 503 after
 * handling, and answers slower than the client's timeout), connections dropped before handling,
 * slow responses, and 503 on a quarter of everything else. Together with the 429 storms about
 * 30% of all request attempts are hit (measured per run, see `faultedShare`).
 */
export const FAULT_RULES: FaultRule[] = [
  { match: { method: "POST" }, respond: "drop", stage: "after", probability: 0.06 },
  { match: { method: "DELETE" }, respond: "drop", stage: "after", probability: 0.06 },
  { match: { method: "POST" }, respond: 503, stage: "after", probability: 0.03 },
  { match: { method: "POST" }, respond: "slow", stage: "after", delayMs: 2500, probability: 0.03 },
  { respond: "drop", stage: "before", probability: 0.02 },
  { respond: "slow", stage: "before", delayMs: 2500, probability: 0.02 },
  { respond: 503, probability: 0.25 },
];

/** 429 storms: every `everyMs`, the simulator rate-limits everything to 1 request/s for `lengthMs`, answering 429 with Retry-After. */
export const STORMS = { everyMs: 6000, lengthMs: 1500, rateLimit: { requestsPerSecond: 1, burst: 1, retryAfter: true } };

/** What one phase (one CLI command or a few) did, and how exact the result is. */
export interface PhaseFigures {
  phase: string;
  /** The CLI command(s) run. */
  command: string;
  /** Resource operations the phase asked for (creates, updates, replaces, deletes). */
  operations: Record<string, number>;
  exitCode: number | null;
  wallMs: number;
  requests: RequestFigures;
  /** Faults that hit a request, per kind. */
  faults: FaultFigures;
  /** Requests hit by any fault, over all requests. */
  faultedShare: number;
  /** From the start of the command to the first request the simulator saw (engine start, program run, registrations). */
  firstRequestMs?: number;
  storms: number;
  exactness: Exactness;
  duplicates: number;
  lost: number;
  exact: boolean;
  /** The CLI's output (stdout and stderr), for assertion messages and error checks. */
  output: string;
}

/** Toggles the simulator's rate limit on and off while a phase runs. */
class StormDriver {
  storms = 0;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    private readonly h: Harness,
    private readonly storm: typeof STORMS,
  ) {}

  start(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        await sleepUnless(() => this.stopped, this.storm.everyMs);
        if (this.stopped) break;
        this.storms++;
        await this.h.sim.control("PUT", "rate-limit", this.storm.rateLimit);
        await sleepUnless(() => this.stopped, this.storm.lengthMs);
        await this.h.sim.control("PUT", "rate-limit", null);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.h.sim.control("PUT", "rate-limit", null);
  }
}

async function sleepUnless(stop: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
}

/** Runs `body` as one phase: its requests, faults, wall time and the exactness afterwards. */
async function phase(
  h: Harness,
  name: string,
  command: string,
  operations: Record<string, number>,
  body: () => Promise<{ code: number | null; stdout: string; stderr: string }>,
  storms?: typeof STORMS,
): Promise<PhaseFigures> {
  await h.takePhaseLog();
  const driver = storms ? new StormDriver(h, storms) : undefined;
  driver?.start();
  const started = Date.now();
  let result: { code: number | null; stdout: string; stderr: string };
  try {
    result = await body();
  } finally {
    await driver?.stop();
  }
  const wallMs = Date.now() - started;
  const entries = await h.takePhaseLog();
  const { requests, faults } = await h.phaseFigures(entries);
  const arrivals = entries.map((e) => Date.parse(e.time) - e.durationMs);
  const exactness = await h.verify();
  const faulted = Object.values(faults).reduce((a, b) => a + b, 0);
  return {
    phase: name,
    command,
    operations,
    exitCode: result.code,
    wallMs,
    requests,
    faults,
    faultedShare: requests.total ? faulted / requests.total : 0,
    firstRequestMs: arrivals.length ? Math.max(0, Math.min(...arrivals) - started) : undefined,
    storms: driver?.storms ?? 0,
    exactness,
    ...tally(exactness),
    output: result.stdout + result.stderr,
  };
}

function countByType(declared: Declared[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of declared) out[d.type] = (out[d.type] ?? 0) + 1;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Faults: 300 memberships created, 100 changed, all destroyed, under seeded faults.
// ---------------------------------------------------------------------------------------------

/** Options of the fault scenario. */
export interface FaultScenarioOptions {
  shape?: StackShape;
  change?: ChangeSummary;
  rules?: FaultRule[];
  storms?: typeof STORMS;
  settings?: Record<string, number>;
  seed?: number;
}

/** The fault scenario: one stack, three phases under the same seeded faults. */
export class FaultScenario {
  private plan!: Plan;

  private constructor(
    readonly h: Harness,
    readonly options: Required<FaultScenarioOptions>,
  ) {}

  static async start(options: FaultScenarioOptions = {}): Promise<FaultScenario> {
    const o: Required<FaultScenarioOptions> = {
      shape: options.shape ?? STACK_300,
      change: options.change ?? CHANGE_100,
      rules: options.rules ?? FAULT_RULES,
      storms: options.storms ?? STORMS,
      settings: options.settings ?? FAULT_SETTINGS,
      seed: options.seed ?? SEED,
    };
    const h = await Harness.start({ name: "relfaults", seed: o.seed, settings: o.settings });
    const s = new FaultScenario(h, o);
    s.plan = planStack(h.account, o.shape);
    return s;
  }

  /** The fault kinds and rates, in words, for the figures. */
  describeFaults(): string[] {
    const timeout = this.options.settings.requestTimeoutMs;
    return [
      ...this.options.rules.map((r) => describeRule(r, timeout)),
      `429 storms: every ${this.options.storms.everyMs / 1000} s, for ${this.options.storms.lengthMs / 1000} s, the API takes ${this.options.storms.rateLimit.requestsPerSecond} request/s and answers the rest 429 with \`Retry-After\``,
    ];
  }

  /** `pulumi up` of the whole stack under faults. */
  async createAll(): Promise<PhaseFigures> {
    await this.h.setFaults(this.options.rules);
    this.h.declare(this.plan.declared);
    return phase(
      this.h,
      `create ${this.plan.declared.length}`,
      `pulumi up --parallel ${PARALLEL}`,
      { create: this.plan.declared.length, ...prefixed("create ", countByType(this.plan.declared)) },
      () => this.h.up(["--parallel", String(PARALLEL)], true),
      this.options.storms,
    );
  }

  /** `pulumi up` of a change of part of the stack (canEdit flips, replacements, removals) under faults. */
  async changeSome(): Promise<PhaseFigures> {
    await this.h.setFaults(this.options.rules);
    const { declared, summary } = planChange(this.plan, this.options.change);
    this.h.declare(declared);
    return phase(
      this.h,
      `change ${summary.canEditFlips + summary.replaced + summary.removed}`,
      `pulumi up --parallel ${PARALLEL}`,
      { "update (canEdit)": summary.canEditFlips, replace: summary.replaced, delete: summary.removed },
      () => this.h.up(["--parallel", String(PARALLEL)], true),
      this.options.storms,
    );
  }

  /** `pulumi destroy` under faults: afterwards the simulator holds the fixture and nothing else. */
  async destroyAll(): Promise<PhaseFigures> {
    await this.h.setFaults(this.options.rules);
    const count = this.h.declared.length;
    const result = await phase(
      this.h,
      `destroy ${count}`,
      `pulumi destroy --parallel ${PARALLEL}`,
      { delete: count },
      async () => {
        const out = await this.h.stack.destroy(["--parallel", String(PARALLEL)], { allowFailure: true });
        this.h.declare([]);
        return out;
      },
      this.options.storms,
    );
    // Destroy's verdict is against an empty declaration (set above, before `verify`).
    return result;
  }

  close(): Promise<void> {
    return this.h.close();
  }
}

/** `/usr/bin/node /…/@pulumi/pulumi/cmd/dynamic-provider/index.js 127.0.0.1:1234` → `node …/cmd/dynamic-provider/index.js`. */
function shortCommand(command: string): string {
  const [exe, script] = command.split(" ");
  const name = exe.split("/").pop() ?? exe;
  if ((name === "node" || name === "sh") && script) return `${name} ${script.split("/").slice(-3).join("/")}`;
  return name;
}

/** A fault rule in words, e.g. "connection dropped after handling …: 6% of POSTs". */
export function describeRule(rule: FaultRule, clientTimeoutMs?: number): string {
  const who = rule.match?.method ? `${rule.match.method}s` : "all requests";
  const share = `${Math.round((rule.probability ?? 1) * 100)}% of ${who}`;
  const after = rule.stage === "after";
  const past = clientTimeoutMs ? ` (client timeout ${clientTimeoutMs} ms)` : "";
  switch (rule.respond) {
    case "drop":
      return after ? `connection dropped after the request was handled (the write happened, its answer is lost): ${share}` : `connection dropped before handling: ${share}`;
    case "slow":
      return after ? `answered ${rule.delayMs ?? 5000} ms after being handled${past}: ${share}` : `held ${rule.delayMs ?? 5000} ms before being handled${past}: ${share}`;
    default:
      return `${rule.respond}${rule.retryAfterS !== undefined ? ` with Retry-After ${rule.retryAfterS} s` : ""}${after ? " after the request was handled" : ""}: ${share}`;
  }
}

function prefixed(prefix: string, o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, v]));
}

// ---------------------------------------------------------------------------------------------
// The API goes down: `pulumi up` fails after a bounded number of attempts, a later up finishes.
// ---------------------------------------------------------------------------------------------

/** Settings of the outage scenario: few retries, so the failure comes soon. */
export const DOWN_SETTINGS = { maxRetries: 2, requestsPerSecond: 200, maxConcurrentRequests: 16 };
/** The stack of the outage scenario. */
export const STACK_60: StackShape = { userGroup: 24, accessGroup: 24, insights: 12 };
/** Writes seen before the API goes down. */
export const DOWN_AFTER_WRITES = 10;

/** What the failed `pulumi up` during the outage showed. */
export interface OutageFigures extends PhaseFigures {
  /** Requests made once the API was down, all answered 503. */
  requestsWhileDown: number;
  /** Resource operations the CLI reported as failed. */
  failedResources: number;
  /** The "gave up after N attempt(s) over S s (...)" phrases in the output, distinct. */
  gaveUp: string[];
  /** Created before the outage and kept in state. */
  createdBeforeOutage: number;
  /**
   * Memberships created on the server by a create that then failed (e.g. its canEdit PUT hit the
   * outage), so not in state: the next up must adopt them.
   */
  stranded: number[];
  /** Whether the token appears anywhere in the output. */
  tokenInOutput: boolean;
}

/** The outage scenario: the API answers 503 to everything from the 10th write on. */
export class OutageScenario {
  private constructor(
    readonly h: Harness,
    readonly declared: Declared[],
  ) {}

  static async start(seed = SEED): Promise<OutageScenario> {
    const h = await Harness.start({ name: "reldown", seed, settings: DOWN_SETTINGS });
    return new OutageScenario(h, planStack(h.account, STACK_60).declared);
  }

  /** `pulumi up` while the API goes down after a few writes and stays down. */
  async upWhileDown(): Promise<OutageFigures> {
    this.h.declare(this.declared);
    let downAtSeq = Infinity;
    let stop = false;
    const watcher = (async () => {
      while (!stop) {
        const counters = (await this.h.sim.control("GET", "counters")) as { writes: number; total: number };
        if (counters.writes >= DOWN_AFTER_WRITES) {
          await this.h.setFaults([{ respond: 503 }]);
          downAtSeq = counters.total;
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const figures = await phase(this.h, "up while the API is down", `pulumi up --parallel ${PARALLEL}`, { create: this.declared.length }, async () => {
      try {
        return await this.h.up(["--parallel", String(PARALLEL)], true);
      } finally {
        stop = true;
        await watcher;
      }
    });
    const log = (await this.h.sim.control("GET", "requests")) as { requests: { seq: number; status: number | null }[] };
    const whileDown = log.requests.filter((r) => r.seq > downAtSeq);
    const gaveUp = [...new Set(figures.output.match(/gave up after \d+ attempt\(s\) over \d+(?:\.\d+)? s \([^)]*\)/g) ?? [])];
    return {
      ...figures,
      requestsWhileDown: whileDown.length,
      failedResources: (figures.output.match(/\*\*creating failed\*\*/g) ?? []).length,
      gaveUp,
      createdBeforeOutage: figures.exactness.inState,
      stranded: await this.stranded(),
      tokenInOutput: figures.output.includes(ADMIN_TOKEN),
    };
  }

  /** Live memberships beyond the fixture that the state does not hold. */
  private async stranded(): Promise<number[]> {
    const { resources } = await this.h.stateResources();
    const inState = new Set([...resources.values()].map((r) => r.id));
    return (await this.h.added()).map((m) => m.id).filter((id) => !inState.has(id));
  }

  /** The faults are gone: `pulumi up` again finishes the job. Also says which ids the state marks adopted. */
  async upAfterRecovery(): Promise<PhaseFigures & { adoptedIds: number[] }> {
    await this.h.setFaults([]);
    const figures = await phase(this.h, "up once the API is back", `pulumi up --parallel ${PARALLEL}`, { create: this.declared.length }, () =>
      this.h.up(["--parallel", String(PARALLEL)], true),
    );
    const { resources } = await this.h.stateResources();
    const adoptedIds = [...resources.values()].filter((r) => r.outputs.adopted === true).map((r) => r.id);
    return { ...figures, adoptedIds };
  }

  close(): Promise<void> {
    return this.h.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Crashes: SIGKILL of `pulumi` in the middle of an up, recovery as Pulumi documents it.
// ---------------------------------------------------------------------------------------------

/** Crash scenario settings: defaults, except the throughput a 300-resource stack needs. */
export const CRASH_SETTINGS = { requestsPerSecond: 200, maxConcurrentRequests: 16 };
/**
 * Every POST is handled at once and answered 700 ms later, so at any moment of the up several
 * creates have reached Kantata without their answer reaching the engine: a kill then leaves
 * memberships that exist on the server and not in state.
 */
export const CRASH_RULES: FaultRule[] = [{ match: { method: "POST" }, respond: "slow", stage: "after", delayMs: 700 }];
/**
 * Kill points: memberships created on the simulator (beyond its fixture) since the scenario
 * began, of the 300 declared. User-group memberships arrive in bulk, so the count may jump past
 * a point; the figures record where each kill actually landed.
 */
export const KILL_AFTER_CREATED = [40, 150, 250];

/** One kill and the recovery after it. */
export interface KillFigures {
  /** The kill point asked for, and the memberships created (beyond the fixture) when the kill was sent. */
  killPoint: number;
  atCreated: number;
  /** Requests of the killed up and of the recovery commands. */
  requests: RequestFigures;
  /** Memberships on the server (beyond the fixture) at the kill, and in state right after it. */
  liveAtKill: number;
  inStateAtKill: number;
  /** Pending operations in the checkpoint right after the kill. */
  pendingAtKill: number;
  /** Processes killed (CLI, language host, program, provider launcher and provider), by command, and those left alive afterwards. */
  processesKilled: string[];
  survivors: number[];
  /**
   * Empty `.attrs` sidecars of the file backend that this kill left behind and that were deleted
   * so the CLI could load the (intact) checkpoint again; see `Harness.emptySidecars`.
   */
  sidecarsRepaired: string[];
  /** The next command reported "the stack is currently locked"; `pulumi cancel --yes` was run. */
  wasLocked: boolean;
  cancelOutput: string;
  /** Resources in state after the kill, live, that refresh dropped (must be 0). */
  droppedByRefresh: number;
  /** Live memberships not in state after refresh: created on the server, never recorded. */
  orphans: number[];
  wallMs: number;
}

/** The crash scenario's totals. */
export interface CrashFigures {
  kills: KillFigures[];
  final: PhaseFigures;
  /** Orphans (of every kill) that the final state holds with `adopted: true`. */
  orphansAdopted: number;
  /** Orphans not in the final state, or not marked adopted. */
  orphansNotAdopted: number[];
  /** POSTs answered 422 over the whole scenario (a create that conflicted with an existing membership). */
  conflicts: number;
  /** All requests of the scenario, by kind. */
  requests: RequestFigures;
  /** Commands run: ups (killed and final), cancels, refreshes. */
  commands: Record<string, number>;
  wallMs: number;
}

/** The crash scenario: kill, recover, and run again, at several points of one 300-resource up. */
export class CrashScenario {
  readonly kills: KillFigures[] = [];
  private readonly commands: Record<string, number> = { "up (killed)": 0, "up (final)": 0, cancel: 0, refresh: 0 };
  private readonly started = Date.now();

  private constructor(
    readonly h: Harness,
    readonly declared: Declared[],
  ) {}

  /**
   * @param options.shape the stack (default: 300 memberships);
   * @param options.skipCheckpoints run every `pulumi up` with `PULUMI_SKIP_CHECKPOINTS=true` (the
   *   large-stack mode: the state is written once, at the end, so a kill leaves none of the up in it).
   */
  static async start(seed = SEED, options: { shape?: StackShape; skipCheckpoints?: boolean; name?: string } = {}): Promise<CrashScenario> {
    const h = await Harness.start({ name: options.name ?? "relcrash", seed, settings: CRASH_SETTINGS });
    if (options.skipCheckpoints) h.stack.env.PULUMI_SKIP_CHECKPOINTS = "true";
    await h.setFaults(CRASH_RULES);
    const s = new CrashScenario(h, planStack(h.account, options.shape ?? STACK_300).declared);
    h.declare(s.declared);
    return s;
  }

  /** Starts `pulumi up`, kills it once `killPoint` memberships exist on the simulator, then recovers. */
  async killAndRecover(killPoint: number): Promise<KillFigures> {
    await this.h.takePhaseLog();
    const started = Date.now();
    const running = this.h.up(["--parallel", String(PARALLEL)], true);
    let finished = false;
    void running.then(() => (finished = true));
    let created = 0;
    for (;;) {
      created = this.h.createdCount();
      if (created >= killPoint) break;
      if (finished) throw new Error(`pulumi up finished before ${killPoint} memberships were created (saw ${created}); no crash happened:\n${(await running).stdout.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const { killed, survivors } = await this.h.crash();
    const repairedBefore = this.h.repairedSidecars.length;
    await running;
    this.commands["up (killed)"]++;

    const liveAtKill = (await this.h.added()).length;
    const atKill = await this.h.stateResources();
    const liveIds = new Set((await this.h.added()).map((m) => m.id));

    // What Pulumi documents for an interrupted update: cancel if locked, refresh dropping pending creates.
    const refreshArgs = ["--clear-pending-creates", "--parallel", String(PARALLEL)];
    const refreshOnce = () => {
      this.commands.refresh++;
      return this.h.runRepairing(() => this.h.stack.refresh(refreshArgs, { allowFailure: true }));
    };
    let refresh = await refreshOnce();
    let wasLocked = false;
    let cancelOutput = "";
    if (refresh.code !== 0 && /currently locked/.test(refresh.stdout + refresh.stderr)) {
      wasLocked = true;
      this.commands.cancel++;
      const cancel = await this.h.runRepairing(() => this.h.stack.run(["cancel", "--yes"], { allowFailure: true }));
      cancelOutput = (cancel.stdout + cancel.stderr).trim();
      if (cancel.code !== 0) throw new Error(`pulumi cancel --yes failed after the kill:\n${cancelOutput}`);
      refresh = await refreshOnce();
    }
    if (refresh.code !== 0) throw new Error(`pulumi refresh --clear-pending-creates failed after the kill:\n${refresh.stdout.slice(-3000)}\n${refresh.stderr.slice(-3000)}`);

    const after = await this.h.stateResources();
    const idsAfter = new Set([...after.resources.values()].map((r) => r.id));
    const droppedByRefresh = [...atKill.resources.values()].filter((r) => liveIds.has(r.id) && !idsAfter.has(r.id)).length;
    const orphans = (await this.h.added()).map((m) => m.id).filter((id) => !idsAfter.has(id));
    const figures: KillFigures = {
      killPoint,
      atCreated: created,
      requests: (await this.h.phaseFigures(await this.h.takePhaseLog())).requests,
      liveAtKill,
      inStateAtKill: atKill.resources.size,
      pendingAtKill: atKill.pending,
      processesKilled: killed.map((p) => shortCommand(p.command)),
      survivors,
      sidecarsRepaired: this.h.repairedSidecars.slice(repairedBefore),
      wasLocked,
      cancelOutput,
      droppedByRefresh,
      orphans,
      wallMs: Date.now() - started,
    };
    this.kills.push(figures);
    return figures;
  }

  /** The last `pulumi up`, left to finish: the stack converges. */
  async finish(): Promise<CrashFigures> {
    this.commands["up (final)"]++;
    const final = await phase(this.h, "final up", `pulumi up --parallel ${PARALLEL}`, { create: this.declared.length }, () => this.h.up(["--parallel", String(PARALLEL)], true));
    const { resources } = await this.h.stateResources();
    const byId = new Map([...resources.values()].map((r) => [r.id, r]));
    const orphans = [...new Set(this.kills.flatMap((k) => k.orphans))];
    const orphansNotAdopted = orphans.filter((id) => byId.get(id)?.outputs.adopted !== true);
    const { requests: log } = (await this.h.sim.control("GET", "requests")) as { requests: LogEntry[] };
    const { requests } = await this.h.phaseFigures(log);
    return {
      kills: this.kills,
      final,
      orphansAdopted: orphans.length - orphansNotAdopted.length,
      orphansNotAdopted,
      conflicts: log.filter((r) => r.method === "POST" && r.status === 422).length,
      requests,
      commands: this.commands,
      wallMs: Date.now() - this.started,
    };
  }

  close(): Promise<void> {
    return this.h.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Everything, once (for the figures script).
// ---------------------------------------------------------------------------------------------

/** Every figure of one run of the scenarios. */
export interface ReliabilityFigures {
  seed: number;
  faults: { kinds: string[]; settings: Record<string, number>; phases: PhaseFigures[] };
  outage: { settings: Record<string, number>; down: OutageFigures; recovered: PhaseFigures & { adoptedIds: number[] } };
  crash: CrashFigures;
}

/** Runs the fault, outage and crash scenarios one after the other. */
export async function runReliabilityScenarios(log: (line: string) => void = () => {}): Promise<ReliabilityFigures> {
  log("faults: 300 memberships created, 100 changed, all destroyed, under seeded faults …");
  const fs = await FaultScenario.start();
  let faults: ReliabilityFigures["faults"];
  try {
    const phases = [await fs.createAll(), await fs.changeSome(), await fs.destroyAll()];
    faults = { kinds: fs.describeFaults(), settings: FAULT_SETTINGS, phases };
  } finally {
    await fs.close();
  }
  log("outage: the API goes down during an up, then comes back …");
  const os = await OutageScenario.start();
  let outage: ReliabilityFigures["outage"];
  try {
    outage = { settings: DOWN_SETTINGS, down: await os.upWhileDown(), recovered: await os.upAfterRecovery() };
  } finally {
    await os.close();
  }
  log(`crashes: pulumi killed ${KILL_AFTER_CREATED.length} times during an up of 300 …`);
  const cs = await CrashScenario.start();
  let crash: CrashFigures;
  try {
    for (const at of KILL_AFTER_CREATED) await cs.killAndRecover(at);
    crash = await cs.finish();
  } finally {
    await cs.close();
  }
  return { seed: SEED, faults, outage, crash };
}
