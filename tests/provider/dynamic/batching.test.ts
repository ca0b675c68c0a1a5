import { expect } from "chai";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { providerHooks, Hooks } from "../../helpers/providerHooks";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../../helpers/simulator";


/** The first `count` users from 1001 on who are not members of the workspace group. */
async function freeUsers(sim: TestSimulator, group: number, count: number): Promise<number[]> {
  const members = new Set((await sim.memberships("user_group_memberships", `group_ids=${group}`)).map((m) => Number(m.user_id)));
  const users: number[] = [];
  for (let u = 1001; users.length < count; u++) if (!members.has(u)) users.push(u);
  return users;
}

describe("coalescing concurrent calls inside the provider process", () => {
  let sim: TestSimulator;
  const hooks = (type: string) => providerHooks(type, () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:requestsPerSecond": "1000" }));

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
  });

  it("sends a lone create that check announced at once: its lookup, checks and POST wait for no batching window", async () => {
    const [userId] = await freeUsers(sim, 5, 1);
    // A window of ten minutes: had any stage waited for more calls, mocha's timeout would fail this test.
    const p = providerHooks("UserGroupMembership", () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:bulkWindowMs": "600000" }));
    const { inputs } = await p.check({}, { userId, workspaceGroupId: 5 });
    const { outs } = await p.create(inputs);
    expect(outs).to.include({ userId, workspaceGroupId: 5, adopted: false });
  });

  it("still gathers announced creates that arrive together into one bulk, each announced by its check", async () => {
    const users = await freeUsers(sim, 5, 40);
    const p = providerHooks("UserGroupMembership", () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:requestsPerSecond": "1000", "kantata:bulkWindowMs": "600000" }));
    for (const userId of users) await p.check({}, { userId, workspaceGroupId: 5 });
    await sim.reset();
    await Promise.all(users.map((userId) => p.create({ userId, workspaceGroupId: 5 })));
    expect((await sim.writes()).map((r) => r.method)).to.deep.equal(["POST"]);
  });

  it("gathers creates that each come right after their own check, as the engine hands them out when a bulk returns, into a bulk", async () => {
    const users = await freeUsers(sim, 5, 40);
    await sim.reset();
    const p = hooks("UserGroupMembership");
    const creates: Promise<unknown>[] = [];
    for (const userId of users) {
      const { inputs } = await p.check({}, { userId, workspaceGroupId: 5 });
      creates.push(p.create(inputs));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(creates);
    // Each stage once found every announced create arrived and sent it alone: 40 POSTs and 40 reads of users.
    const requests = await sim.requests();
    expect(requests.filter((r) => r.method === "POST").length, "POSTs").to.be.at.most(3);
    expect(requests.filter((r) => r.path === "/api/v1/users").length, "reads of users").to.be.at.most(3);
    expect(await sim.memberships("user_group_memberships", `group_ids=5&user_ids=${users.join(",")}`)).to.have.length(40);
  });

  it("stops waiting for announced creates that end early: the adopted and the refused leave the bulk to the others at once", async () => {
    const users = await freeUsers(sim, 5, 3);
    const [member] = await sim.memberships("user_group_memberships", "group_ids=5");
    // A window of ten minutes: had the bulk waited for the two creates that never come, mocha's timeout would fail this test.
    const p = providerHooks("UserGroupMembership", () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:bulkWindowMs": "600000" }));
    const declared = [users[0], Number(member.user_id), 999999, users[1], users[2]];
    for (const userId of declared) await p.check({}, { userId, workspaceGroupId: 5 });
    await sim.reset();
    const results = await Promise.allSettled(declared.map((userId) => p.create({ userId, workspaceGroupId: 5 })));
    expect(results.map((r) => r.status)).to.deep.equal(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((results[1] as PromiseFulfilledResult<{ outs: Record<string, unknown> }>).value.outs).to.include({ adopted: true });
    expect((await sim.writes()).map((w) => w.method)).to.deep.equal(["POST"]);
    expect(await sim.memberships("user_group_memberships", `group_ids=5&user_ids=${users.join(",")}`)).to.have.length(3);
  });

  it("sends two creates of one user beside an adoption in one bulk, in every order the engine hands them out", async () => {
    const user = 500; // holds no skill in the default fixture
    const [adopted] = await sim.memberships("skill_memberships", "by_skill_ids=2");
    const declared = [
      { userId: user, skillId: 2, level: 3 },
      { userId: user, skillId: 3 },
      { userId: Number(adopted.user_id), skillId: Number(adopted.skill_id) },
    ];
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const order of orders) {
      for (const interleaved of [false, true]) {
        await sim.reset();
        resetForTests();
        // A window of ten minutes: had any stage waited for a create that is held in another, mocha's timeout would fail this test.
        const p = providerHooks("SkillMembership", () => ({ "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:bulkWindowMs": "600000" }));
        const checked: unknown[] = [];
        const creates: Promise<unknown>[] = [];
        for (const i of order) {
          const { inputs } = await p.check({}, declared[i]);
          checked.push(inputs);
          if (interleaved) creates.push(p.create(inputs));
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        if (!interleaved) creates.push(...checked.map((inputs) => p.create(inputs)));
        await Promise.all(creates);
        const posts = (await sim.writes()).filter((w) => w.method === "POST");
        expect(posts, `POSTs, order ${order}${interleaved ? ", each create right after its check" : ""}`).to.have.length(1);
      }
    }
  });

  it("sends the create the engine checked ahead with the next round, however long that round's checks take (per-step checkpoints)", async function () {
    this.timeout(20_000);
    const users = await freeUsers(sim, 5, 44);
    await sim.reset();
    const p = hooks("UserGroupMembership");
    // A round of three creates, and the fourth checked ahead: the engine hands it out as soon as the bulk returns,
    // and goes on checking the next round.
    for (const userId of users.slice(0, 4)) await p.check({}, { userId, workspaceGroupId: 5 });
    await Promise.all(users.slice(0, 3).map((userId) => p.create({ userId, workspaceGroupId: 5 })));
    const creates: Promise<unknown>[] = [];
    // The next round: each check and its create a checkpoint write apart, 1.2 s in all. Their users are read once the
    // checks stop; meanwhile the fourth waited at the bulk stage, and went alone after 1 s before.
    for (const [i, userId] of users.slice(4).entries()) {
      const { inputs } = await p.check({}, { userId, workspaceGroupId: 5 });
      if (i === 0) creates.push(p.create({ userId: users[3], workspaceGroupId: 5 }));
      creates.push(p.create(inputs));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await Promise.all(creates);
    expect((await sim.writes()).map((w) => w.method), "POSTs: the round of three, then the other 41 together").to.deep.equal(["POST", "POST"]);
    expect(await sim.memberships("user_group_memberships", `group_ids=5&user_ids=${users.join(",")}`)).to.have.length(44);
  });

  it("creates 150 user group memberships with two bulk POSTs, each resource with its own id", async () => {
    const users = await freeUsers(sim, 5, 150);
    await sim.reset();
    const p = hooks("UserGroupMembership");
    const results = await Promise.all(users.map((userId) => p.create({ userId, workspaceGroupId: 5 })));
    const posts = (await sim.writes()).filter((r) => r.method === "POST");
    expect(posts).to.have.length(2);
    // Reads before the writes: one lookup of the pairs, one of the users, one of the group, and who the token is.
    const gets = (await sim.requests()).filter((r) => r.method === "GET").map((r) => r.path).sort();
    expect(gets).to.deep.equal(["/api/v1/user_group_memberships", "/api/v1/users", "/api/v1/users/me", "/api/v1/workspace_groups"]);
    expect(new Set(results.map((r) => r.id)).size).to.equal(150);
    results.forEach((r, i) => expect(r.outs.userId).to.equal(users[i]));
    const live = await sim.memberships("user_group_memberships", `group_ids=5&user_ids=${users.join(",")}`);
    expect(live).to.have.length(150);
  });

  it("checks the users and groups of every announced create with one read, however the creates are paced", async () => {
    const users = await freeUsers(sim, 5, 60);
    await sim.reset();
    const p = hooks("UserGroupMembership");
    for (const userId of users) await p.check({}, { userId, workspaceGroupId: 5 });
    // One create at a time, as the engine hands them out under per-step checkpoints.
    for (const userId of users.slice(0, 20)) await p.create({ userId, workspaceGroupId: 5 });
    await Promise.all(users.slice(20).map((userId) => p.create({ userId, workspaceGroupId: 5 })));
    const reads = (await sim.requests()).filter((r) => r.method === "GET").map((r) => r.path);
    expect(reads.filter((path) => path === "/api/v1/users"), "one read of the 60 users").to.have.length(1);
    expect(reads.filter((path) => path === "/api/v1/workspace_groups"), "one read of the group").to.have.length(1);
    expect(await sim.memberships("user_group_memberships", `group_ids=5&user_ids=${users.join(",")}`)).to.have.length(60);
  });

  it("fails only the membership of an unknown user, found before any write, and creates the others in one bulk", async () => {
    const users = await freeUsers(sim, 5, 3);
    const p = hooks("UserGroupMembership");
    const results = await Promise.allSettled([users[0], 999999, users[1], users[2]].map((userId) => p.create({ userId, workspaceGroupId: 5 })));
    expect(results.map((r) => r.status)).to.deep.equal(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).to.contain("user 999999 is not on this Kantata account").and.contain("Fix: check userId");
    expect(await sim.memberships("user_group_memberships", `group_ids=5&user_ids=${users.join(",")}`)).to.have.length(3);
    expect((await sim.writes()).map((w) => w.method)).to.deep.equal(["POST"]);
  });

  it("reads 250 memberships back with two only= requests", async () => {
    const existing = (await sim.memberships("user_group_memberships", "group_ids=6")).slice(0, 150);
    const more = (await sim.memberships("user_group_memberships", "group_ids=7")).slice(0, 100);
    const p = hooks("UserGroupMembership");
    const before = (await sim.requests()).length;
    const reads = await Promise.all([...existing, ...more].map((m) => p.read(String(m.id), {})));
    expect(reads.map((r) => r.id)).to.deep.equal([...existing, ...more].map((m) => String(m.id)));
    const gets = (await sim.requests()).slice(before);
    expect(gets).to.have.length(2);
    expect(gets.every((g) => g.path === "/api/v1/user_group_memberships")).to.equal(true);
  });

  it("looks up many access group creates of one group with one read of the group", async () => {
    const p = hooks("AccessGroupMembership");
    const users = [6, 7, 25, 29, 39];
    await Promise.all(users.map((userId) => p.create({ userId, accessGroupId: 11 })));
    const gets = (await sim.requests()).filter((r) => r.method === "GET").map((r) => `${r.path}`);
    expect(gets.sort()).to.deep.equal(["/api/v1/access_group_memberships", "/api/v1/access_groups", "/api/v1/users", "/api/v1/users/me"]);
    expect((await sim.writes()).filter((r) => r.method === "POST")).to.have.length(5);
  });
});
