import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
const GROUP = 13; // Resource Planning Leads, a custom access group of 17 members

/**
 * A membership that moves from one resource to another in one `pulumi up` — a rename, an
 * authoritative group split into single memberships or the reverse — is never removed: the
 * engine deletes the old resource after the new one has claimed the pair.
 */
describe("memberships that move to another resource of the program", function () {
  let sim: TestSimulator;
  let stack: PulumiStack;
  let specFile: string;
  let members: number[];
  const declare = (resources: unknown[]) => writeFileSync(specFile, JSON.stringify(resources));
  const live = async () => (await sim.memberships("access_group_memberships", `access_group_id=${GROUP}`)).map((m) => Number(m.user_id)).sort((a, b) => a - b);
  const deletes = async (since: number) => (await sim.writes()).slice(since).filter((w) => w.method === "DELETE");
  const names = async () => (await stack.exportState()).deployment.resources!.filter((r) => r.type.includes("kantata:")).map((r) => r.urn.split("::").pop()).sort();

  before(async () => {
    sim = await startTestSimulator();
    members = await live();
    specFile = path.join(mkdtempSync(path.join(tmpdir(), "kantata-moved-")), "spec.json");
    stack = await PulumiStack.init({
      projectDir: PROGRAM,
      stackName: `moved${process.pid}`,
      env: { KANTATA_E2E_SPEC: specFile, KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url },
    });
  });
  after(async () => {
    stack?.killAll();
    stack?.dispose();
    await sim?.close();
  });

  it("keeps the member when a single membership is renamed", async () => {
    declare([{ type: "AccessGroupMembership", name: "old-name", args: { userId: 6, accessGroupId: GROUP } }]);
    await stack.up();
    const before = (await sim.writes()).length;
    declare([{ type: "AccessGroupMembership", name: "new-name", args: { userId: 6, accessGroupId: GROUP } }]);
    const up = await stack.up();
    expect(await deletes(before)).to.deep.equal([]);
    expect(await live()).to.deep.equal([...members, 6].sort((a, b) => a - b));
    expect(await names()).to.deep.equal(["new-name"]);
    expect(up.stdout + up.stderr).to.contain("declared by another resource of the program; left in place");
  });

  it("keeps everyone when single memberships become one authoritative group resource", async () => {
    const all = [...members, 6].sort((a, b) => a - b);
    declare(all.map((u) => ({ type: "AccessGroupMembership", name: `m-${u}`, args: { userId: u, accessGroupId: GROUP } })));
    await stack.up(["--parallel", "32"]);
    const before = (await sim.writes()).length;
    declare([{ type: "AccessGroupMembers", name: "leads", args: { accessGroupId: GROUP, userIds: all } }]);
    await stack.up(["--parallel", "32"]);
    expect(await deletes(before)).to.deep.equal([]);
    expect(await live()).to.deep.equal(all);
    expect(await names()).to.deep.equal(["leads"]);
  });

  it("keeps everyone when an authoritative group resource becomes single memberships", async () => {
    const all = [...members, 6].sort((a, b) => a - b);
    const before = (await sim.writes()).length;
    declare(all.map((u) => ({ type: "AccessGroupMembership", name: `m-${u}`, args: { userId: u, accessGroupId: GROUP } })));
    await stack.up(["--parallel", "32"]);
    expect(await deletes(before)).to.deep.equal([]);
    expect(await live()).to.deep.equal(all);
  });

  it("still removes a membership that the program no longer declares anywhere, and destroy removes the rest", async () => {
    const all = [...members, 6].sort((a, b) => a - b);
    declare(all.filter((u) => u !== 6).map((u) => ({ type: "AccessGroupMembership", name: `m-${u}`, args: { userId: u, accessGroupId: GROUP } })));
    const before = (await sim.writes()).length;
    await stack.up(["--parallel", "32"]);
    expect((await deletes(before)).length).to.equal(1);
    expect(await live()).to.deep.equal(members);
    await stack.destroy(["--parallel", "32"]);
    expect(await live()).to.deep.equal([]);
  });

  it("removes what it lists on `pulumi destroy --run-program` too, although the program still declares it", async () => {
    declare([{ type: "AccessGroupMembership", name: "kept", args: { userId: 6, accessGroupId: GROUP } }]);
    await stack.up();
    expect(await live()).to.include(6);
    await stack.destroy(["--run-program"]);
    expect(await live()).to.not.include(6);
  });
});
