import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const example = (name: string) => path.join(REPO_ROOT, "examples", name);

/** Every example is a Pulumi project users copy; each runs here through the CLI so none can rot. */
describe("the examples, run by the real engine against the simulator", function () {
  let sim: TestSimulator;
  const stacks: PulumiStack[] = [];

  async function stackFor(name: string): Promise<PulumiStack> {
    const stack = await PulumiStack.init({
      projectDir: example(name),
      stackName: `ex${process.pid}`,
      env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url },
    });
    stacks.push(stack);
    return stack;
  }

  before(async () => (sim = await startTestSimulator()));
  afterEach(async () => sim.reset());
  after(async () => {
    for (const s of stacks) {
      s.killAll();
      s.dispose();
      rmSync(path.join(s.projectDir, `Pulumi.${s.stackName}.yaml`), { force: true });
    }
    await sim.close();
  });

  it("team-onboarding previews 16 creates with no write, applies them, and destroys them", async () => {
    const stack = await stackFor("team-onboarding");
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ create: 17 });
    expect(await sim.writes()).to.deep.equal([]);
    await stack.up();
    // 5 access group and 1 Insights membership, one POST each; the 10 workspace group memberships share bulk POSTs.
    const posts = (await sim.writes()).filter((r) => r.method === "POST");
    expect(posts.length).to.be.within(7, 16);
    expect(posts.filter((r) => r.path === "/api/v1/access_group_memberships")).to.have.length(5);
    expect(await sim.memberships("user_group_memberships", "user_ids=6,7,25,29,39&group_ids=5,8")).to.have.length(10);
    expect((await stack.previewJson()).json.changeSummary).to.deep.equal({ same: 17 });
    await stack.destroy();
    expect(await sim.memberships("user_group_memberships", "user_ids=6,7,25,29,39&group_ids=5,8")).to.deep.equal([]);
  });

  it("insights-editor turns canEdit on with one PUT when its config changes", async () => {
    const stack = await stackFor("insights-editor");
    await stack.up();
    const [before] = await sim.memberships("insights_access_group_memberships", "user_ids=62");
    expect(before.can_edit).to.equal(false);
    await stack.setConfig("canEdit", "true");
    const writesBefore = (await sim.writes()).length;
    await stack.up();
    expect((await sim.writes()).slice(writesBefore).map((r) => r.method)).to.deep.equal(["PUT"]);
    const [after] = await sim.memberships("insights_access_group_memberships", "user_ids=62");
    expect(after.can_edit).to.equal(true);
    expect(String(after.id)).to.equal(String(before.id));
    await stack.destroy();
  });

  it("adopt-existing takes over existing memberships with zero writes and leaves them on destroy", async () => {
    const stack = await stackFor("adopt-existing");
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ create: 4 });
    await stack.up();
    expect(await sim.writes()).to.deep.equal([]);
    const { deployment } = await stack.exportState();
    const adopted = deployment.resources!.filter((r) => r.type.includes("kantata:"));
    expect(adopted.map((r) => r.outputs!.adopted)).to.deep.equal([true, true, true]);
    expect(adopted.map((r) => r.id).sort()).to.deep.equal(["30001", "50001", "50002"]);
    expect((await stack.previewJson()).json.changeSummary).to.deep.equal({ same: 4 });
    await stack.destroy();
    expect(await sim.writes()).to.deep.equal([]);
    expect(await sim.memberships("user_group_memberships", "user_ids=1&group_ids=7")).to.have.length(1);
  });

  it("skills-and-calendars declares 6 skills (one bulk POST) and 3 calendars by name, and destroys them", async () => {
    const stack = await stackFor("skills-and-calendars");
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ create: 10 });
    expect(await sim.writes()).to.deep.equal([]);
    await stack.up();
    const posts = (await sim.writes()).filter((r) => r.method === "POST").map((r) => r.path.replace("/api/v1/", ""));
    expect(posts.filter((p) => p === "holiday_calendar_memberships")).to.have.length(3);
    expect(posts.filter((p) => p === "skill_memberships").length).to.be.within(1, 3);
    const skills = await sim.memberships("skill_memberships", "user_ids=601,602,603");
    expect(skills.map((s) => `${s.user_id}:${s.cached_skill_name}:${s.level}`).sort()).to.deep.equal([
      "601:Python:4", "601:SQL:3", "602:PMP Certification:1", "602:TypeScript:5", "603:Data Analysis:3", "603:French:2",
    ]);
    expect((await stack.previewJson()).json.changeSummary).to.deep.equal({ same: 10 });
    await stack.destroy();
    expect(await sim.memberships("skill_memberships", "user_ids=601,602,603")).to.deep.equal([]);
    expect(await sim.memberships("holiday_calendar_memberships", "by_user_id=601")).to.deep.equal([]);
  });

  it("npm start runs the demo from the root Pulumi.yaml to the end and cleans up", function () {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "dist", "scripts", "demo.js")], { cwd: REPO_ROOT, encoding: "utf8", timeout: 240_000 });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.contain("16 memberships");
    expect(run.stdout).to.match(/~ canEdit\s*: false => true/);
    expect(run.stdout).to.contain("17 deleted");
    expect(run.stdout + run.stderr).to.not.contain(ADMIN_TOKEN);
  });
});
