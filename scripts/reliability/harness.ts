/**
 * One simulator and one stack of the e2e program, with what the reliability scenarios need on
 * top: the declared spec file, stack settings, an exact comparison of declared, live and state,
 * and per-phase figures read from the simulator's request log, counters and fault rules.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Deployment, PulumiStack, REPO_ROOT, type RunResult } from "../lib/pulumiStack";
import { ADMIN_TOKEN, startTestSimulator, type TestSimulator } from "../lib/testSimulator";
import { type AccountDump, type Declared, declaredKey, GROUP_ARG, type LiveMembership, membershipsOf, type MembershipType, pairKey } from "./declared";
import { descendants, killPids, procInfo, type ProcInfo, processesWithEnv, waitGone } from "./processes";

export const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
export const TYPE_PREFIX = "pulumi-nodejs:dynamic/kantata:";

/** How the live account, the stack's state and the declaration compare. Empty lists mean exact. */
export interface Exactness {
  declared: number;
  /** Memberships on the simulator that the fixture did not have. */
  live: number;
  /** Membership resources in the stack's state. */
  inState: number;
  /** Declared pairs with no live membership. */
  missing: string[];
  /** Live memberships, not in the fixture, that nothing declares (an orphan or a stray create). */
  strays: string[];
  /** Pairs with more than one live membership, and users in more than one classic Insights group. */
  duplicates: string[];
  /** Declared Insights memberships whose live can_edit differs. */
  wrongCanEdit: string[];
  /** Memberships of the fixture (the rest of the account) that are gone. */
  fixtureLost: string[];
  /** Declared resources missing from state, or whose state id or arguments differ from the live membership. */
  stateWrong: string[];
  /** Membership resources in state that are not declared. */
  stateExtra: string[];
  /** `pending_operations` left in the deployment. */
  pendingOperations: number;
}

/** Duplicates (duplicated pairs plus strays) and losses (missing, or wrong in state) of an `Exactness`. */
export function tally(e: Exactness): { duplicates: number; lost: number; exact: boolean } {
  const duplicates = e.duplicates.length + e.strays.length;
  const lost = e.missing.length + e.stateWrong.length + e.fixtureLost.length;
  const exact = duplicates === 0 && lost === 0 && e.wrongCanEdit.length === 0 && e.stateExtra.length === 0 && e.pendingOperations === 0;
  return { duplicates, lost, exact };
}

/** One line saying what is wrong, for assertion messages. */
export function describeExactness(e: Exactness): string {
  const parts: string[] = [];
  for (const key of ["missing", "strays", "duplicates", "wrongCanEdit", "fixtureLost", "stateWrong", "stateExtra"] as const) {
    if (e[key].length) parts.push(`${key} (${e[key].length}): ${e[key].slice(0, 5).join("; ")}${e[key].length > 5 ? "; …" : ""}`);
  }
  if (e.pendingOperations) parts.push(`pending operations: ${e.pendingOperations}`);
  return parts.length ? parts.join(" | ") : "exact";
}

/** Requests the simulator saw during a phase. */
export interface RequestFigures {
  total: number;
  /** Per method. */
  byMethod: Record<string, number>;
  /** Per `METHOD /collection`. */
  byEndpoint: Record<string, number>;
  /** Per status; `dropped` for dropped connections. */
  byStatus: Record<string, number>;
}

/** Faults that hit requests during a phase, per kind (e.g. `503`, `drop after POST`, `429 storm`). */
export type FaultFigures = Record<string, number>;

/** A seeded fault rule, as the simulator's control API takes it. */
export interface FaultRule {
  match?: { method?: string; path?: string };
  respond: 429 | 503 | "drop" | "slow";
  probability?: number;
  times?: number;
  retryAfterS?: number;
  delayMs?: number;
  stage?: "before" | "after";
}

/** The kind a fault rule injects, as the figures name it. */
export function faultKind(rule: FaultRule): string {
  const what = rule.respond === "slow" ? `slow ${rule.delayMs ?? 5000} ms` : String(rule.respond);
  return `${what} ${rule.stage ?? "before"}${rule.match?.method ? ` ${rule.match.method}` : ""}`;
}

/** One entry of the simulator's request log (`time` is when the answer ended). */
export interface LogEntry {
  seq: number;
  time: string;
  durationMs: number;
  method: string;
  path: string;
  status: number | null;
  fault: string | null;
}

