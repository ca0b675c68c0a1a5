import { expect } from "chai";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { providerHooks } from "../../helpers/providerHooks";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../../helpers/simulator";

// Users of the default fixture beyond the first 120 hold no skill.
const FREE_USERS = [500, 501, 502, 503, 504, 505];
const PYTHON = 2; // max_level 5
const PMP = 8; // max_level 1: a skill without levels

describe("SkillMembership (descriptor only) against the simulator", function () {
  let sim: TestSimulator;
  let config: Record<string, string>;
  const hooks = () => providerHooks("SkillMembership", () => config);

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
    config = { "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:maxRetries": "3" };
  });

  it("creates a membership with its level in the one POST, and outputs the skill's name and max level", async () => {
    const { id, outs } = await hooks().create({ userId: FREE_USERS[0], skillId: PYTHON, level: 4 });
    expect(outs).to.include({ userId: FREE_USERS[0], skillId: PYTHON, level: 4, skillName: "Python", maxLevel: 5, adopted: false });
    expect((await sim.writes()).map((r) => `${r.method} ${r.path}`)).to.deep.equal(["POST /api/v1/skill_memberships"]);
    const [live] = await sim.memberships("skill_memberships", `user_ids=${FREE_USERS[0]}`);
    expect(live).to.include({ id, level: 4 });
  });

  it("leaves the level to Kantata when it is not declared (Kantata stores 0)", async () => {
    const { outs } = await hooks().create({ userId: FREE_USERS[0], skillId: PYTHON });
    expect(outs.level).to.equal(0);
    expect((await sim.writes()).map((r) => r.method)).to.deep.equal(["POST"]);
  });

  it("changes the level in place with one PUT; a change of user or skill replaces", async () => {
    const p = hooks();
    const { id, outs } = await p.create({ userId: FREE_USERS[0], skillId: PYTHON, level: 2 });
    const olds = { ...outs };
    expect(await p.diff(id, olds, { userId: FREE_USERS[0], skillId: PYTHON, level: 5 })).to.deep.include({ changes: true, replaces: [] });
    expect((await p.diff(id, olds, { userId: FREE_USERS[0], skillId: 3, level: 2 })).replaces).to.deep.equal(["skillId"]);
    expect(await p.diff(id, olds, { userId: FREE_USERS[0], skillId: PYTHON, level: 2 })).to.deep.include({ changes: false });
    const before = (await sim.writes()).length;
    const updated = await p.update(id, olds, { userId: FREE_USERS[0], skillId: PYTHON, level: 5 });
    expect(updated.outs.level).to.equal(5);
    expect((await sim.writes()).slice(before).map((r) => `${r.method} ${r.path}`)).to.deep.equal([`PUT /api/v1/skill_memberships/${id}`]);
  });

  it("refuses a level above the skill's max_level before any write, naming the fix", async () => {
    let error: Error | undefined;
    try {
      await hooks().create({ userId: FREE_USERS[0], skillId: PMP, level: 3 });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.contain("level 3 is above max_level 1 of skill 8 (PMP Certification)").and.contain("Fix: set level to at most 1");
    expect(await sim.writes()).to.deep.equal([]);
  });

  it("refuses a level that is not a whole number from 1 to 5 at check, naming the field", async () => {
    for (const level of [0, 6, 2.5, "3", true]) {
      const { failures } = await hooks().check({}, { userId: FREE_USERS[0], skillId: PYTHON, level });
      expect(failures, String(level)).to.have.length(1);
      expect(failures[0].property).to.equal("level");
      expect(failures[0].reason).to.contain("must be a whole number from 1 to 5").and.contain("Fix: set level to");
    }
    expect((await hooks().check({}, { userId: FREE_USERS[0], skillId: PYTHON, level: 5 })).failures).to.deep.equal([]);
  });

  it("fails the check of a user's 201st declared skill, before any request (Kantata allows 200)", async () => {
    const p = hooks();
    for (let skillId = 1; skillId <= 200; skillId++) {
      expect((await p.check({}, { userId: FREE_USERS[0], skillId })).failures, String(skillId)).to.deep.equal([]);
    }
    // The same membership declared again (a rename) does not count twice.
    expect((await p.check({}, { userId: FREE_USERS[0], skillId: 200 })).failures).to.deep.equal([]);
    const { failures } = await p.check({}, { userId: FREE_USERS[0], skillId: 201 });
    expect(failures).to.have.length(1);
    expect(failures[0].reason).to.contain("the program declares 201 SkillMemberships of user 500; Kantata allows at most 200 per user");
    expect(await sim.requests()).to.deep.equal([]);
  });

  it("adopts a skill the user already holds: no write when the level is not declared, one PUT when it differs", async () => {
    const [first, second] = await sim.memberships("skill_memberships", `by_skill_ids=${PYTHON}`);
    const p = hooks();
    const adopted = await p.create({ userId: Number(first.user_id), skillId: PYTHON });
    expect(adopted).to.deep.include({ id: first.id });
    expect(adopted.outs).to.include({ adopted: true, level: first.level });
    expect(await sim.writes()).to.deep.equal([]);
    const level = second.level === 5 ? 1 : 5;
    const again = await p.create({ userId: Number(second.user_id), skillId: PYTHON, level });
    expect(again.outs).to.include({ adopted: true, level });
    expect((await sim.writes()).map((r) => `${r.method} ${r.path}`)).to.deep.equal([`PUT /api/v1/skill_memberships/${second.id}`]);
  });

  it("sends creates that arrive together as one bulk POST, each with its own level", async () => {
    const p = hooks();
    const results = await Promise.all(FREE_USERS.map((userId, i) => p.create({ userId, skillId: PYTHON, level: 1 + (i % 5) })));
    expect(results.map((r) => r.outs.level)).to.deep.equal(FREE_USERS.map((_, i) => 1 + (i % 5)));
    expect((await sim.writes()).map((r) => r.method)).to.deep.equal(["POST"]);
  });

  it("reads the live level on refresh, and a deleted membership as gone", async () => {
    const p = hooks();
    const { id, outs } = await p.create({ userId: FREE_USERS[0], skillId: PYTHON, level: 2 });
    await sim.api("PUT", `/skill_memberships/${id}`, { skill_membership: { level: 3 } });
    const read = await p.read(id, outs);
    expect(read.props.level).to.equal(3);
    expect(read.inputs).to.include({ level: 3 });
    await p.delete(id, outs);
    expect(await p.read(id, outs)).to.deep.equal({});
  });
});

