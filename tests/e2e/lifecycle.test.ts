import { expect } from "chai";
import { mkdtempSync, writeFileSync, rmSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
const FINANCE_REVIEWERS = 11;
const FINANCE_DASHBOARDS = 3;
const ENGINEERING = 5;
const TYPE = "pulumi-nodejs:dynamic/kantata:";

type Declared = { type: string; name: string; args: Record<string, unknown> };

/**
 * One stack's life under the real engine against the simulator, step by step; each step
 * asserts on the engine's output and on the simulator's request log and state.
 */
describe("the real engine driving the provider (end to end)", function () {
  let sim: TestSimulator;
  let stack: PulumiStack;
  let specFile: string;
  const stackName = `e2e${process.pid}`;

  function declare(resources: Declared[]): void {
    writeFileSync(specFile, JSON.stringify(resources));
  }
  const base = (): Declared[] => [
    { type: "AccessGroupMembership", name: "reviewer", args: { userId: 6, accessGroupId: FINANCE_REVIEWERS } },
    { type: "InsightsAccessGroupMembership", name: "analyst", args: { userId: 7, insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: false } },
    { type: "UserGroupMembership", name: "engineer", args: { userId: 25, workspaceGroupId: ENGINEERING } },
  ];
  const all = (out: { stdout: string; stderr: string }) => out.stdout + out.stderr;

  before(async () => {
    sim = await startTestSimulator();
    const dir = mkdtempSync(path.join(tmpdir(), "kantata-e2e-"));
    specFile = path.join(dir, "spec.json");
    declare(base());
    stack = await PulumiStack.init({ projectDir: PROGRAM, stackName, env: { KANTATA_E2E_SPEC: specFile, KANTATA_API_TOKEN: undefined, KANTATA_BASE_URL: undefined } });
    await stack.setConfig("kantata:apiToken", ADMIN_TOKEN, true);
    await stack.setConfig("kantata:baseUrl", sim.url);
  });

  after(async () => {
    stack?.killAll();
    stack?.dispose();
    rmSync(path.join(PROGRAM, `Pulumi.${stackName}.yaml`), { force: true });
    await sim?.close();
  });

  it("previews a new stack as one create per membership, with readable type names and no write", async () => {
    const { json } = await stack.previewJson();
    const creates = (json.steps ?? []).filter((s) => s.op === "create" && s.urn.includes(TYPE));
    expect(creates.map((s) => s.urn.split("::")[2]).sort()).to.deep.equal([
      `${TYPE}AccessGroupMembership`,
      `${TYPE}InsightsAccessGroupMembership`,
      `${TYPE}UserGroupMembership`,
    ]);
    expect(await sim.writes()).to.deep.equal([]);
  });

  it("creates every membership on up, and a second up changes nothing and writes nothing", async () => {
    await stack.up();
    expect((await sim.writes()).map((r) => r.method)).to.deep.equal(["POST", "POST", "POST"]);
    expect(await sim.memberships("access_group_memberships", `user_id=6&access_group_id=${FINANCE_REVIEWERS}`)).to.have.length(1);
    const before = (await sim.writes()).length;
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ same: 4 });
    const again = await stack.up();
    expect(all(again)).to.not.match(/[1-9]\d* (created|updated|replaced|deleted)/);
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
  });

  it("previews a change of canEdit as an update and applies it with one PUT", async () => {
    const declared = base();
    declared[1].args.canEdit = true;
    declare(declared);
    const before = (await sim.writes()).length;
    const { json } = await stack.previewJson();
    const step = (json.steps ?? []).find((s) => s.urn.endsWith("::analyst"));
    expect(step?.op).to.equal("update");
    const warning = "canEdit: true — can_edit gives the user access to all account data through classic Insights";
    expect(all(await stack.run(["preview"]))).to.contain(`InsightsAccessGroupMembership (user 7, Insights access group ${FINANCE_DASHBOARDS}): ${warning}`);
    expect(all(await stack.up())).to.contain(warning);
    expect((await sim.writes()).slice(before).map((r) => r.method)).to.deep.equal(["PUT"]);
    const [live] = await sim.memberships("insights_access_group_memberships", "user_ids=7");
    expect(live.can_edit).to.equal(true);
    // Once on, nothing warns: the warning speaks of a change, not of a state.
    expect(all(await stack.run(["preview"]))).to.not.contain("can_edit gives");
  });

  it("replaces a membership whose user changes, deleting the old one before creating the new", async () => {
    const declared = base();
    declared[1].args.canEdit = true;
    declared[2].args.userId = 29;
    declare(declared);
    const { json } = await stack.previewJson();
    const ops = (json.steps ?? []).filter((s) => s.urn.endsWith("::engineer")).map((s) => s.op);
    expect(ops).to.include("replace");
    const before = (await sim.writes()).length;
    await stack.up();
    expect((await sim.writes()).slice(before).map((r) => r.method)).to.deep.equal(["DELETE", "POST"]);
    expect(await sim.memberships("user_group_memberships", `user_ids=25&group_ids=${ENGINEERING}`)).to.deep.equal([]);
    expect(await sim.memberships("user_group_memberships", `user_ids=29&group_ids=${ENGINEERING}`)).to.have.length(1);
  });

  it("finds a membership deleted outside Pulumi on refresh, and up creates it again", async () => {
    const [live] = await sim.memberships("access_group_memberships", `user_id=6&access_group_id=${FINANCE_REVIEWERS}`);
    await sim.api("DELETE", `/access_group_memberships/${live.id}`);
    const refreshed = await stack.refresh();
    expect(all(refreshed)).to.match(/deleted/);
    await stack.up();
    expect(await sim.memberships("access_group_memberships", `user_id=6&access_group_id=${FINANCE_REVIEWERS}`)).to.have.length(1);
  });

  it("adopts a membership that already exists with no create request, then manages it", async () => {
    const [existing] = await sim.memberships("user_group_memberships", "group_ids=1");
    const declared = base();
    declared[1].args.canEdit = true;
    declared[2].args.userId = 29;
    declared.push({ type: "UserGroupMembership", name: "adopted", args: { userId: Number(existing.user_id), workspaceGroupId: 1 } });
    declare(declared);
    const before = (await sim.writes()).length;
    const up = await stack.up();
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
    expect(all(up)).to.contain(`UserGroupMembership: adopted existing membership ${existing.id}`);
    const { deployment } = await stack.exportState();
    const adopted = deployment.resources!.find((r) => r.urn.endsWith("::adopted"))!;
    expect(adopted.id).to.equal(String(existing.id));
    expect(adopted.outputs!.adopted).to.equal(true);
  });

  it("never writes the token from stack config into the exported stack, the state file or the CLI output", async () => {
    const { text } = await stack.exportState();
    expect(text).to.not.contain(ADMIN_TOKEN);
    expect(stack.stateFileText()).to.not.contain(ADMIN_TOKEN);
    const out = await stack.run(["preview", "--diff"]);
    expect(all(out)).to.not.contain(ADMIN_TOKEN);
  });

  it("keeps the token out of verbose engine logs (-v=9) when it comes from KANTATA_API_TOKEN", async () => {
    // The engine itself prints the decrypted stack config it hands to dynamic providers at -v=9
    // (README, "Secrets"); the environment variable never passes through the engine.
    const spec = path.join(path.dirname(specFile), "env-spec.json");
    writeFileSync(spec, JSON.stringify([{ type: "UserGroupMembership", name: "env-token", args: { userId: 39, workspaceGroupId: ENGINEERING } }]));
    const envStack = await PulumiStack.init({
      projectDir: PROGRAM,
      stackName: `${stackName}env`,
      env: { KANTATA_E2E_SPEC: spec, KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url },
    });
    try {
      const verbose = ["-v=9", "--logtostderr", "--logflow"];
      const up = await envStack.up(verbose);
      const preview = await envStack.run(["preview", "--diff", ...verbose]);
      const destroy = await envStack.destroy(verbose);
      const logs = all(up) + all(preview) + all(destroy);
      expect(logs.length).to.be.greaterThan(10_000);
      expect(logs).to.contain("dynamic/kantata:UserGroupMembership");
      expect(logs).to.not.contain(ADMIN_TOKEN);
      expect(envStack.stateFileText()).to.not.contain(ADMIN_TOKEN);
    } finally {
      envStack.dispose();
      rmSync(path.join(PROGRAM, `Pulumi.${stackName}env.yaml`), { force: true });
    }
  });

  it("keeps a small __provider in state that loads the installed code", async () => {
    const { deployment } = await stack.exportState();
    const memberships = deployment.resources!.filter((r) => r.type.startsWith(TYPE));
    for (const r of memberships) {
      const provider = String(r.outputs!.__provider);
      expect(provider.length).to.be.lessThan(300);
      expect(provider).to.contain("pulumi-kantata/dynamic-provider");
    }
  });

  it("runs the code of a later build for update and destroy of resources created earlier", async () => {
    // A "later build": a module that marks each load, then hands over to the installed code.
    const dir = mkdtempSync(path.join(tmpdir(), "kantata-build2-"));
    const marker = path.join(dir, "loaded");
    const module = path.join(dir, "later-build.js");
    writeFileSync(
      module,
      `require("fs").appendFileSync(${JSON.stringify(marker)}, "x");\nmodule.exports = require(${JSON.stringify(path.join(REPO_ROOT, "dist", "provider", "dynamic", "handlers.js"))});\n`,
    );
    stack.env = { ...stack.env, PULUMI_KANTATA_PROVIDER_MODULE: module };
    const declared = base();
    declared[1].args.canEdit = false;
    declared[2].args.userId = 29;
    declare(declared);
    await stack.up();
    expect(existsSync(marker)).to.equal(true);
    const [live] = await sim.memberships("insights_access_group_memberships", "user_ids=7");
    expect(live.can_edit).to.equal(false);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(module, `require("fs").appendFileSync(${JSON.stringify(marker)}, "x");\nmodule.exports = require(${JSON.stringify(path.join(REPO_ROOT, "dist", "provider", "dynamic", "handlers.js"))});\n`);
    declare([]);
    await stack.up();
    expect(existsSync(marker)).to.equal(true);
    stack.env = { ...stack.env, PULUMI_KANTATA_PROVIDER_MODULE: undefined };
    expect(await sim.memberships("user_group_memberships", "user_ids=29&group_ids=5")).to.deep.equal([]);
  });

  it("destroys every membership of the stack and leaves the rest of the account alone", async () => {
    declare(base());
    await stack.up();
    const untouched = (await sim.memberships("user_group_memberships", "group_ids=1")).length;
    await stack.destroy();
    expect(await sim.memberships("access_group_memberships", `user_id=6&access_group_id=${FINANCE_REVIEWERS}`)).to.deep.equal([]);
    expect(await sim.memberships("insights_access_group_memberships", "user_ids=7")).to.deep.equal([]);
    expect(await sim.memberships("user_group_memberships", `user_ids=25&group_ids=${ENGINEERING}`)).to.deep.equal([]);
    expect((await sim.memberships("user_group_memberships", "group_ids=1")).length).to.equal(untouched);
  });

  it("fails a bad input at preview with the provider's message and makes no request", async () => {
    declare([{ type: "AccessGroupMembership", name: "bad", args: { userId: -3, accessGroupId: FINANCE_REVIEWERS } }]);
    const before = (await sim.requests()).length;
    const out = await stack.run(["preview"], { allowFailure: true });
    expect(out.code).to.not.equal(0);
    expect(all(out)).to.contain("userId").and.contain("positive whole number, got -3");
    expect((await sim.requests()).length).to.equal(before);
  });
});
