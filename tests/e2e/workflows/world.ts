/**
 * The real system of the workflow test: a simulator with a small account, one stack of the
 * spec-driven program (tests/e2e/program) through the real engine, and the account changed by
 * hand "outside Pulumi". Every engine step is checked against the rules of `model.ts`.
 */
import { genericTypes } from "../../../simulator/genericTypes";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDefaultFixture } from "../../../simulator";
import { run as runCli } from "../../../provider/cli";
import { PulumiStack, REPO_ROOT, type PreviewJson, type RunResult } from "../../../scripts/lib/pulumiStack";
import { ADMIN_TOKEN, startTestSimulator, type TestSimulator } from "../../helpers/simulator";
import { exportedResources } from "../../helpers/exportedProgram";
import { descendants, killPids, processesWithEnv, waitGone } from "../../../scripts/reliability/processes";
import {
  changeBetween,
  convergenceViolations,
  declaredPairs,
  destroyViolations,
  EXPECTED_REFUSALS,
  liveByPair,
  noWriteViolations,
  planViolations,
  upViolations,
  type Kind,
  type Live,
  type Model,
  type Resource,
} from "./model";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");

/** The small account: users 3–30 can be moved around, groups of each kind that memberships may join. */
export const USERS = Array.from({ length: 28 }, (_, i) => i + 3);
export const GROUPS: Record<Kind, number[]> = { access: [11, 12, 13], insights: [3, 4], workspace: [1, 2, 3] };

/** The default account cut down to 30 users and the groups above (plus the Account Administrators and Insights admin groups). */
export function smallAccount(): unknown {
  const f = JSON.parse(JSON.stringify(getDefaultFixture())) as Record<string, Record<string, number>[]>;
  const keep = { access: [1, ...GROUPS.access], insights: [1, ...GROUPS.insights], workspace: GROUPS.workspace };
  const user = (r: Record<string, number>) => r.user_id <= 30;
  f.users = f.users.filter((u) => u.id <= 30);
  f.access_groups = f.access_groups.filter((g) => keep.access.includes(g.id));
  f.insights_access_groups = f.insights_access_groups.filter((g) => keep.insights.includes(g.id));
  f.workspace_groups = f.workspace_groups.filter((g) => keep.workspace.includes(g.id));
  f.access_group_memberships = f.access_group_memberships.filter((m) => user(m) && keep.access.includes(m.access_group_id));
  f.insights_access_group_memberships = f.insights_access_group_memberships.filter((m) => user(m) && keep.insights.includes(m.insights_access_group_id));
  f.user_group_memberships = f.user_group_memberships.filter((m) => user(m) && keep.workspace.includes(m.workspace_group_id));
  // The types made from descriptors (skills, holiday calendars): their groups stay, their memberships follow the users.
  for (const d of genericTypes) f[d.collectionKey] = f[d.collectionKey].filter(user);
  return f;
}

const COLLECTION: Record<Kind, { path: string; key: string; group: string }> = {
  access: { path: "/access_group_memberships", key: "access_group_membership", group: "access_group_id" },
  insights: { path: "/insights_access_group_memberships", key: "insights_access_group_membership", group: "insights_access_group_id" },
  workspace: { path: "/user_group_memberships", key: "user_group_membership", group: "workspace_group_id" },
};

/** A rule broken by a step: the test fails with it and the steps so far. */
export class WorkflowViolation extends Error {}

/** The simulator shared by every sequence of one test run. */
export async function startWorkflowSimulator(): Promise<TestSimulator> {
  return startTestSimulator({ fixture: smallAccount() });
}

/** One sequence's stack, spec file and log. */
export class World {
  /** Steps run so far, with what each did, for the failure report. */
  readonly log: string[] = [];
  /** Sequences' steps counted across runs (figures for the note). */
  static steps = 0;

  private constructor(readonly sim: TestSimulator, readonly stack: PulumiStack, private readonly specFile: string) {}

