import { expect } from "chai";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { providerHooks, Hooks } from "../../helpers/providerHooks";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN, MEMBER_TOKEN } from "../../helpers/simulator";


// Users of the default fixture with no Insights, workspace-group or custom access-group membership.
const FREE_USERS = [6, 7, 25, 29, 39, 60, 62, 64];
const FINANCE_REVIEWERS = 11; // custom access group
const FINANCE_DASHBOARDS = 3; // custom classic Insights group
const DELIVERY_ANALYTICS = 4;
const ENGINEERING = 5; // workspace group

describe("provider hooks against the simulator", function () {
  let sim: TestSimulator;
  let config: Record<string, string>;

  const hooks = (typeName: string) => providerHooks(typeName, () => config);

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
    config = { "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:maxRetries": "3" };
  });

  describe("create", () => {
    it("creates an access group membership with one POST and returns camelCased outputs", async () => {
      const p = hooks("AccessGroupMembership");
      const { id, outs } = await p.create({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
      expect(id).to.match(/^\d+$/);
      expect(outs).to.include({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS, accessGroupName: "Finance Reviewers", adopted: false });
      expect(outs.createdAt).to.be.a("string");
      expect((await sim.writes()).map((r) => r.method)).to.deep.equal(["POST"]);
      const live = await sim.memberships("access_group_memberships", `user_id=${FREE_USERS[0]}&access_group_id=${FINANCE_REVIEWERS}`);
      expect(live.map((m) => String(m.id))).to.deep.equal([id]);
    });

    it("never puts names or emails of users into outputs", async () => {
      const { outs } = await hooks("UserGroupMembership").create({ userId: FREE_USERS[1], workspaceGroupId: ENGINEERING });
      expect(Object.keys(outs).sort()).to.deep.equal(["adopted", "createdAt", "creatorId", "userId", "workspaceGroupId"]);
    });

    it("adopts a membership that already exists, with no write, and says which id", async () => {
      const [existing] = await sim.memberships("access_group_memberships", `access_group_id=${FINANCE_REVIEWERS}`);
      const logged: string[] = [];
      const origLog = console.log;
      console.log = (msg: string) => logged.push(msg);
      let result;
      try {
        result = await hooks("AccessGroupMembership").create({ userId: Number(existing.user_id), accessGroupId: FINANCE_REVIEWERS });
      } finally {
        console.log = origLog;
      }
      expect(result.id).to.equal(String(existing.id));
      expect(result.outs.adopted).to.equal(true);
      expect(await sim.writes()).to.deep.equal([]);
      expect(logged.join("\n")).to.contain(`adopted existing membership ${existing.id}`);
    });

    it("refuses to adopt when adoptExisting is false, naming the existing id", async () => {
      const [existing] = await sim.memberships("user_group_memberships", `group_ids=${ENGINEERING}`);
      const err = await hooks("UserGroupMembership")
        .create({ userId: Number(existing.user_id), workspaceGroupId: ENGINEERING, adoptExisting: false })
        .catch((e: Error) => e);
      expect(err).to.be.instanceOf(Error);
      expect(err.message).to.contain(`already exists as membership ${existing.id}`).and.contain("adoptExisting is false");
      expect(await sim.writes()).to.deep.equal([]);
    });

    it("sets canEdit with one PUT after adopting an Insights membership that differs", async () => {
      const p = hooks("InsightsAccessGroupMembership");
      const first = await p.create({ userId: FREE_USERS[2], insightsAccessGroupId: FINANCE_DASHBOARDS });
      expect(first.outs.canEdit).to.equal(false);
      resetForTests();
      const again = await hooks("InsightsAccessGroupMembership").create({ userId: FREE_USERS[2], insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: true });
      expect(again.id).to.equal(first.id);
      expect(again.outs).to.include({ canEdit: true, adopted: true });
      expect((await sim.writes()).map((r) => r.method)).to.deep.equal(["POST", "PUT"]);
    });

    it("refuses a second classic Insights group, naming the existing membership and group", async () => {
      const p = hooks("InsightsAccessGroupMembership");
      const first = await p.create({ userId: FREE_USERS[3], insightsAccessGroupId: FINANCE_DASHBOARDS });
      const err = await p.create({ userId: FREE_USERS[3], insightsAccessGroupId: DELIVERY_ANALYTICS }).catch((e: Error) => e);
      expect(err.message).to.contain(`membership ${first.id}`).and.contain(`Insights access group ${FINANCE_DASHBOARDS}`).and.contain("only one");
      expect((await sim.writes()).length).to.equal(1);
    });

    it("finds an unknown user by a read before any write, and says so in the user's terms", async () => {
      const err = await hooks("AccessGroupMembership").create({ userId: 999999, accessGroupId: FINANCE_REVIEWERS }).catch((e: Error) => e);
      expect(err.message).to.equal(
        "AccessGroupMembership (user 999999, access group 11): user 999999 is not on this Kantata account. Fix: check userId (kantata.getUser({ email }) finds a user's id).",
      );
      expect(await sim.writes()).to.deep.equal([]);
    });

    it("refuses an Account Default group before any write", async () => {
      const err = await hooks("AccessGroupMembership").create({ userId: FREE_USERS[0], accessGroupId: 3 }).catch((e: Error) => e);
      expect(err.message).to.contain("access group 3 (Reports Viewer) is an Account Default group").and.contain("account permission");
      expect(await sim.writes()).to.deep.equal([]);
    });

    it("refuses the token of a user who is not an Account Administrator before any write", async () => {
      config["kantata:apiToken"] = MEMBER_TOKEN;
      const err = await hooks("AccessGroupMembership").create({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS }).catch((e: Error) => e);
      expect(err.message).to.contain("whose account permission is collaborator").and.contain("Account Administrator");
      expect(await sim.writes()).to.deep.equal([]);
    });

    it("explains a token that is not an Account Administrator's", async () => {
      config["kantata:apiToken"] = MEMBER_TOKEN;
      const err = await hooks("UserGroupMembership").create({ userId: FREE_USERS[0], workspaceGroupId: ENGINEERING }).catch((e: Error) => e);
      expect(err.message).to.contain("403").and.contain("Account Administrator");
      expect(err.message).to.not.contain(MEMBER_TOKEN);
    });

    it("explains a refused token without ever showing it", async () => {
      config["kantata:apiToken"] = "tok-SECRET-wrong";
      const err = await hooks("AccessGroupMembership").create({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS }).catch((e: Error) => e);
      expect(err.message).to.contain("401").and.contain("kantata:apiToken");
      expect(JSON.stringify({ m: err.message, s: err.stack, c: String((err as any).cause?.stack) })).to.not.contain("tok-SECRET");
    });

    it("creates through 503s without duplicates", async () => {
      await sim.control("POST", "faults", { match: { method: "POST" }, respond: 503, times: 2 });
      const { id } = await hooks("UserGroupMembership").create({ userId: FREE_USERS[4], workspaceGroupId: ENGINEERING });
      const live = await sim.memberships("user_group_memberships", `user_ids=${FREE_USERS[4]}&group_ids=${ENGINEERING}`);
      expect(live.map((m) => String(m.id))).to.deep.equal([id]);
    });

    it("adopts its own create when the answer to the POST was lost", async () => {
      await sim.control("POST", "faults", { match: { method: "POST" }, respond: "drop", stage: "after", times: 1 });
      const { id, outs } = await hooks("AccessGroupMembership").create({ userId: FREE_USERS[5], accessGroupId: FINANCE_REVIEWERS });
      const live = await sim.memberships("access_group_memberships", `user_id=${FREE_USERS[5]}&access_group_id=${FINANCE_REVIEWERS}`);
      expect(live.map((m) => String(m.id))).to.deep.equal([id]);
      expect(outs.adopted).to.equal(true);
      expect((await sim.writes()).filter((r) => r.method === "POST")).to.have.length(1);
    });

    it("retries reads through 429s that carry Retry-After", async () => {
      await sim.control("POST", "faults", { match: { method: "GET" }, respond: 429, retryAfterS: 0, times: 2 });
      const { id } = await hooks("AccessGroupMembership").create({ userId: FREE_USERS[6], accessGroupId: FINANCE_REVIEWERS });
      expect(id).to.match(/^\d+$/);
      expect((await sim.requests()).filter((r) => r.status === 429)).to.have.length(2);
    });
  });

  describe("read", () => {
    it("reads a membership back with inputs that match live values", async () => {
      const p = hooks("AccessGroupMembership");
      const { id, outs } = await p.create({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
      const read = await p.read(id, { ...outs });
      expect(read.id).to.equal(id);
      expect(read.inputs).to.deep.equal({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
      expect(read.props).to.include({ accessGroupName: "Finance Reviewers", adopted: false });
    });

    for (const [type, args, collection] of [
      ["AccessGroupMembership", { userId: FREE_USERS[1], accessGroupId: FINANCE_REVIEWERS }, "access_group_memberships"],
      ["InsightsAccessGroupMembership", { userId: FREE_USERS[1], insightsAccessGroupId: FINANCE_DASHBOARDS }, "insights_access_group_memberships"],
      ["UserGroupMembership", { userId: FREE_USERS[1], workspaceGroupId: ENGINEERING }, "user_group_memberships"],
    ] as const) {
      it(`reports a ${type} deleted outside Pulumi as gone`, async () => {
        const p = hooks(type);
        const { id, outs } = await p.create({ ...args });
        expect((await sim.api("DELETE", `/${collection}/${id}`)).status).to.be.oneOf([200, 204]);
        expect(await p.read(id, outs)).to.deep.equal({});
      });
    }

    it("reads a user group membership through the list endpoint (there is no GET by id)", async () => {
      const p = hooks("UserGroupMembership");
      const { id, outs } = await p.create({ userId: FREE_USERS[2], workspaceGroupId: ENGINEERING });
      const read = await p.read(id, outs);
      expect(read.props).to.include({ userId: FREE_USERS[2], workspaceGroupId: ENGINEERING });
      const gets = (await sim.requests()).filter((r) => r.method === "GET");
      expect(gets[gets.length - 1].path).to.equal("/api/v1/user_group_memberships");
    });

    it("shows a canEdit changed outside Pulumi as drift in the returned inputs", async () => {
      const p = hooks("InsightsAccessGroupMembership");
      const { id, outs } = await p.create({ userId: FREE_USERS[3], insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: false });
      await sim.api("PUT", `/insights_access_group_memberships/${id}`, { insights_access_group_membership: { can_edit: true } });
      const read = await p.read(id, outs);
      expect(read.inputs.canEdit).to.equal(true);
      const diff = await p.diff(id, read.props, { userId: FREE_USERS[3], insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: false });
      expect(diff).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("reads a membership by id alone (the get() path)", async () => {
      const [existing] = await sim.memberships("user_group_memberships", `group_ids=${ENGINEERING}`);
      const read = await hooks("UserGroupMembership").read(String(existing.id), {});
      expect(read.inputs).to.deep.equal({ userId: Number(existing.user_id), workspaceGroupId: ENGINEERING });
    });
  });

  describe("diff", () => {
    const p = () => hooks("InsightsAccessGroupMembership");
    const olds = { userId: 5, insightsAccessGroupId: 3, canEdit: false, createdAt: "x", adopted: false };

    it("reports nothing when nothing changed, whatever the API filled in", async () => {
      expect(await p().diff("1", olds, { userId: 5, insightsAccessGroupId: 3, canEdit: false })).to.deep.equal({ changes: false, replaces: [], deleteBeforeReplace: false });
    });
    it("does not see a change between a number and the same id as a string", async () => {
      expect((await p().diff("1", { ...olds, userId: "5" }, { userId: 5, insightsAccessGroupId: 3 })).changes).to.equal(false);
    });
    it("updates canEdit in place", async () => {
      expect(await p().diff("1", olds, { userId: 5, insightsAccessGroupId: 3, canEdit: true })).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
    });
    it("replaces, deleting first, when the user or the group changes", async () => {
      expect(await p().diff("1", olds, { userId: 6, insightsAccessGroupId: 4, canEdit: false })).to.deep.equal({
        changes: true,
        replaces: ["userId", "insightsAccessGroupId"],
        deleteBeforeReplace: true,
      });
    });
    it("treats a change of adoptExisting as an update, never a replace", async () => {
      expect(await p().diff("1", olds, { userId: 5, insightsAccessGroupId: 3, adoptExisting: false })).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
    });
    it("assumes a replace when a new id is not known yet", async () => {
      expect((await p().diff("1", olds, { userId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", insightsAccessGroupId: 3 })).replaces).to.deep.equal(["userId"]);
    });
  });

  describe("update and delete", () => {
    it("changes canEdit with one PUT", async () => {
      const p = hooks("InsightsAccessGroupMembership");
      const { id, outs } = await p.create({ userId: FREE_USERS[4], insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: false });
      const before = (await sim.writes()).length;
      const { outs: after } = await p.update(id, outs, { userId: FREE_USERS[4], insightsAccessGroupId: FINANCE_DASHBOARDS, canEdit: true });
      expect(after.canEdit).to.equal(true);
      expect((await sim.writes()).slice(before).map((r) => r.method)).to.deep.equal(["PUT"]);
    });

    it("changes adoptExisting with no request", async () => {
      const p = hooks("AccessGroupMembership");
      const { id, outs } = await p.create({ userId: FREE_USERS[5], accessGroupId: FINANCE_REVIEWERS });
      const before = (await sim.requests()).length;
      const { outs: after } = await p.update(id, outs, { userId: FREE_USERS[5], accessGroupId: FINANCE_REVIEWERS, adoptExisting: false });
      expect(after.adoptExisting).to.equal(false);
      expect((await sim.requests()).length).to.equal(before);
    });

    it("deletes with one request, and a membership already gone counts as deleted", async () => {
      const p = hooks("UserGroupMembership");
      const { id, outs } = await p.create({ userId: FREE_USERS[6], workspaceGroupId: ENGINEERING });
      await p.delete(id, outs);
      await p.delete(id, outs);
      expect(await sim.memberships("user_group_memberships", `user_ids=${FREE_USERS[6]}&group_ids=${ENGINEERING}`)).to.deep.equal([]);
      expect((await sim.writes()).map((r) => r.method)).to.deep.equal(["POST", "DELETE", "DELETE"]);
    });
  });

  describe("connection settings", () => {
    it("resolves the settings once per hook call, however many requests the call makes", async () => {
      let reads = 0;
      const counted = providerHooks("AccessGroupMembership", () => {
        reads++;
        return config;
      });
      await counted.check({}, { userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
      const perResolve = reads;
      reads = 0;
      await counted.create({ userId: FREE_USERS[0], accessGroupId: FINANCE_REVIEWERS });
      expect((await sim.requests()).length).to.be.at.least(4);
      expect(reads).to.equal(perResolve);
    });

    it("reports a missing token at check, before any request", async () => {
      config = { "kantata:baseUrl": sim.url };
      const saved = process.env.KANTATA_API_TOKEN;
      delete process.env.KANTATA_API_TOKEN;
      try {
        const { failures } = await hooks("AccessGroupMembership").check({}, { userId: 1, accessGroupId: 11 });
        expect(failures).to.deep.equal([{ property: "kantata:apiToken", reason: "No Kantata API token. Fix: pulumi config set --secret kantata:apiToken <token>, or export KANTATA_API_TOKEN." }]);
        expect(await sim.requests()).to.deep.equal([]);
      } finally {
        if (saved !== undefined) process.env.KANTATA_API_TOKEN = saved;
      }
    });

    it("reports a plain-http base URL that is not loopback at check", async () => {
      config["kantata:baseUrl"] = "http://kantata.example.com/api/v1";
      const { failures } = await hooks("AccessGroupMembership").check({}, { userId: 1, accessGroupId: 11 });
      expect(failures[0].property).to.equal("kantata:baseUrl");
      expect(failures[0].reason).to.contain("plain http").and.contain("Fix:");
    });

    it("uses a rotated token at once", async () => {
      const p = hooks("AccessGroupMembership");
      config["kantata:apiToken"] = "tok-SECRET-old";
      const err = await p.create({ userId: FREE_USERS[7], accessGroupId: FINANCE_REVIEWERS }).catch((e: Error) => e);
      expect(err.message).to.contain("401");
      config["kantata:apiToken"] = ADMIN_TOKEN;
      const { id } = await p.create({ userId: FREE_USERS[7], accessGroupId: FINANCE_REVIEWERS });
      expect(id).to.match(/^\d+$/);
    });
  });
});