describe("SkillMembers (the authoritative resource, from the same descriptor) against the simulator", function () {
  let sim: TestSimulator;
  const SKILL = 8; // PMP Certification, a skill without levels
  const hooks = () => providerHooks("SkillMembers", () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:requestsPerSecond": "1000" }));
  const holders = async () => (await sim.memberships("skill_memberships", `by_skill_ids=${SKILL}`)).map((m) => Number(m.user_id)).sort((a, b) => a - b);

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
  });

  it("adds the listed users in one bulk POST, keeps the holders it lists, and removes only those it is told to", async () => {
    const current = await holders();
    expect(current.length).to.be.greaterThan(2);
    const p = hooks();
    const err = await p.create({ skillId: SKILL, userIds: current.slice(1) }).catch((e: Error) => e);
    expect(err.message).to.contain(`not in userIds: [${current[0]}]`);
    expect(await sim.writes()).to.deep.equal([]);
    const { outs } = await p.create({ skillId: SKILL, userIds: [...current, ...FREE_USERS] });
    expect((await sim.writes()).map((w) => w.method)).to.deep.equal(["POST"]);
    expect(await holders()).to.deep.equal(outs.userIds);
    const news = { skillId: SKILL, userIds: current.slice(1) };
    const before = (await sim.writes()).length;
    await p.update(String(SKILL), outs, news);
    expect((await sim.writes()).slice(before).map((w) => w.method)).to.deep.equal(Array(FREE_USERS.length + 1).fill("DELETE"));
    expect(await holders()).to.deep.equal(current.slice(1));
  });
});
