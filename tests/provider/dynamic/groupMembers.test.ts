import { expect } from "chai";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { providerHooks, Hooks } from "../../helpers/providerHooks";
import { checkGroupMembersInputs } from "../../../provider/dynamic/groupMembersInputs";
import { userGroupMembership } from "../../../provider/descriptors";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../../helpers/simulator";


describe("checkGroupMembersInputs", () => {
  it("sorts userIds and normalises numeric strings", () => {
    const { inputs, failures } = checkGroupMembersInputs("WorkspaceGroupMembers", userGroupMembership, { workspaceGroupId: "5", userIds: [30, "4", 12] });
    expect(failures).to.deep.equal([]);
    expect(inputs).to.deep.equal({ workspaceGroupId: 5, userIds: [4, 12, 30] });
  });

  it("refuses a user listed twice, naming both places", () => {
    const { failures } = checkGroupMembersInputs("WorkspaceGroupMembers", userGroupMembership, { workspaceGroupId: 5, userIds: [4, 9, "4"] });
    expect(failures).to.deep.equal([
      { property: "userIds[2]", reason: "WorkspaceGroupMembers lists user 4 twice (userIds[0] and userIds[2]). Fix: list each user once." },
    ]);
  });

  it("refuses a missing list, a bad id and an unknown argument", () => {
    const { failures } = checkGroupMembersInputs("WorkspaceGroupMembers", userGroupMembership, { workspaceGroupId: 0, users: [1] });
    expect(failures.map((f) => f.property).sort()).to.deep.equal(["userIds", "users", "workspaceGroupId"]);
  });
});