  static async create(sim: TestSimulator): Promise<World> {
    await sim.reset();
    const dir = mkdtempSync(path.join(tmpdir(), "kantata-workflow-"));
    const specFile = path.join(dir, "spec.json");
    writeFileSync(specFile, "[]");
    const stack = await PulumiStack.init({
      projectDir: PROGRAM,
      stackName: `wf${process.pid}x${Date.now().toString(36)}`,
      workRoot: dir,
      env: { KANTATA_E2E_SPEC: specFile, KANTATA_API_TOKEN: undefined, KANTATA_BASE_URL: undefined },
    });
    await stack.setConfig("kantata:apiToken", ADMIN_TOKEN, true);
    await stack.setConfig("kantata:baseUrl", sim.url);
    await stack.setConfig("kantata:requestsPerSecond", "1000");
    return new World(sim, stack, specFile);
  }

  /** Ends every process of the stack and removes its folders. */
  async dispose(): Promise<void> {
    this.killStackProcesses();
    await waitGone(processesWithEnv("PULUMI_HOME", path.join(this.stack.workRoot, "home")).map((p) => p.pid), 5_000);
    this.stack.dispose();
    rmSync(this.stack.workRoot, { recursive: true, force: true });
  }

  live(): Live {
    const { live, duplicates } = liveByPair(this.sim.liveRows());
    if (duplicates.length) this.fail([`membership(s) held twice: ${duplicates.join(", ")}`]);
    return live;
  }

  /** Writes the program the stack runs next. */
  writeProgram(program: Resource[]): void {
    const spec = program.map((r) => {
      const opts = r.retain ? { retainOnDelete: true } : undefined;
      if (r.cls === "whole") {
        const type = r.kind === "access" ? "AccessGroupMembers" : "WorkspaceGroupMembers";
        const arg = r.kind === "access" ? "accessGroupId" : "workspaceGroupId";
        return { type, name: r.name, args: { [arg]: r.groupId, userIds: r.userIds, ...(r.removeUnlisted !== undefined ? { removeUnlistedMembers: r.removeUnlisted } : {}) }, opts };
      }
      const [type, arg] = {
        access: ["AccessGroupMembership", "accessGroupId"],
        insights: ["InsightsAccessGroupMembership", "insightsAccessGroupId"],
        workspace: ["UserGroupMembership", "workspaceGroupId"],
      }[r.kind];
      return { type, name: r.name, args: { userId: r.userId, [arg]: r.groupId, ...(r.canEdit !== undefined ? { canEdit: r.canEdit } : {}) }, opts };
    });
    writeFileSync(this.specFile, JSON.stringify(spec));
  }

  fail(problems: string[]): never {
    throw new WorkflowViolation(`${problems.join("\n")}\nsteps of this sequence:\n  ${this.log.join("\n  ")}`);
  }

  note(step: string, result?: RunResult): void {
    World.steps++;
    this.log.push(result ? `${step} → exit ${result.code} in ${(result.ms / 1000).toFixed(1)} s${result.code ? `: ${lastError(result)}` : ""}` : step);
    if (result && (result.stdout + result.stderr).includes(ADMIN_TOKEN)) this.fail([`the API token appears in the output of ${step}`]);
  }

  /** Fails unless a failed run ended with one of the provider's documented refusals. */
  private expectRefusal(step: string, result: RunResult): void {
    const text = result.stdout + result.stderr;
    if (!EXPECTED_REFUSALS.some((re) => re.test(text))) this.fail([`${step} failed unexpectedly: ${lastError(result)}`]);
  }

  // ── engine steps ─────────────────────────────────────────────────────────────────────────

  async up(model: Model, refresh: boolean): Promise<void> {
    const step = refresh ? "pulumi up --refresh" : "pulumi up";
    const before = this.live();
    const result = await this.stack.up([...(refresh ? ["--refresh"] : []), "--parallel", "16"], { allowFailure: true });
    this.note(step, result);
    this.afterUp(model, step, before, result, refresh);
  }