/** Options of a harness. */
export interface HarnessOptions {
  /** Used in the stack name; unique per scenario. */
  name: string;
  /** Seed of the simulator's fault draws. */
  seed: number;
  /** Stack config `kantata:<key>` values (besides the token and base URL). */
  settings?: Record<string, string | number>;
}

/** A simulator, a stack of the e2e program pointed at it, and the comparison of the two. */
export class Harness {
  private specFile!: string;
  private specDir!: string;
  /** Fixture memberships by id, read before anything ran. */
  private baseline = new Map<number, LiveMembership>();
  account!: AccountDump;
  declared: Declared[] = [];
  private lastSeq = 0;

  private constructor(
    readonly sim: TestSimulator,
    readonly options: HarnessOptions,
  ) {}

  stack!: PulumiStack;

  static async start(options: HarnessOptions): Promise<Harness> {
    const sim = await startTestSimulator({ seed: options.seed });
    const h = new Harness(sim, options);
    try {
      const state = (await sim.control("GET", "state")) as { account: AccountDump };
      h.account = state.account;
      for (const m of membershipsOf(state.account)) h.baseline.set(m.id, m);
      h.specDir = mkdtempSync(path.join(tmpdir(), `kantata-${options.name}-`));
      h.specFile = path.join(h.specDir, "spec.json");
      h.declare([]);
      h.stack = await PulumiStack.init({
        projectDir: PROGRAM,
        stackName: `${options.name}${process.pid}`,
        env: { KANTATA_E2E_SPEC: h.specFile, KANTATA_API_TOKEN: undefined, KANTATA_BASE_URL: undefined },
      });
      await h.stack.setConfig("kantata:apiToken", ADMIN_TOKEN, true);
      await h.stack.setConfig("kantata:baseUrl", sim.url);
      for (const [key, value] of Object.entries(options.settings ?? {})) await h.stack.setConfig(`kantata:${key}`, String(value));
    } catch (err) {
      await h.close();
      throw err;
    }
    return h;
  }

  /** The PULUMI_HOME of this stack, which every process the engine starts inherits. */
  get pulumiHome(): string {
    return path.join(this.stack.workRoot, "home");
  }

  /** Writes what the program declares. */
  declare(declared: Declared[]): void {
    this.declared = declared;
    writeFileSync(this.specFile, JSON.stringify(declared));
  }

  /** Every membership on the simulator now. */
  async live(): Promise<LiveMembership[]> {
    const state = (await this.sim.control("GET", "state")) as { account: AccountDump };
    return membershipsOf(state.account);
  }

  /** Memberships created since the start (live count minus the fixture's), read in process without a request. */
  createdCount(): number {
    return this.sim.membershipCount() - this.baseline.size;
  }

  /** Live memberships that the fixture did not have. */
  async added(): Promise<LiveMembership[]> {
    return (await this.live()).filter((m) => !this.baseline.has(m.id));
  }

