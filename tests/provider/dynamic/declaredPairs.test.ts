import { expect } from "chai";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { providerHooks } from "../../helpers/providerHooks";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../../helpers/simulator";

describe("a delete of a pair the program still declares elsewhere", () => {
  let sim: TestSimulator;
  const config = () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:requestsPerSecond": "1000" });

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
  });

  it("leaves a single membership in place once another resource's check declared the same pair", async () => {
    const p = providerHooks("UserGroupMembership", config);
    const { id, outs } = await p.create({ userId: 1501, workspaceGroupId: 5 });
    await p.check({}, { userId: "1501", workspaceGroupId: 5 });
    const before = (await sim.writes()).length;
    await p.delete(id, outs);
    expect((await sim.writes()).slice(before)).to.deep.equal([]);
    expect(await sim.memberships("user_group_memberships", "user_ids=1501&group_ids=5")).to.have.length(1);
  });

  it("still deletes a pair no resource declares, and a pair declared in another group or collection", async () => {
    const p = providerHooks("UserGroupMembership", config);
    const { id, outs } = await p.create({ userId: 1501, workspaceGroupId: 5 });
    await p.check({}, { userId: 1501, workspaceGroupId: 6 });
    await providerHooks("AccessGroupMembership", config).check({}, { userId: 1501, accessGroupId: 5 });
    await p.delete(id, outs);
    expect(await sim.memberships("user_group_memberships", "user_ids=1501&group_ids=5")).to.have.length(0);
  });

  it("keeps the members of an authoritative group that single memberships of the program now declare", async () => {
    const group = providerHooks("AccessGroupMembers", config);
    const members = (await sim.memberships("access_group_memberships", "access_group_id=13")).map((m) => Number(m.user_id)).sort((a, b) => a - b);
    const { outs } = await group.create({ accessGroupId: 13, userIds: members });
    await providerHooks("AccessGroupMembership", config).check({}, { userId: members[0], accessGroupId: 13 });
    await group.delete("13", outs);
    expect((await sim.memberships("access_group_memberships", "access_group_id=13")).map((m) => Number(m.user_id))).to.deep.equal([members[0]]);
  });
});