  private afterUp(model: Model, step: string, before: Live, result: RunResult | undefined, refresh: boolean): void {
    const after = this.live();
    const problems = upViolations(model.program, model.claimed, changeBetween(before, after));
    if (problems.length) this.fail(problems.map((p) => `${step}: ${p}`));
    if (refresh) model.drifted.clear();
    if (result && result.code === 0) {
      model.claimed = declaredPairs(model.program);
      const unconverged = convergenceViolations(model.program, model.drifted, after);
      if (unconverged.length) this.fail(unconverged.map((p) => `${step}: ${p}`));
    } else {
      for (const p of declaredPairs(model.program)) model.claimed.add(p);
      if (result) this.expectRefusal(step, result);
    }
  }

  async refresh(model: Model): Promise<void> {
    const before = this.live();
    const result = await this.stack.refresh([], { allowFailure: true });
    this.note("pulumi refresh", result);
    if (result.code !== 0) this.fail([`pulumi refresh failed: ${lastError(result)}`]);
    const problems = noWriteViolations("refresh", changeBetween(before, this.live()));
    if (problems.length) this.fail(problems);
    model.drifted.clear();
  }

  async preview(model: Model): Promise<void> {
    const before = this.live();
    const result = await this.stack.run(["preview", "--json"], { allowFailure: true });
    this.note("pulumi preview --json", result);
    if (result.code !== 0) this.fail([`pulumi preview failed: ${lastError(result)}`]);
    const problems = noWriteViolations("preview", changeBetween(before, this.live()));
    // What it says each new resource will do must be true of the account it read.
    const diagnostics = (JSON.parse(result.stdout) as PreviewJson).diagnostics ?? [];
    const lines = diagnostics.filter((d) => d.urn && /^will /.test(d.message.trim())).map((d) => ({ name: d.urn!.split("::").pop()!, message: d.message.trim() }));
    problems.push(...planViolations(model.program, before, lines));
    if (problems.length) this.fail(problems);
  }

  async destroy(model: Model): Promise<void> {
    const before = this.live();
    const result = await this.stack.destroy(["--parallel", "16"], { allowFailure: true });
    this.note("pulumi destroy", result);
    if (result.code !== 0) this.fail([`pulumi destroy failed: ${lastError(result)}`]);
    const problems = destroyViolations(model.claimed, changeBetween(before, this.live()));
    if (problems.length) this.fail(problems);
    model.claimed = new Set();
  }

  /**
   * SIGKILL of `pulumi up` after `delayMs`, then the README's recovery: `pulumi cancel`,
   * `pulumi refresh --clear-pending-creates`, `pulumi up`.
   */
  async crashUp(model: Model, delayMs: number): Promise<void> {
    const before = this.live();
    let pid = 0;
    const running = this.stack.up(["--parallel", "16"], { allowFailure: true, onSpawn: (p) => (pid = p) });
    await new Promise((r) => setTimeout(r, delayMs));
    const tree = pid ? descendants(pid).map((p) => p.pid) : [];
    killPids([pid, ...tree].filter(Boolean));
    this.killStackProcesses();
    const killed = await running;
    this.note(`pulumi up, SIGKILL after ${delayMs} ms`, { ...killed, code: killed.code ?? -9 });
    // Killed half-way: judged as an up that did not finish (no refusal expected).
    this.afterUp(model, "killed pulumi up", before, undefined, false);
    await waitGone(processesWithEnv("PULUMI_HOME", path.join(this.stack.workRoot, "home")).map((p) => p.pid), 5_000);
    const cancel = await this.stack.run(["cancel", "--yes"], { allowFailure: true });
    this.note("pulumi cancel --yes", cancel);
    const beforeRefresh = this.live();
    const refresh = await this.stack.refresh(["--clear-pending-creates"], { allowFailure: true });
    this.note("pulumi refresh --clear-pending-creates", refresh);
    if (refresh.code !== 0) this.fail([`recovery refresh failed: ${lastError(refresh)}`]);
    const problems = noWriteViolations("recovery refresh", changeBetween(beforeRefresh, this.live()));
    if (problems.length) this.fail(problems);
    model.drifted.clear();
    await this.up(model, false);
  }

