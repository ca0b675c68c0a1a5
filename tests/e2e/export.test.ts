import { expect } from "chai";
import { mkdirSync, writeFileSync, readFileSync, rmSync, copyFileSync } from "node:fs";
import path from "node:path";
import { run } from "../../provider/cli";
import { CliIO } from "../../provider/cli/io";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";
import { descriptors } from "../../provider/descriptors";
import { exportedResources, type Kind as ExportKind } from "../helpers/exportedProgram";

/** Runs the CLI in-process and returns what it printed. */
async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string; files: Record<string, string> }> {
  const out = { stdout: "", stderr: "", files: {} as Record<string, string> };
  const io: CliIO = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env, writeFile: (p, t) => (out.files[p] = t) };
  const code = await run(argv, io);
  return { code, ...out };
}

type Kind = ExportKind;
/** Where each export type's memberships are listed, from its descriptor. */
const COLLECTION: Record<Kind, { path: string; group: string }> = Object.fromEntries(
  Object.values(descriptors).map((d) => [d.exportType, { path: d.collectionKey, group: d.group.api }]),
);
/** Two groups of each kind in the default account (custom ones where the kind has defaults). */
const GROUPS: Record<Kind, number[]> = { access: [11, 12], insights: [3, 4], workspace: [5, 8], skill: [1, 2], "holiday-calendar": [1, 2] };

