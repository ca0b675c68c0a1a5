import { expect } from "chai";
import { rmSync } from "node:fs";
import path from "node:path";
import { PulumiStack, REPO_ROOT, type RunResult } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "lookups-program");
const EXAMPLE = path.join(REPO_ROOT, "examples", "lookups");
const TYPE = "pulumi-nodejs:dynamic/kantata:";
const all = (out: { stdout: string; stderr: string }) => out.stdout + out.stderr;

/** `GET /api/v1/users` → how many times, from the simulator's log. */
function countByRequest(requests: { method: string; path: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
  return counts;
}

/**
 * Lookups in a real program run by the real engine: memberships declared by email and group
 * name are previewed with the ids the lookups found, created on up, and no token reaches state.
 */
describe("lookups through the real engine (end to end)", function () {
  let sim: TestSimulator;
  const stacks: PulumiStack[] = [];

  before(async () => (sim = await startTestSimulator()));
  after(async () => {
    for (const s of stacks) {
      s.killAll();
      s.dispose();
      rmSync(path.join(s.projectDir, `Pulumi.${s.stackName}.yaml`), { force: true });
    }
    await sim?.close();
  });

  describe("a program declaring memberships by email and group name", () => {
    let stack: PulumiStack;
    let up: RunResult;
    const members = [
      { email: "leo.larsen@lakeside-consulting.example", workspaceGroup: "Engineering" }, // user 13, group 5
      { email: "  Emma.MOREAU@lakeside-consulting.example ", workspaceGroup: "engineering" }, // user 15, ignoring case
      { email: "maya.nakamura@lakeside-consulting.example", workspaceGroup: "Strategy & Operations" }, // user 27, group 7
    ];
    const reviewer = { email: "leo.larsen@lakeside-consulting.example", accessGroup: "Finance Reviewers" }; // user 13, group 11

    before(async () => {
      await sim.reset();
      stack = await PulumiStack.init({
        projectDir: PROGRAM,
        stackName: `lookups${process.pid}`,
        env: { KANTATA_API_TOKEN: undefined, KANTATA_BASE_URL: undefined },
      });
      stacks.push(stack);
      await stack.setConfig("kantata:apiToken", ADMIN_TOKEN, true);
      await stack.setConfig("kantata:baseUrl", sim.url);
      await stack.setConfig("members", JSON.stringify(members));
      await stack.setConfig("reviewer", JSON.stringify(reviewer));
    });

    it("previews one create per membership with the ids the lookups found, reading each list once, each new membership at most once, and writing nothing", async () => {
      const { json } = await stack.previewJson();
      const creates = (json.steps ?? []).filter((s) => s.op === "create" && s.urn.includes(TYPE));
      const inputs = Object.fromEntries(creates.map((s) => [s.urn.split("::").pop(), s.newState?.inputs]));
      expect(inputs["leo-larsen-engineering"]).to.include({ userId: 13, workspaceGroupId: 5 });
      expect(inputs["emma-moreau-engineering"]).to.include({ userId: 15, workspaceGroupId: 5 });
      expect(inputs["maya-nakamura-strategy-operations"]).to.include({ userId: 27, workspaceGroupId: 7 });
      expect(inputs["leo-larsen-finance-reviewers"]).to.include({ userId: 13, accessGroupId: 11 });
      // Four users and three group names looked up: ceil(2000 / 200) user pages, one page per group list.
      // Then whether up adopts or creates each new membership: one read each, plus one page of
      // workspace group 5 (two new memberships) that shows it is too big to read whole for them.
      expect(countByRequest(await sim.requests())).to.deep.equal({
        "GET /api/v1/users": 10,
        "GET /api/v1/workspace_groups": 1,
        "GET /api/v1/access_groups": 1,
        "GET /api/v1/user_group_memberships": 4,
        "GET /api/v1/access_group_memberships": 1,
      });
    });

    it("creates the memberships on up", async () => {
      await sim.reset();
      up = await stack.up();
      // The three workspace memberships may share one bulk POST.
      const writes = new Set((await sim.writes()).map((r) => `${r.method} ${r.path}`));
      expect([...writes].sort()).to.deep.equal(["POST /api/v1/access_group_memberships", "POST /api/v1/user_group_memberships"]);
      expect(await sim.memberships("user_group_memberships", "user_ids=13,15&group_ids=5")).to.have.length(2);
      expect(await sim.memberships("user_group_memberships", "user_ids=27&group_ids=7")).to.have.length(1);
      expect(await sim.memberships("access_group_memberships", "user_id=13&access_group_id=11")).to.have.length(1);
    });

    it("keeps the token out of the state, the exported stack and the CLI output", async () => {
      const { text, deployment } = await stack.exportState();
      expect(text).to.not.contain(ADMIN_TOKEN);
      expect(stack.stateFileText()).to.not.contain(ADMIN_TOKEN);
      expect(all(up)).to.not.contain(ADMIN_TOKEN);
      const memberships = deployment.resources!.filter((r) => r.type.startsWith(TYPE));
      expect(memberships).to.have.length(4);
    });

    it("previews no change on the next run", async () => {
      const { json } = await stack.previewJson();
      expect(json.changeSummary).to.deep.equal({ same: 5 });
    });

    it("fails the preview of a misspelt email with the closest matches, writing nothing", async () => {
      await sim.reset();
      await stack.setConfig("members", JSON.stringify([{ email: "leo.larsne@lakeside-consulting.example", workspaceGroup: "Engineering" }]));
      const preview = await stack.run(["preview"], { allowFailure: true });
      expect(preview.code).to.not.equal(0);
      expect(all(preview)).to.contain('getUser: no user with email "leo.larsne@lakeside-consulting.example" among the 2000 users');
      expect(all(preview)).to.contain("Closest matches: leo.larsen@lakeside-consulting.example (id 13, Leo Larsen), ");
      expect(all(preview)).to.not.match(/at findByLabel|KantataLookupNotFoundError/); // the message alone, no stack dump
      expect(all(preview)).to.not.contain(ADMIN_TOKEN);
      expect(await sim.writes()).to.deep.equal([]);
    });
  });

  describe("a lookup that fails inside a resource's input", () => {
    let stack: PulumiStack;
    before(async () => {
      await sim.reset();
      stack = await PulumiStack.init({ projectDir: PROGRAM, stackName: `lookupinput${process.pid}`, env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url } });
      stacks.push(stack);
    });

    it("fails preview and up with the lookup's own message, naming the input, without a stack dump", async () => {
      await stack.setConfig("byEmail", JSON.stringify([{ email: "nobody.here@lakeside-consulting.example", workspaceGroupId: 5 }]));
      for (const run of [() => stack.run(["preview"], { allowFailure: true }), () => stack.up([], { allowFailure: true })]) {
        const out = all(await run());
        expect(out).to.contain('getUser: no user with email "nobody.here@lakeside-consulting.example" among the 2000 users');
        expect(out).to.contain('"userId"');
        expect(out).to.not.match(/KantataLookupNotFoundError|\n\s+at |\.ts:\d+/);
      }
      expect(await sim.writes()).to.deep.equal([]);
    });

    it("fails with the same Fix: as a resource when the API refuses the token", async () => {
      stack.env = { ...stack.env, KANTATA_API_TOKEN: "refused-token-0123456789" };
      await stack.setConfig("byEmail", JSON.stringify([{ email: "leo.larsen@lakeside-consulting.example", workspaceGroupId: 5 }]));
      const out = all(await stack.run(["preview"], { allowFailure: true }));
      expect(out).to.contain("getUser could not read the users").and.contain("401");
      expect(out).to.contain("Fix: the API token was refused; set a valid one with `pulumi config set --secret kantata:apiToken <token>` or KANTATA_API_TOKEN.");
      expect(out).to.not.match(/KantataLookupReadError|\n\s+at /);
      expect(out).to.not.contain("refused-token-0123456789");
    });
  });

  it("examples/lookups previews its memberships with no write, applies them, previews no change and destroys them", async () => {
    await sim.reset();
    const stack = await PulumiStack.init({
      projectDir: EXAMPLE,
      stackName: `ex${process.pid}`,
      env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url },
    });
    stacks.push(stack);
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ create: 7 });
    expect(await sim.writes()).to.deep.equal([]);
    await stack.up();
    expect(await sim.memberships("user_group_memberships", "user_ids=13,15,27&group_ids=7")).to.have.length(3);
    for (const user of [13, 15]) expect(await sim.memberships("access_group_memberships", `user_id=${user}&access_group_id=11`)).to.have.length(1);
    const [analyst] = await sim.memberships("insights_access_group_memberships", "user_ids=27");
    expect([analyst?.insights_access_group_id, analyst?.can_edit]).to.deep.equal(["3", false]);
    expect((await stack.previewJson()).json.changeSummary).to.deep.equal({ same: 7 });
    await stack.destroy();
    expect(await sim.memberships("user_group_memberships", "user_ids=13,15,27&group_ids=7")).to.deep.equal([]);
    expect(await sim.memberships("insights_access_group_memberships", "user_ids=27")).to.deep.equal([]);
  });
});
