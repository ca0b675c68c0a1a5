import { expect } from "chai";
import { DEFAULT_OPTIONS } from "../../simulator";
import { call, MEMBER, records, useSimulator } from "./helpers";

const joinFinance = { access_group_membership: { user_id: 5, access_group_id: 11 } };

describe("simulator: options for the behaviours the API leaves open", () => {
  const sim = useSimulator();

  it("documents its defaults", () => {
    expect(DEFAULT_OPTIONS).to.deep.include({
      accessGroupMembershipDeleteStatus: 204,
      foreignKeys: "string",
      bulkMode: "all-or-nothing",
      bulkLimit: 100,
      bulkLimitStatus: 422,
      accessGroupMembershipOrder: "id:asc",
      accessGroupMembershipAccess: "admin-writes",
      usersWithoutOnMyAccount: "self",
      protectAccountDefaultGroups: true,
      oneInsightsGroupPerUser: true,
      insightsCanEditDefault: "administrators",
      wrongMethodStatus: 405,
      clockStepMs: 1000,
    });
  });

  it("accessGroupMembershipDeleteStatus 200 answers {success} instead of 204", async () => {
    sim().setOptions({ accessGroupMembershipDeleteStatus: 200 });
    const created = await call(sim(), "POST", "/access_group_memberships", { body: joinFinance });
    const { status, body } = await call(sim(), "DELETE", `/access_group_memberships/${created.body.results[0].id}`);
    expect(status).to.equal(200);
    expect(body.success).to.match(/deleted/);
  });

  it("foreignKeys number sends foreign keys as numbers, ids still as strings", async () => {
    sim().setOptions({ foreignKeys: "number" });
    const { body } = await call(sim(), "GET", "/user_group_memberships?per_page=1");
    const [m] = records(body, "user_group_memberships");
    expect(m.id).to.be.a("string");
    expect(m.user_id).to.be.a("number");
    expect(m.workspace_group_id).to.be.a("number");
    expect(m.creator_id).to.be.a("number");
  });

  it("accessGroupMembershipOrder changes the order of the list", async () => {
    sim().setOptions({ accessGroupMembershipOrder: "id:desc" });
    const { body } = await call(sim(), "GET", "/access_group_memberships?per_page=3");
    const ids = body.results.map((r: { id: string }) => Number(r.id));
    expect(ids).to.deep.equal([...ids].sort((a, b) => b - a));
  });

  it("accessGroupMembershipAccess admin-only guards reads; everyone lets a member write", async () => {
    sim().setOptions({ accessGroupMembershipAccess: "admin-only" });
    expect((await call(sim(), "GET", "/access_group_memberships", { token: MEMBER })).status).to.equal(403);
    sim().setOptions({ accessGroupMembershipAccess: "everyone" });
    expect((await call(sim(), "POST", "/access_group_memberships", { token: MEMBER, body: joinFinance })).status).to.equal(200);
  });

  it("usersWithoutOnMyAccount all lists every user without on_my_account", async () => {
    sim().setOptions({ usersWithoutOnMyAccount: "all" });
    expect((await call(sim(), "GET", "/users")).body.count).to.equal(2000);
  });

  it("protectAccountDefaultGroups false allows joining and leaving Account Default groups, but never Account Administrators", async () => {
    sim().setOptions({ protectAccountDefaultGroups: false });
    const joined = await call(sim(), "POST", "/access_group_memberships", { body: { access_group_membership: { user_id: 5, access_group_id: 4 } } });
    expect(joined.status).to.equal(200);
    expect((await call(sim(), "DELETE", `/access_group_memberships/${joined.body.results[0].id}`)).status).to.equal(204);
    const admin = await call(sim(), "POST", "/access_group_memberships", { body: { access_group_membership: { user_id: 5, access_group_id: 1 } } });
    expect(admin.status).to.equal(422);
  });

  it("oneInsightsGroupPerUser false lets a user join a second Insights group", async () => {
    sim().setOptions({ oneInsightsGroupPerUser: false });
    const { status } = await call(sim(), "POST", "/insights_access_group_memberships", {
      body: { insights_access_group_membership: { user_id: 1, insights_access_group_id: 3 } },
    });
    expect(status).to.equal(200);
  });

  it("insightsCanEditDefault never and always override the permission-based default", async () => {
    await call(sim(), "DELETE", "/insights_access_group_memberships/30001");
    sim().setOptions({ insightsCanEditDefault: "never" });
    const admin = await call(sim(), "POST", "/insights_access_group_memberships", {
      body: { insights_access_group_membership: { user_id: 1, insights_access_group_id: 1 } },
    });
    expect(records(admin.body, "insights_access_group_memberships")[0].can_edit).to.equal(false);
    sim().setOptions({ insightsCanEditDefault: "always" });
    const member = await call(sim(), "POST", "/insights_access_group_memberships", {
      body: { insights_access_group_membership: { user_id: 5, insights_access_group_id: 3 } },
    });
    expect(records(member.body, "insights_access_group_memberships")[0].can_edit).to.equal(true);
  });

  it("bulkLimit and bulkLimitStatus change the bulk bound and its answer", async () => {
    sim().setOptions({ bulkLimit: 2, bulkLimitStatus: 400 });
    const rows = [3, 4, 6].map((id) => ({ user_id: id, workspace_group_id: 2 }));
    const { status, body } = await call(sim(), "POST", "/user_group_memberships", { body: { user_group_memberships: rows } });
    expect(status).to.equal(400);
    expect(body.errors[0].message).to.equal("You can create at most 2 objects in one request");
  });

  it("messages replaces message texts", async () => {
    sim().setOptions({ messages: { duplicate: "Already there" } });
    await call(sim(), "POST", "/access_group_memberships", { body: joinFinance });
    const { body } = await call(sim(), "POST", "/access_group_memberships", { body: joinFinance });
    expect(body.errors[0].message).to.equal("Already there");
    expect(sim().options().messages.notFound, "other messages keep their default").to.equal("Not found");
  });

  it("clockStepMs changes how far each write moves the clock", async () => {
    sim().setOptions({ clockStepMs: 60_000 });
    const { body } = await call(sim(), "POST", "/access_group_memberships", { body: joinFinance });
    expect(records(body, "access_group_memberships")[0].created_at).to.equal("2025-01-06T09:01:00-07:00");
  });

  it("can be set at start and come back on reset", async () => {
    sim().setOptions({ foreignKeys: "number" });
    sim().reset();
    expect(sim().options().foreignKeys).to.equal("string");
  });

  it("rejects unknown option names and bad values", () => {
    expect(() => sim().setOptions({ bulkMod: "partial" } as never)).to.throw(/Invalid options/);
    expect(() => sim().setOptions({ bulkLimit: 0 })).to.throw(/bulkLimit/);
    expect(() => sim().setOptions({ messages: { nope: "x" } as never })).to.throw(/Invalid options/);
  });
});