describe("pulumi-kantata export", function () {
  let sim: TestSimulator;
  let env: NodeJS.ProcessEnv;
  const dirs: string[] = [];
  const stacks: PulumiStack[] = [];

  /** A Pulumi project inside the repository (so `pulumi-kantata` resolves) holding `program`. */
  async function projectWith(program: string): Promise<PulumiStack> {
    const dir = path.join(REPO_ROOT, "tests", "e2e", ".generated", `export-${process.pid}-${dirs.length}`);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
    writeFileSync(path.join(dir, "Pulumi.yaml"), "name: exported\nruntime: nodejs\nmain: index.ts\n");
    copyFileSync(path.join(REPO_ROOT, "tests", "e2e", "program", "tsconfig.json"), path.join(dir, "tsconfig.json"));
    writeFileSync(path.join(dir, "index.ts"), program);
    const stack = await PulumiStack.init({ projectDir: dir, stackName: "exported", env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url } });
    stacks.push(stack);
    return stack;
  }

  before(async () => {
    sim = await startTestSimulator();
    env = { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url };
  });
  afterEach(async () => sim.reset());

  /** Live members of every group, by kind, read through the API. */
  async function liveMemberships(): Promise<Record<Kind, Map<number, number[]>>> {
    const out = {} as Record<Kind, Map<number, number[]>>;
    for (const kind of Object.keys(COLLECTION) as Kind[]) {
      out[kind] = new Map();
      for (const m of await sim.memberships(COLLECTION[kind].path, "")) {
        const g = Number(m[COLLECTION[kind].group]);
        out[kind].set(g, [...(out[kind].get(g) ?? []), Number(m.user_id)].sort((a, b) => a - b));
      }
    }
    return out;
  }
  after(async () => {
    for (const s of stacks) s.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await sim.close();
  });

  describe("command line", () => {
    it("prints help for --help and for `help export`, exiting 0", async () => {
      const a = await cli(["export", "--help"], env);
      const b = await cli(["help", "export"], env);
      expect(a.code).to.equal(0);
      expect(a.stdout).to.contain("Usage: pulumi-kantata export [options]").and.contain("--authoritative");
      expect(b.stdout).to.equal(a.stdout);
      expect((await cli(["--help"], env)).stdout).to.match(/export +write a Pulumi program/).and.match(/simulator +start the local Kantata OX simulator/);
    });

    const bad: [string, string[], NodeJS.ProcessEnv | undefined, string][] = [
      ["an unknown flag", ["export", "--bogus"], undefined, "Unknown option '--bogus'"],
      ["an unknown type", ["export", "--type", "teams"], undefined, '--type must be one of access, insights, workspace, skill, holiday-calendar; got "teams"'],
      ["a non-numeric group", ["export", "--type", "access", "--group", "eng"], undefined, '--group takes a numeric group id; got "eng"'],
      ["a group without a type (ids are per kind of group)", ["export", "--group", "5"], undefined, "--group needs exactly one --type"],
      ["a group with two types", ["export", "--type", "access", "--type", "workspace", "--group", "5"], undefined, "--group needs exactly one --type"],
      ["a missing token", ["export"], { KANTATA_BASE_URL: "http://127.0.0.1:1/api/v1" }, "KANTATA_API_TOKEN is not set"],
      ["a plain-http base URL to another host", ["export", "--base-url", "http://kantata.example.com/api/v1"], undefined, "plain http"],
      ["an unknown command", ["exprot"], undefined, 'unknown command "exprot"'],
    ];
    for (const [what, argv, customEnv, message] of bad) {
      it(`refuses ${what} with exit code 2 and a clear message`, async () => {
        const r = await cli(argv, customEnv ?? env);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.contain(message);
        expect(r.stdout).to.equal("");
      });
    }

    it("refuses a group that is not a group of the chosen kind, naming the kind's groups, with exit code 2", async () => {
      const r = await cli(["export", "--type", "workspace", "--group", "999", "--authoritative"], env);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain("no workspace group 999").and.contain("(id 5)");
      expect(r.stdout).to.equal("");
    });

    it("declares exactly the selected groups, each with exactly its live members, for every combination of flags", async () => {
      const live = await liveMemberships();
      const kinds: (Kind | undefined)[] = [undefined, ...Object.keys(COLLECTION)];
      const combos: string[][] = [];
      for (const kind of kinds) {
        const groupChoices = kind === undefined ? [[]] : [[], [String(GROUPS[kind][0])], GROUPS[kind].map(String)];
        for (const groups of groupChoices) {
          for (const authoritative of [false, true]) {
            for (const retain of [false, true]) {
              combos.push([
                "export",
                ...(kind ? ["--type", kind] : []),
                ...groups.flatMap((g) => ["--group", g]),
                ...(authoritative ? ["--authoritative"] : []),
                ...(retain ? ["--retain"] : []),
              ]);
            }
          }
        }
      }
      for (const argv of combos) {
        const r = await cli(argv, { ...env, KANTATA_REQUESTS_PER_SECOND: "1000", KANTATA_MAX_CONCURRENT_REQUESTS: "16" });
        expect(r.code, argv.join(" ")).to.equal(0);
        const declared = exportedResources(r.stdout);
        const kind = argv.includes("--type") ? (argv[argv.indexOf("--type") + 1] as Kind) : undefined;
        const groups = argv.flatMap((a, i) => (a === "--group" ? [Number(argv[i + 1])] : []));
        for (const d of declared) {
          if (kind) expect(d.kind, argv.join(" ")).to.equal(kind);
          if (groups.length) expect(groups, `${argv.join(" ")} declares ${d.kind} group ${d.groupId}`).to.include(d.groupId);
          // Whatever a resource claims is exactly what is live: nobody it would remove, nobody it would add.
          const members = live[d.kind].get(d.groupId) ?? [];
          if (d.whole) expect(d.userIds, `${argv.join(" ")}: ${d.cls} of ${d.kind} group ${d.groupId}`).to.deep.equal(members);
          else expect(members, `${argv.join(" ")}: ${d.cls} of ${d.kind} group ${d.groupId}`).to.include(d.userIds[0]);
          expect(d.retained, argv.join(" ")).to.equal(argv.includes("--retain"));
        }
        const singles = declared.filter((d) => !d.whole);
        expect(new Set(singles.map((d) => `${d.kind}:${d.groupId}:${d.userIds[0]}`)).size, argv.join(" ")).to.equal(singles.length);
      }
      console.log(`      ${combos.length} combinations of --type, --group, --authoritative and --retain`);
    });

    it("exits 1 with the API's message when the token is refused, never printing it", async () => {
      const r = await cli(["export", "--type", "workspace"], { ...env, KANTATA_API_TOKEN: "tok-SECRET-bad" });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain("401");
      expect(r.stderr).to.not.contain("tok-SECRET");
    });
  });

  it("writes readable, unique, stable names with comments, and the same program twice", async () => {
    const a = await cli(["export", "--type", "access", "--group", "11"], env);
    const b = await cli(["export", "--type", "access", "--group", "11"], env);
    expect(a.code).to.equal(0);
    expect(a.stdout).to.equal(b.stdout);
    const names = [...a.stdout.matchAll(/new kantata\.AccessGroupMembership\("([^"]+)"/g)].map((m) => m[1]);
    const live = await sim.memberships("access_group_memberships", "access_group_id=11");
    expect(names).to.have.length(live.length);
    expect(new Set(names).size).to.equal(names.length);
    expect(names.every((n) => /^access-finance-reviewers-[a-z0-9-]+$/.test(n))).to.equal(true);
    expect(a.stdout).to.contain("// Finance Reviewers (access group 11)");
    expect(a.stderr).to.match(/export: \d+ access group memberships; 1 groups/);
    expect(a.stderr).to.contain("next, `pulumi preview` says for each resource whether `pulumi up` adopts an existing membership");
    // 47 resources: no advice about large adoptions.
    expect(a.stderr).to.not.contain("PULUMI_SKIP_CHECKPOINTS");
  });

  it("advises skipping checkpoints, and says why that is safe, for a large adoption", async () => {
    const r = await cli(["export", "--type", "workspace"], env);
    expect(r.code).to.equal(0);
    expect(r.stderr).to.contain("for 1708 resources, run `PULUMI_SKIP_CHECKPOINTS=true pulumi up`").and.contain("the next `pulumi up` adopts those memberships again");
  });

  it("exports the whole default account authoritatively; up adopts it with zero writes and a preview shows no change", async () => {
    const r = await cli(["export", "--authoritative", "--out", "program.ts"], env);
    expect(r.code).to.equal(0);
    const program = r.files["program.ts"];
    expect(program).to.contain("Left out: memberships of Account Default access groups");
    expect(program).to.contain("new kantata.WorkspaceGroupMembers(");
    const stack = await projectWith(program);
    const before = (await sim.requests()).length;
    const up = await stack.up(["--parallel", "50"]);
    const requests = (await sim.requests()).slice(before);
    expect(requests.filter((q) => q.method !== "GET")).to.deep.equal([]);
    const { json } = await stack.previewJson();
    expect(Object.keys(json.changeSummary ?? {})).to.deep.equal(["same"]);
    console.log(`      adopted the default account (${r.stderr.split("\n").find((l) => l.includes(" resources"))}) with ${requests.length} reads and 0 writes; up took ${(up.ms / 1000).toFixed(1)} s`);
  });

  it("exports one workspace group authoritatively (--type workspace --group 5): up adopts it alone, with zero writes", async () => {
    const r = await cli(["export", "--type", "workspace", "--group", "5", "--authoritative"], env);
    expect(r.code).to.equal(0);
    expect((r.stdout.match(/new kantata\./g) ?? []).length).to.equal(1);
    const stack = await projectWith(r.stdout);
    await stack.up();
    expect(await sim.writes()).to.deep.equal([]);
    const state = await stack.exportState();
    expect(state.deployment.resources!.filter((x) => x.type.endsWith(":WorkspaceGroupMembers")).map((x) => x.outputs!.workspaceGroupId)).to.deep.equal([5]);
  });

  it("with --retain, a destroy of the exported stack leaves everyone in place", async () => {
    const r = await cli(["export", "--type", "insights", "--group", "3", "--retain"], env);
    expect(r.stdout).to.contain("const keep = { retainOnDelete: true };").and.contain("canEdit:");
    const stack = await projectWith(r.stdout);
    await stack.up();
    await stack.destroy();
    expect(await sim.writes()).to.deep.equal([]);
    expect(await sim.memberships("insights_access_group_memberships", "by_access_group_id=3")).to.have.length((r.stdout.match(/new kantata\./g) ?? []).length);
  });
});
