import { expect } from "chai";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { PLAN_OUTPUT, PREVIEW_FLAG } from "../../../provider/dynamic/plan";
import { providerHooks } from "../../helpers/providerHooks";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../../helpers/simulator";

const FINANCE_REVIEWERS = 11; // custom access group, 47 members
const FINANCE_DASHBOARDS = 3; // classic Insights group: user 626 can edit, 633 cannot
const DELIVERY_ANALYTICS = 4;
const FREE_USERS = [6, 7, 25];

/**
 * `check` during a preview (the program sets the preview flag): what `pulumi up` will do with
 * each membership new to the stack, read in whole groups, and nothing read otherwise.
 */
describe("the preview of memberships new to the stack", () => {
  let sim: TestSimulator;
  let logged: string[];
  const config = () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:requestsPerSecond": "1000" });
  const hooks = (type: string) => providerHooks(type, config);
  const gets = async () => (await sim.requests()).filter((r) => r.method === "GET");
  const realLog = console.log;

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
    logged = [];
    console.log = (...args: unknown[]) => void logged.push(args.join(" "));
  });
  afterEach(() => (console.log = realLog));

  it("plans adoption with the existing id for members and creation for others, reading the group whole once, in the engine's one-at-a-time order", async () => {
    const members = (await sim.memberships("access_group_memberships", `access_group_id=${FINANCE_REVIEWERS}`)).slice(0, 20);
    await sim.reset();
    const p = hooks("AccessGroupMembership");
    const plans = [];
    for (const m of members) {
      const { inputs, failures } = await p.check({}, { userId: m.user_id, accessGroupId: FINANCE_REVIEWERS, [PREVIEW_FLAG]: true });
      expect(failures).to.deep.equal([]);
      expect(inputs).to.not.have.property(PREVIEW_FLAG);
      plans.push(inputs[PLAN_OUTPUT]);
    }
    const free = await p.check({}, { userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS, [PREVIEW_FLAG]: true });
    expect(plans.map((pl) => [pl.action, pl.membershipId, pl.writes])).to.deep.equal(members.map((m) => ["adopt", Number(m.id), 0]));
    expect(plans[0].message).to.equal(`will adopt existing membership ${members[0].id} (no write)`);
    expect(free.inputs[PLAN_OUTPUT]).to.include({ action: "create", writes: 1 });
    // The first alone (the engine checks one resource at a time), the second reads the group whole.
    expect((await gets()).map((r) => r.path)).to.deep.equal(["/api/v1/access_group_memberships", "/api/v1/access_group_memberships"]);
    expect(await sim.writes()).to.deep.equal([]);
  });

  it("reads nothing without the preview flag (an up), nor for a membership already in the stack", async () => {
    const p = hooks("AccessGroupMembership");
    const up = await p.check({}, { userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
    expect(up.inputs).to.not.have.property(PLAN_OUTPUT);
    const olds = { userId: FREE_USERS[1], accessGroupId: FINANCE_REVIEWERS };
    const existing = await p.check(olds, { ...olds, [PREVIEW_FLAG]: true });
    expect(existing.inputs).to.deep.equal(olds);
    expect(await sim.requests()).to.deep.equal([]);
  });

  it("warns about canEdit only when the adoption or the create would turn it on", async () => {
    const p = hooks("InsightsAccessGroupMembership");
    const plan = async (userId: number) =>
      (await p.check({}, { userId, insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: true, [PREVIEW_FLAG]: true })).inputs[PLAN_OUTPUT];
    const already = await plan(626);
    expect(already).to.include({ action: "adopt", writes: 0 });
    expect(logged.join("\n")).to.not.contain("can_edit gives");
    const off = await plan(633);
    expect(off).to.include({ action: "adopt", writes: 1 });
    expect(off.message).to.contain("and set canEdit: true (1 write)");
    expect(logged.join("\n")).to.contain("InsightsAccessGroupMembership (user 633, Insights access group 3): canEdit: true");
    logged = [];
    expect(await plan(FREE_USERS[0])).to.include({ action: "create" });
    expect(logged.join("\n")).to.contain(`(user ${FREE_USERS[0]}, Insights access group 3): canEdit: true`);
  });

  it("plans a failure, with the fix, for a user already in another group of a one-per-user kind", async () => {
    const p = hooks("InsightsAccessGroupMembership");
    const { inputs } = await p.check({}, { userId: 626, insightsAccessGroupId: DELIVERY_ANALYTICS, [PREVIEW_FLAG]: true });
    expect(inputs[PLAN_OUTPUT].action).to.equal("fail");
    expect(inputs[PLAN_OUTPUT].message).to.contain(`already belongs to Insights access group ${FINANCE_DASHBOARDS}`).and.contain("Fix:");
  });

  it("lets the creates of an up use the group read that their checks announced: 20 adoptions, one read, no write", async () => {
    const members = (await sim.memberships("access_group_memberships", `access_group_id=${FINANCE_REVIEWERS}`)).slice(0, 20);
    await sim.reset();
    const p = hooks("AccessGroupMembership");
    for (const m of members) await p.check({}, { userId: m.user_id, accessGroupId: FINANCE_REVIEWERS });
    const created = await Promise.all(members.map((m) => p.create({ userId: Number(m.user_id), accessGroupId: FINANCE_REVIEWERS })));
    expect(created.map((c) => c.id)).to.deep.equal(members.map((m) => String(m.id)));
    expect(created.every((c) => c.outs.adopted === true)).to.equal(true);
    expect(await gets()).to.have.length(1);
    expect(await sim.writes()).to.deep.equal([]);
    expect(logged.filter((l) => l.includes("adopted existing membership"))).to.have.length(20);
  });

  it("never adopts from a group read a membership this process deleted since", async () => {
    const [m] = await sim.memberships("access_group_memberships", `access_group_id=${FINANCE_REVIEWERS}`);
    const p = hooks("AccessGroupMembership");
    const inputs = { userId: Number(m.user_id), accessGroupId: FINANCE_REVIEWERS };
    // Only the other user is declared (a declared pair is never deleted), so the group is read whole.
    await p.check({}, { userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
    await p.create({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS }); // takes the group read
    await p.delete(String(m.id), inputs);
    expect((await sim.writes()).map((w) => w.method)).to.deep.equal(["POST", "DELETE"]);
    const again = await p.create(inputs);
    expect(again.id).to.not.equal(String(m.id));
    expect(again.outs.adopted).to.equal(false);
    expect(await sim.memberships("access_group_memberships", `user_id=${m.user_id}&access_group_id=${FINANCE_REVIEWERS}`)).to.have.length(1);
  });

  it("adopts a membership made by someone else after the group read: the create meets the duplicate and looks again", async () => {
    const p = hooks("AccessGroupMembership");
    const inputs = { userId: FREE_USERS[1], accessGroupId: FINANCE_REVIEWERS };
    await p.check({}, inputs);
    await p.check({}, { userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
    await p.create({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS }); // takes the group read
    const outside = await sim.api("POST", "/access_group_memberships", { access_group_membership: { user_id: FREE_USERS[1], access_group_id: FINANCE_REVIEWERS } });
    expect(outside.status).to.be.oneOf([200, 201]);
    const made = await p.create(inputs);
    expect(made.outs.adopted).to.equal(true);
    expect(await sim.memberships("access_group_memberships", `user_id=${FREE_USERS[1]}&access_group_id=${FINANCE_REVIEWERS}`)).to.have.length(1);
  });

  describe("of an authoritative group", () => {
    const PLANNING_LEADS = 13; // 17 members

    it("plans adopting the listed members and adding the others, from one read of the group", async () => {
      const users = (await sim.memberships("access_group_memberships", `access_group_id=${PLANNING_LEADS}`)).map((m) => Number(m.user_id));
      await sim.reset();
      const p = hooks("AccessGroupMembers");
      const { inputs, failures } = await p.check({}, { accessGroupId: PLANNING_LEADS, userIds: [...users, FREE_USERS[0]], [PREVIEW_FLAG]: true });
      expect(failures).to.deep.equal([]);
      expect(inputs).to.not.have.property(PREVIEW_FLAG);
      expect(inputs[PLAN_OUTPUT]).to.deep.equal({ action: "adopt", writes: 1, message: "will adopt 17 existing members, add 1 (1 write)" });
      expect(await gets()).to.have.length(1);
    });

    it("plans the failure, with the fix, when the group holds someone the list leaves out", async () => {
      const users = (await sim.memberships("access_group_memberships", `access_group_id=${PLANNING_LEADS}`)).map((m) => Number(m.user_id));
      const p = hooks("AccessGroupMembers");
      const { inputs } = await p.check({}, { accessGroupId: PLANNING_LEADS, userIds: users.slice(1), [PREVIEW_FLAG]: true });
      expect(inputs[PLAN_OUTPUT].action).to.equal("fail");
      expect(inputs[PLAN_OUTPUT].message).to.contain(`not in userIds: [${users[0]}]`).and.contain("Fix: add them to userIds");
    });
  });
});