  /**
   * Sidecar files (`*.attrs`) of the file backend that are empty. The backend (gocloud.dev's
   * fileblob) rewrites a blob's `.attrs` file in place with `os.Create` before it renames the new
   * blob over the old one; a SIGKILL between the two leaves an empty sidecar, and every later
   * command fails with "failed to load checkpoint: EOF" although the checkpoint itself is intact
   * (the previous one). A missing sidecar is read as "no attributes", so deleting the empty one
   * is the repair.
   */
  emptySidecars(): string[] {
    const root = path.join(this.stack.workRoot, "backend");
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith(".attrs") && statSync(full).size === 0) found.push(full);
      }
    };
    if (existsSync(root)) walk(root);
    return found;
  }

  /** Empty sidecars deleted so far (paths relative to the backend folder). */
  readonly repairedSidecars: string[] = [];

  /**
   * Runs a CLI command; when it fails with the backend's "EOF" because a kill left an empty
   * `.attrs` sidecar, deletes the empty sidecars (recorded in `repairedSidecars`) and runs it once more.
   */
  async runRepairing(run: () => Promise<RunResult>): Promise<RunResult> {
    const first = await run();
    if (first.code === 0 || !/\bEOF\b/.test(first.stdout + first.stderr)) return first;
    const empty = this.emptySidecars();
    if (empty.length === 0) return first;
    for (const file of empty) rmSync(file);
    this.repairedSidecars.push(...empty.map((f) => path.relative(path.join(this.stack.workRoot, "backend"), f)));
    return run();
  }

  /** Membership resources of the stack's state: name → {type, id, outputs}. */
  async stateResources(): Promise<{ resources: Map<string, { type: MembershipType; id: number; outputs: Record<string, unknown> }>; pending: number }> {
    const exported = await this.runRepairing(() => this.stack.run(["stack", "export"], { allowFailure: true }));
    if (exported.code !== 0) throw new Error(`pulumi stack export exited ${exported.code}:\n${exported.stdout.slice(-2000)}\n${exported.stderr.slice(-2000)}`);
    const { deployment } = JSON.parse(exported.stdout) as { deployment: Deployment };
    const resources = new Map<string, { type: MembershipType; id: number; outputs: Record<string, unknown> }>();
    for (const r of deployment.resources ?? []) {
      if (!r.type.startsWith(TYPE_PREFIX)) continue;
      resources.set(r.urn.split("::").pop()!, { type: r.type.slice(TYPE_PREFIX.length) as MembershipType, id: Number(r.id), outputs: r.outputs ?? {} });
    }
    return { resources, pending: (deployment.pending_operations ?? []).length };
  }

  /** Compares the declaration with the live account and the stack's state, exactly. */
  async verify(): Promise<Exactness> {
    const live = await this.live();
    const liveIds = new Set(live.map((m) => m.id));
    const added = live.filter((m) => !this.baseline.has(m.id));
    const declaredByKey = new Map(this.declared.map((d) => [declaredKey(d), d]));
    const addedByKey = new Map<string, LiveMembership[]>();
    for (const m of added) {
      const key = pairKey(m.type, m.userId, m.groupId);
      addedByKey.set(key, [...(addedByKey.get(key) ?? []), m]);
    }
    const duplicates: string[] = [];
    const allByKey = new Map<string, number>();
    const insightsPerUser = new Map<number, number>();
    for (const m of live) {
      const key = pairKey(m.type, m.userId, m.groupId);
      allByKey.set(key, (allByKey.get(key) ?? 0) + 1);
      if (m.type === "InsightsAccessGroupMembership") insightsPerUser.set(m.userId, (insightsPerUser.get(m.userId) ?? 0) + 1);
    }
    for (const [key, n] of allByKey) if (n > 1) duplicates.push(`${key} ×${n}`);
    for (const [user, n] of insightsPerUser) if (n > 1) duplicates.push(`user ${user} in ${n} classic Insights groups`);

    const missing = [...declaredByKey.keys()].filter((k) => !addedByKey.has(k));
    const strays = [...addedByKey.entries()].filter(([k]) => !declaredByKey.has(k)).flatMap(([k, ms]) => ms.map((m) => `${k} (id ${m.id})`));
    const wrongCanEdit: string[] = [];
    for (const d of this.declared) {
      if (d.type !== "InsightsAccessGroupMembership" || d.args.canEdit === undefined) continue;
      const m = addedByKey.get(declaredKey(d))?.[0];
      if (m && m.canEdit !== d.args.canEdit) wrongCanEdit.push(`${d.name}: can_edit ${m.canEdit}, declared ${d.args.canEdit}`);
    }
    const fixtureLost = [...this.baseline.values()].filter((m) => !liveIds.has(m.id)).map((m) => `${pairKey(m.type, m.userId, m.groupId)} (id ${m.id})`);

    const { resources, pending } = await this.stateResources();
    const stateWrong: string[] = [];
    for (const d of this.declared) {
      const r = resources.get(d.name);
      const m = addedByKey.get(declaredKey(d))?.[0];
      if (!r) stateWrong.push(`${d.name}: not in state`);
      else if (r.type !== d.type) stateWrong.push(`${d.name}: state type ${r.type}`);
      else if (!m || r.id !== m.id) stateWrong.push(`${d.name}: state id ${r.id}, live id ${m?.id ?? "none"}`);
      else if (Number(r.outputs.userId) !== m.userId || Number(r.outputs[GROUP_ARG[d.type]]) !== m.groupId) stateWrong.push(`${d.name}: state outputs name another pair`);
      else if (d.type === "InsightsAccessGroupMembership" && d.args.canEdit !== undefined && r.outputs.canEdit !== m.canEdit) stateWrong.push(`${d.name}: state canEdit ${r.outputs.canEdit}, live ${m.canEdit}`);
    }
    const declaredNames = new Set(this.declared.map((d) => d.name));
    const stateExtra = [...resources.keys()].filter((n) => !declaredNames.has(n));
    return {
      declared: this.declared.length,
      live: added.length,
      inState: resources.size,
      missing,
      strays,
      duplicates,
      wrongCanEdit,
      fixtureLost,
      stateWrong,
      stateExtra,
      pendingOperations: pending,
    };
  }

  /** Request log entries since the previous call (one phase's requests). */
  async takePhaseLog(): Promise<LogEntry[]> {
    const { requests } = (await this.sim.control("GET", "requests")) as { requests: LogEntry[] };
    const fresh = requests.filter((r) => r.seq > this.lastSeq);
    if (requests.length) this.lastSeq = Math.max(this.lastSeq, ...requests.map((r) => r.seq));
    return fresh;
  }

  /** Requests and faults of a phase, from its log entries and the fault rules in force. */
  async phaseFigures(entries: LogEntry[]): Promise<{ requests: RequestFigures; faults: FaultFigures }> {
    const { faults: rules } = (await this.sim.control("GET", "faults")) as { faults: (FaultRule & { id: string })[] };
    const kindOf = new Map(rules.map((r) => [r.id, faultKind(r)]));
    const requests: RequestFigures = { total: entries.length, byMethod: {}, byEndpoint: {}, byStatus: {} };
    const faults: FaultFigures = {};
    const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
    for (const e of entries) {
      bump(requests.byMethod, e.method);
      bump(requests.byEndpoint, `${e.method} /${e.path.replace(/^\/api\/v1\//, "").split("/")[0].replace(/\.json$/, "")}`);
      bump(requests.byStatus, e.status === null ? "dropped" : String(e.status));
      if (e.fault === "rate-limit") bump(faults, "429 storm (Retry-After)");
      else if (e.fault) bump(faults, kindOf.get(e.fault) ?? e.fault);
    }
    return { requests, faults };
  }

  /** Replaces the fault rules (the simulator restarts its generator from the seed). */
  async setFaults(rules: FaultRule[]): Promise<void> {
    await this.sim.control("DELETE", "faults");
    if (rules.length) await this.sim.control("POST", "faults", rules);
  }

  /** Every live process started for this stack (by its PULUMI_HOME), besides the CLI runs still tracked. */
  stackProcesses(): number[] {
    return processesWithEnv("PULUMI_HOME", this.pulumiHome).map((p) => p.pid);
  }

  /**
   * A crash: SIGKILL of every running `pulumi` of this stack with its process group, and of every
   * process it started (the language host, the dynamic-provider launcher and its node process),
   * found by parentage before the kill and by PULUMI_HOME after it. Returns what was killed and
   * what is still alive afterwards (should be nothing).
   */
  async crash(): Promise<{ killed: ProcInfo[]; survivors: number[] }> {
    const cli = [...this.stack.running];
    const infos = new Map<number, ProcInfo>();
    for (const pid of cli) {
      const info = procInfo(pid);
      if (info) infos.set(pid, info);
      for (const p of descendants(pid)) infos.set(p.pid, p);
    }
    for (const p of processesWithEnv("PULUMI_HOME", this.pulumiHome)) infos.set(p.pid, p);
    killPids(cli);
    killPids([...infos.keys()]);
    // Anything that was still starting during the snapshot: found by its environment.
    const late = processesWithEnv("PULUMI_HOME", this.pulumiHome);
    for (const p of late) infos.set(p.pid, p);
    killPids(late.map((p) => p.pid));
    const survivors = await waitGone([...infos.keys(), ...this.stackProcesses()]);
    return { killed: [...infos.values()], survivors };
  }

  /** Runs `pulumi up` with the harness's parallelism. */
  up(args: string[] = [], allowFailure = false): Promise<RunResult> {
    return this.stack.up(args, { allowFailure });
  }

  /** Stops everything: processes of the stack, the stack's folders, its config file and the simulator. */
  async close(): Promise<void> {
    if (this.stack) {
      killPids([...this.stack.running]);
      killPids(this.stackProcesses());
      this.stack.dispose();
      rmSync(path.join(PROGRAM, `Pulumi.${this.stack.stackName}.yaml`), { force: true });
    }
    if (this.specDir) rmSync(this.specDir, { recursive: true, force: true });
    await this.sim.close();
  }
}
