import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
const REVIEWERS = 11;

/**
 * What pulumi-kantata 0.1 stored in `__provider`: @pulumi/pulumi's serialization of a `configure`
 * closure, byte for byte as a 0.1 stack's state holds it. Later versions store a one-line text.
 */
const storedBy01 = (typeName: string) => `exports.handler = __f0;

var __provider = {configure: __f1};

function __f1(__0) {
  return (function() {
    with({ typeName: ${JSON.stringify(typeName)}, this: undefined, arguments: undefined }) {

return function /*configure*/(req) {
            const m = process.env.PULUMI_KANTATA_PROVIDER_MODULE || require("module").createRequire(process.cwd() + "/_").resolve("pulumi-kantata/dynamic-provider");
            require(m).attach(this, typeName, req.config);
        };

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f0() {
  return (function() {
    with({ provider: __provider, this: undefined, arguments: undefined }) {

return () => provider;

    }
  }).apply(undefined, undefined).apply(this, arguments);
}
`;

/**
 * A stack whose state an earlier version wrote: its resources keep their old `__provider` until
 * something changes, so every hook must run from either text, and the new text must not read as a
 * change of the resource.
 */
describe("a stack written by pulumi-kantata 0.1, driven by this version", function () {
  let sim: TestSimulator;
  let stack: PulumiStack;
  let specFile: string;
  const stackName = `upgrade${process.pid}`;
  let reviewers: number[];
  const declared = () => [
    { type: "UserGroupMembership", name: "engineer", args: { userId: 25, workspaceGroupId: 5 } },
    { type: "InsightsAccessGroupMembership", name: "analyst", args: { userId: 7, insightsAccessGroupId: 3, canEdit: false } },
    { type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: REVIEWERS, userIds: reviewers } },
  ];

  before(async () => {
    sim = await startTestSimulator();
    reviewers = [...(await sim.memberships("access_group_memberships", `access_group_id=${REVIEWERS}`)).map((m) => Number(m.user_id)), 39];
    specFile = path.join(mkdtempSync(path.join(tmpdir(), "kantata-upgrade-")), "spec.json");
    writeFileSync(specFile, JSON.stringify(declared()));
    stack = await PulumiStack.init({ projectDir: PROGRAM, stackName, env: { KANTATA_E2E_SPEC: specFile, KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url } });
    await stack.up();
    // Turn the state into what 0.1 wrote: every resource's __provider, in inputs and outputs, the old serialization.
    const { deployment } = await stack.exportState();
    let rewritten = 0;
    for (const r of deployment.resources ?? []) {
      if (!r.type.startsWith("pulumi-nodejs:dynamic/kantata:")) continue;
      const old = storedBy01(r.type.split(":").pop()!);
      (r.inputs as Record<string, unknown>).__provider = old;
      (r.outputs as Record<string, unknown>).__provider = old;
      rewritten++;
    }
    expect(rewritten).to.equal(declared().length);
    const file = path.join(path.dirname(specFile), "state.json");
    writeFileSync(file, JSON.stringify({ version: 3, deployment }));
    await stack.run(["stack", "import", "--file", file]);
  });
  after(async () => {
    stack?.killAll();
    stack?.dispose();
    rmSync(path.join(PROGRAM, `Pulumi.${stackName}.yaml`), { force: true });
    await sim?.close();
  });

  it("previews no change and makes no write on up, although the stored provider text differs", async () => {
    const before = (await sim.writes()).length;
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ same: declared().length + 1 });
    await stack.up();
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
  });

  it("refreshes through the old text and finds a membership deleted outside Pulumi", async () => {
    const { deployment } = await stack.exportState();
    const engineer = deployment.resources!.find((r) => r.urn.endsWith("::engineer"))!;
    expect(String((engineer.outputs as Record<string, unknown>).__provider)).to.contain("with({ typeName");
    await sim.api("DELETE", `/user_group_memberships/${engineer.id}`);
    await stack.refresh();
    const after = await stack.exportState();
    expect(after.deployment.resources!.some((r) => r.urn.endsWith("::engineer"))).to.equal(false);
    await stack.up();
    expect(await sim.memberships("user_group_memberships", "user_ids=25&group_ids=5")).to.have.length(1);
  });

  it("destroys what the old text manages", async () => {
    expect(await sim.memberships("access_group_memberships", `access_group_id=${REVIEWERS}`)).to.have.length(reviewers.length);
    await stack.destroy();
    expect(await sim.memberships("user_group_memberships", "user_ids=25&group_ids=5")).to.deep.equal([]);
    expect(await sim.memberships("insights_access_group_memberships", "user_ids=7")).to.deep.equal([]);
    expect(await sim.memberships("access_group_memberships", `access_group_id=${REVIEWERS}`)).to.deep.equal([]);
  });
});