describe("WorkspaceGroupMembers hooks against the simulator", () => {
  let sim: TestSimulator;
  let p: Hooks;
  const GROUP = 5;
  let current: number[];

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
    p = providerHooks("WorkspaceGroupMembers", () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:requestsPerSecond": "1000" }));
    current = (await sim.memberships("user_group_memberships", `group_ids=${GROUP}`)).map((m) => Number(m.user_id)).sort((a, b) => a - b);
  });

  const liveUsers = async () => (await sim.memberships("user_group_memberships", `group_ids=${GROUP}`)).map((m) => Number(m.user_id)).sort((a, b) => a - b);
  const freeUsers = (n: number) => {
    const out: number[] = [];
    for (let u = 1500; out.length < n; u++) if (!current.includes(u)) out.push(u);
    return out;
  };

  it("refuses to create over members it was not told about, listing them and the fix, with no write", async () => {
    const err = await p.create({ workspaceGroupId: GROUP, userIds: current.slice(1) }).catch((e: Error) => e);
    expect(err.message).to.contain(`has 1 member(s) not in userIds: [${current[0]}]`).and.contain("removeUnlistedMembers: true");
    expect(await sim.writes()).to.deep.equal([]);
  });

  it("adds the missing users with bulk requests and keeps the rest", async () => {
    const joiners = freeUsers(150);
    const { id, outs } = await p.create({ workspaceGroupId: GROUP, userIds: [...current, ...joiners] });
    expect(id).to.equal(String(GROUP));
    expect(outs.userIds).to.deep.equal([...current, ...joiners].sort((a, b) => a - b));
    expect((await sim.writes()).map((w) => w.method)).to.deep.equal(["POST", "POST"]);
    expect(await liveUsers()).to.deep.equal(outs.userIds);
  });

  it("removes unlisted members when removeUnlistedMembers is true", async () => {
    const keep = current.slice(0, 3);
    await p.create({ workspaceGroupId: GROUP, userIds: keep, removeUnlistedMembers: true });
    expect(await liveUsers()).to.deep.equal(keep);
    expect((await sim.writes()).filter((w) => w.method === "DELETE")).to.have.length(current.length - 3);
  });

  it("applies joins and leaves of an updated list, and an unchanged list makes no request", async () => {
    const { outs } = await p.create({ workspaceGroupId: GROUP, userIds: current });
    const [join] = freeUsers(1);
    const news = { workspaceGroupId: GROUP, userIds: [...current.slice(1), join].sort((a, b) => a - b) };
    expect(await p.diff(String(GROUP), outs, news)).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
    const before = (await sim.writes()).length;
    const { outs: after } = await p.update(String(GROUP), outs, news);
    expect((await sim.writes()).slice(before).map((w) => w.method).sort()).to.deep.equal(["DELETE", "POST"]);
    expect(await liveUsers()).to.deep.equal(after.userIds);
    expect(await p.diff(String(GROUP), after, news)).to.deep.equal({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("reads members added outside Pulumi into unlistedMemberIds, never into userIds", async () => {
    const { outs } = await p.create({ workspaceGroupId: GROUP, userIds: current });
    expect(outs.unlistedMemberIds).to.deep.equal([]);
    const [intruder] = freeUsers(1);
    await sim.api("POST", "/user_group_memberships", { user_group_membership: { user_id: intruder, workspace_group_id: GROUP } });
    const read = await p.read(String(GROUP), outs);
    expect(read.inputs.userIds).to.deep.equal(current);
    expect(read.props.userIds).to.deep.equal(current);
    expect(read.props.unlistedMemberIds).to.deep.equal([intruder]);
  });

  it("removes nobody when the program is unchanged after a refresh found an outsider, and warns with the fix", async () => {
    const { outs } = await p.create({ workspaceGroupId: GROUP, userIds: current });
    const [intruder] = freeUsers(1);
    await sim.api("POST", "/user_group_memberships", { user_group_membership: { user_id: intruder, workspace_group_id: GROUP } });
    const read = await p.read(String(GROUP), outs);
    const news = { workspaceGroupId: GROUP, userIds: current };
    const logs: string[] = [];
    const log = console.log;
    console.log = (m: string) => void logs.push(m);
    const diff = await p.diff(String(GROUP), read.props, news).finally(() => (console.log = log));
    expect(diff.changes).to.equal(false);
    expect(logs.join("\n")).to.contain(`not in userIds: [${intruder}]`).and.contain("removeUnlistedMembers: true");
    const before = (await sim.writes()).length;
    await p.update(String(GROUP), read.props, news);
    await p.delete(String(GROUP), read.props);
    expect((await sim.writes()).slice(before).filter((w) => w.method === "DELETE")).to.have.length(current.length);
    expect(await liveUsers()).to.deep.equal([intruder]);
  });

  it("refuses a change of the list while an outsider is in the group, and removes them once asked", async () => {
    const { outs } = await p.create({ workspaceGroupId: GROUP, userIds: current });
    const [intruder] = freeUsers(1);
    await sim.api("POST", "/user_group_memberships", { user_group_membership: { user_id: intruder, workspace_group_id: GROUP } });
    const read = await p.read(String(GROUP), outs);
    const err = await p.update(String(GROUP), read.props, { workspaceGroupId: GROUP, userIds: current.slice(1) }).catch((e: Error) => e);
    expect(err.message).to.contain(`not in userIds: [${intruder}]`);
    const asked = { workspaceGroupId: GROUP, userIds: current, removeUnlistedMembers: true };
    expect((await p.diff(String(GROUP), read.props, asked)).changes).to.equal(true);
    const before = (await sim.writes()).length;
    const { outs: after } = await p.update(String(GROUP), read.props, asked);
    expect((await sim.writes()).slice(before).map((w) => w.method)).to.deep.equal(["DELETE"]);
    expect(after.unlistedMemberIds).to.deep.equal([]);
    expect(await liveUsers()).to.deep.equal(current);
  });

  it("drops a member removed outside Pulumi from userIds on read, so the next update adds them again", async () => {
    const { outs } = await p.create({ workspaceGroupId: GROUP, userIds: current });
    const [gone] = await sim.memberships("user_group_memberships", `group_ids=${GROUP}&user_ids=${current[0]}`);
    await sim.api("DELETE", `/user_group_memberships/${gone.id}`);
    const read = await p.read(String(GROUP), outs);
    expect(read.props.userIds).to.deep.equal(current.slice(1));
    const news = { workspaceGroupId: GROUP, userIds: current };
    expect((await p.diff(String(GROUP), read.props, news)).changes).to.equal(true);
    await p.update(String(GROUP), read.props, news);
    expect(await liveUsers()).to.deep.equal(current);
  });

  it("replaces when the group changes and reads a whole group in pages of 200", async () => {
    expect((await p.diff("5", { workspaceGroupId: 5, userIds: [] }, { workspaceGroupId: 6, userIds: [] })).replaces).to.deep.equal(["workspaceGroupId"]);
    const before = (await sim.requests()).length;
    const read = await p.read("6", { workspaceGroupId: 6, userIds: [] });
    expect(read.props.userIds).to.deep.equal([]);
    expect(read.props.unlistedMemberIds.length).to.be.greaterThan(200);
    expect((await sim.requests()).length - before).to.equal(Math.ceil(read.props.unlistedMemberIds.length / 200));
  });

  it("removes only the users it declared on delete", async () => {
    const { outs } = await p.create({ workspaceGroupId: GROUP, userIds: current });
    const [intruder] = freeUsers(1);
    await sim.api("POST", "/user_group_memberships", { user_group_membership: { user_id: intruder, workspace_group_id: GROUP } });
    await p.delete(String(GROUP), outs);
    expect(await liveUsers()).to.deep.equal([intruder]);
  });
});