  private killStackProcesses(): void {
    killPids([...this.stack.running]);
    killPids(processesWithEnv("PULUMI_HOME", path.join(this.stack.workRoot, "home")).map((p) => p.pid));
  }

  // ── outside Pulumi ───────────────────────────────────────────────────────────────────────

  async outsideAdd(model: Model, kind: Kind, groupId: number, userId: number): Promise<void> {
    const c = COLLECTION[kind];
    const { status } = await this.sim.api("POST", c.path, { [c.key]: { user_id: userId, [c.group]: groupId } });
    this.note(`outside Pulumi: add user ${userId} to ${kind} group ${groupId} → ${status}`);
    if (status < 300) model.drifted.add(`${kind}:${groupId}:${userId}`);
  }

  async outsideRemove(model: Model, pick: number): Promise<void> {
    const rows = this.sim.liveRows().filter((r) => USERS.includes(r.userId));
    if (rows.length === 0) return this.note("outside Pulumi: nothing to remove");
    const row = rows[pick % rows.length];
    const { status } = await this.sim.api("DELETE", `${COLLECTION[row.kind].path}/${row.id}`);
    this.note(`outside Pulumi: remove user ${row.userId} from ${row.kind} group ${row.groupId} → ${status}`);
    model.drifted.add(`${row.kind}:${row.groupId}:${row.userId}`);
  }

  async outsideFlipCanEdit(model: Model, pick: number): Promise<void> {
    const rows = this.sim.liveRows().filter((r) => r.kind === "insights" && USERS.includes(r.userId));
    if (rows.length === 0) return this.note("outside Pulumi: no Insights membership to flip");
    const row = rows[pick % rows.length];
    const { status } = await this.sim.api("PUT", `${COLLECTION.insights.path}/${row.id}`, { insights_access_group_membership: { can_edit: !row.canEdit } });
    this.note(`outside Pulumi: can_edit of user ${row.userId} in Insights group ${row.groupId} → ${!row.canEdit} (${status})`);
    model.drifted.add(`insights:${row.groupId}:${row.userId}`);
  }

  // ── export ───────────────────────────────────────────────────────────────────────────────

  /** `pulumi-kantata export --type <kind> --group <id> [--authoritative]`, as resources of the model. */
  async exportGroup(kind: Kind, groupId: number, authoritative: boolean): Promise<Resource[]> {
    let text = "";
    let errors = "";
    const argv = ["export", "--type", kind, "--group", String(groupId), ...(authoritative ? ["--authoritative"] : [])];
    const code = await runCli(argv, {
      stdout: (t) => void (text += t),
      stderr: (t) => void (errors += t),
      env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: this.sim.url, KANTATA_REQUESTS_PER_SECOND: "1000" },
      writeFile: () => undefined,
    });
    this.note(`pulumi-kantata ${argv.join(" ")} → exit ${code}`);
    if (code !== 0) this.fail([`export failed: ${errors}`]);
    if (errors.includes(ADMIN_TOKEN) || text.includes(ADMIN_TOKEN)) this.fail(["the API token appears in the export's output"]);
    return exportedResources(text).map((e): Resource =>
      e.whole
        ? { cls: "whole", kind: e.kind as "access" | "workspace", name: e.name, groupId: e.groupId, userIds: e.userIds }
        : { cls: "single", kind: e.kind as Kind, name: e.name, userId: e.userIds[0], groupId: e.groupId, canEdit: e.canEdit },
    );
  }

  /** At the end of a sequence: the token is in no state file. */
  async checkStateHasNoToken(): Promise<void> {
    if (this.stack.stateFileText().includes(ADMIN_TOKEN)) this.fail(["the API token appears in the state file"]);
  }
}

/** The error diagnostics of a CLI run, for reports. */
function lastError(result: RunResult): string {
  const lines = (result.stdout + "\n" + result.stderr)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^error: /.test(l) && !/^error: (update failed|preview failed|refresh failed|destroy failed)/.test(l));
  return ([...new Set(lines)].join(" | ") || result.stderr.trim().split("\n").pop() || "").slice(0, 600);
}
