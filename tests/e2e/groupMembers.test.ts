import { expect } from "chai";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");

/** "This group has exactly these users", through the real engine against the simulator. */
describe("authoritative group resources under the real engine", function () {
  let sim: TestSimulator;
  let stack: PulumiStack;
  let specFile: string;
  const GROUP = 11; // Finance Reviewers, a custom access group
  let members: number[];
  const declare = (resources: unknown[]) => writeFileSync(specFile, JSON.stringify(resources));
  const live = async () => (await sim.memberships("access_group_memberships", `access_group_id=${GROUP}`)).map((m) => Number(m.user_id)).sort((a, b) => a - b);
  const all = (out: { stdout: string; stderr: string }) => out.stdout + out.stderr;

  before(async () => {
    sim = await startTestSimulator();
    members = await live();
    specFile = path.join(mkdtempSync(path.join(tmpdir(), "kantata-members-")), "spec.json");
    stack = await PulumiStack.init({
      projectDir: PROGRAM,
      stackName: `members${process.pid}`,
      env: { KANTATA_E2E_SPEC: specFile, KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url },
    });
  });
  after(async () => {
    stack?.killAll();
    stack?.dispose();
    await sim?.close();
  });

  it("refuses to take over a group whose members are not all listed, naming them, with no write", async () => {
    declare([{ type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: members.slice(1) } }]);
    const out = await stack.up([], { allowFailure: true });
    expect(out.code).to.not.equal(0);
    expect(all(out)).to.contain(`has 1 member(s) not in userIds: [${members[0]}]`).and.contain("removeUnlistedMembers: true");
    expect(await sim.writes()).to.deep.equal([]);
  });

  it("takes over a fully listed group with no write, and previews joins and leaves as an update of the sorted list", async () => {
    declare([{ type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: members } }]);
    await stack.up();
    expect(await sim.writes()).to.deep.equal([]);
    declare([{ type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: [...members.slice(1), 6, 7] } }]);
    const { json } = await stack.previewJson(["--diff"]);
    expect((json.steps ?? []).find((s) => s.urn.endsWith("::reviewers"))?.op).to.equal("update");
    const diff = await stack.run(["preview", "--diff"]);
    expect(all(diff)).to.match(/userIds/);
  });

  it("applies joins with one request each and leaves with one request each", async () => {
    const before = (await sim.writes()).length;
    await stack.up();
    expect((await sim.writes()).slice(before).map((w) => w.method).sort()).to.deep.equal(["DELETE", "POST", "POST"]);
    expect(await live()).to.deep.equal([...members.slice(1), 6, 7].sort((a, b) => a - b));
  });

  const reviewers = async () => (await stack.exportState()).deployment.resources!.find((r) => r.urn.endsWith("::reviewers"))!;
  const listed = () => [...members.slice(1), 6, 7].sort((a, b) => a - b);

  it("keeps a member added outside Pulumi through refresh and up, showing them as unlistedMemberIds and in a warning", async () => {
    await sim.api("POST", "/access_group_memberships", { access_group_membership: { user_id: 25, access_group_id: GROUP } });
    await stack.refresh();
    const state = await reviewers();
    expect(state.outputs!.userIds).to.deep.equal(listed());
    expect(state.outputs!.unlistedMemberIds).to.deep.equal([25]);
    const preview = await stack.run(["preview", "--diff"]);
    expect(all(preview)).to.contain("25").and.contain("not in userIds").and.contain("removeUnlistedMembers: true");
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ same: 2 });
    const before = (await sim.writes()).length;
    await stack.up();
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
    expect(await live()).to.include(25);
  });

  it("keeps a member added outside Pulumi through `pulumi up --refresh`", async () => {
    await sim.api("POST", "/access_group_memberships", { access_group_membership: { user_id: 30, access_group_id: GROUP } });
    const before = (await sim.writes()).length;
    await stack.up(["--refresh"]);
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
    expect(await live()).to.include.members([25, 30]);
    expect((await reviewers()).outputs!.unlistedMemberIds).to.deep.equal([25, 30]);
  });

  it("refuses a change of the list while unlisted members are in the group, removing nobody", async () => {
    declare([{ type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: [...listed(), 29] } }]);
    const before = (await sim.writes()).length;
    const out = await stack.up([], { allowFailure: true });
    expect(out.code).to.not.equal(0);
    expect(all(out)).to.contain("has 2 member(s) not in userIds: [25, 30]");
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
  });

  it("adopts members added outside Pulumi into the list with no write", async () => {
    declare([{ type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: [...listed(), 25, 30] } }]);
    const before = (await sim.writes()).length;
    await stack.up();
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
    const state = await reviewers();
    expect(state.outputs!.userIds).to.deep.equal([...listed(), 25, 30].sort((a, b) => a - b));
    expect(state.outputs!.unlistedMemberIds).to.deep.equal([]);
  });

  it("removes members added outside Pulumi only once removeUnlistedMembers is set, and only them", async () => {
    await sim.api("POST", "/access_group_memberships", { access_group_membership: { user_id: 29, access_group_id: GROUP } });
    await stack.refresh();
    const kept = [...listed(), 25, 30].sort((a, b) => a - b);
    declare([{ type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: kept, removeUnlistedMembers: true } }]);
    const before = (await sim.writes()).length;
    await stack.up();
    expect((await sim.writes()).slice(before).map((w) => w.method)).to.deep.equal(["DELETE"]);
    expect(await live()).to.deep.equal(kept);
  });

  it("refuses one program that manages a group both as a whole and one membership at a time", async () => {
    declare([
      { type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: [...listed(), 25, 30] } },
      { type: "AccessGroupMembership", name: "single", args: { userId: 29, accessGroupId: GROUP } },
    ]);
    const before = (await sim.requests()).length;
    const out = await stack.run(["preview"], { allowFailure: true });
    expect(out.code).to.not.equal(0);
    expect(all(out)).to.contain(`AccessGroupMembers "reviewers" manages access group ${GROUP} as a whole`).and.contain("would undo each other");
    expect((await sim.requests()).slice(before).filter((r) => r.method !== "GET")).to.deep.equal([]);
  });

  it("removes exactly its users on destroy, after a refresh too, and no one else", async () => {
    declare([{ type: "AccessGroupMembers", name: "reviewers", args: { accessGroupId: GROUP, userIds: [...listed(), 25, 30] } }]);
    await stack.up();
    await sim.api("POST", "/access_group_memberships", { access_group_membership: { user_id: 29, access_group_id: GROUP } });
    await stack.refresh();
    await stack.destroy();
    expect(await live()).to.deep.equal([29]);
  });
});
