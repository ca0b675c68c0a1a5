import { expect } from "chai";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
const PLANNING_LEADS = 13; // custom access group, 17 members
const FINANCE_DASHBOARDS = 3; // classic Insights group: user 626 can edit, 633 cannot
const FREE_USERS = [6, 7];

/**
 * Adopting existing memberships, as the engine shows it: a preview says per new resource whether
 * `pulumi up` adopts (and which membership) or creates, and sums it up in one line; `pulumi up`
 * reports each adoption once; warnings only where their change happens.
 */
describe("an honest preview of adoption (end to end)", function () {
  let sim: TestSimulator;
  let stack: PulumiStack;
  let specFile: string;
  let members: { id: string; user_id: string }[];
  const stackName = `adopt${process.pid}`;
  const all = (out: { stdout: string; stderr: string }) => out.stdout + out.stderr;

  before(async () => {
    sim = await startTestSimulator();
    members = (await sim.memberships("access_group_memberships", `access_group_id=${PLANNING_LEADS}`)) as typeof members;
    specFile = path.join(mkdtempSync(path.join(tmpdir(), "kantata-adopt-")), "spec.json");
    writeFileSync(
      specFile,
      JSON.stringify([
        ...members.map((m) => ({ type: "AccessGroupMembership", name: `lead-${m.user_id}`, args: { userId: Number(m.user_id), accessGroupId: PLANNING_LEADS } })),
        ...FREE_USERS.map((u) => ({ type: "AccessGroupMembership", name: `new-${u}`, args: { userId: u, accessGroupId: PLANNING_LEADS } })),
        { type: "InsightsAccessGroupMembership", name: "editor", args: { userId: 626, insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: true } },
      ]),
    );
    stack = await PulumiStack.init({ projectDir: PROGRAM, stackName, env: { KANTATA_E2E_SPEC: specFile, KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url } });
  });

  after(async () => {
    stack?.killAll();
    stack?.dispose();
    rmSync(path.dirname(specFile), { recursive: true, force: true });
    await sim?.close();
  });

  it("previews each new membership as an adoption of its existing id or a create, with one summary line, reading each group whole once", async () => {
    await sim.reset();
    const { json } = await stack.previewJson();
    const infos = (json.diagnostics ?? []).filter((d) => d.severity === "info");
    for (const m of members) {
      const lines = infos.filter((d) => d.urn?.endsWith(`::lead-${m.user_id}`)).map((d) => d.message.trim());
      expect(lines).to.deep.equal([`will adopt existing membership ${m.id} (no write)`]);
    }
    for (const u of FREE_USERS) {
      const lines = infos.filter((d) => d.urn?.endsWith(`::new-${u}`)).map((d) => d.message.trim());
      expect(lines).to.deep.equal([`will create the membership (1 write): user ${u} is not in access group ${PLANNING_LEADS}`]);
    }
    const summaries = infos.filter((d) => d.message.includes("new to this stack"));
    expect(summaries.map((d) => d.message.trim())).to.deep.equal([
      "pulumi-kantata: of 20 resources new to this stack, 18 will adopt what exists (18 with no write), 2 will be created; 2 writes in all.",
    ]);
    // User 626 can already edit: adopting changes nothing, so nothing warns.
    expect(JSON.stringify(json.diagnostics)).to.not.contain("can_edit gives");
    // The engine checks resources one at a time: the group's first new membership is looked up
    // alone, the second reads the whole group (one page), which answers all the others.
    const reads = (await sim.requests()).map((r) => `${r.method} ${r.path}`);
    expect(reads.sort()).to.deep.equal(["GET /api/v1/access_group_memberships", "GET /api/v1/access_group_memberships", "GET /api/v1/insights_access_group_memberships"]);
  });

  it("adopts on up with no write beyond the two creates, reporting each adoption once", async () => {
    await sim.reset();
    const out = all(await stack.up());
    const writes = (await sim.writes()).map((w) => w.method);
    expect(writes).to.deep.equal(["POST", "POST"]);
    // The engine prints each message twice: on the resource's progress line and in its closing
    // "Diagnostics" list. The provider reports each adoption once: exactly those two copies.
    for (const m of members) {
      expect(out.split(`adopted existing membership ${m.id} `).length - 1, `membership ${m.id}`).to.equal(2);
    }
    expect(out).to.not.contain("will adopt");
    expect(out).to.not.contain("can_edit gives");
  });

  it("previews the adopted stack with no request and no adoption line", async () => {
    await sim.reset();
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ same: 21 });
    expect(JSON.stringify(json.diagnostics ?? [])).to.not.match(/will (adopt|create)|new to this stack/);
    expect(await sim.requests()).to.deep.equal([]);
  });

  it("keeps no trace of the preview's plan in the state", async () => {
    const { text } = await stack.exportState();
    expect(text).to.not.contain("plannedAction");
    expect(text).to.not.contain("kantataPreview");
  });
});
