import { expect } from "chai";
import { call, MEMBER, records, useSimulator } from "./helpers";

/** Ids in the default fixture. */
const ADMIN_DEFAULT = 1;
const FINANCE_DASHBOARDS = 3;
const DELIVERY_ANALYTICS = 4;
const NEW_MEMBER = 5; // a collaborator in no Insights group

const create = (fields: Record<string, unknown>) => ({ insights_access_group_membership: fields });
const path = "/insights_access_group_memberships";

describe("simulator: /insights_access_group_memberships", () => {
  const sim = useSimulator();

  describe("GET (list)", () => {
    it("orders by created_at descending by default, and ascending on request", async () => {
      const desc = records((await call(sim(), "GET", `${path}?per_page=200`)).body, "insights_access_group_memberships");
      const times = desc.map((m) => m.created_at);
      expect(times).to.deep.equal([...times].sort().reverse());
      const asc = records((await call(sim(), "GET", `${path}?per_page=200&order=created_at:asc`)).body, "insights_access_group_memberships");
      expect(asc.map((m) => m.id)).to.deep.equal(desc.map((m) => m.id).reverse());
    });

    it("filters by by_access_group_id", async () => {
      const { body } = await call(sim(), "GET", `${path}?by_access_group_id=${ADMIN_DEFAULT}`);
      expect(body.count).to.equal(sim().store.insightsAccessGroupMemberships.countOfGroup(ADMIN_DEFAULT));
      for (const m of records(body, "insights_access_group_memberships")) expect(m.insights_access_group_id).to.equal(String(ADMIN_DEFAULT));
    });

    it("filters by user_ids given as a comma list or as user_ids[]=", async () => {
      const comma = await call(sim(), "GET", `${path}?user_ids=1,17`);
      const array = await call(sim(), "GET", `${path}?user_ids[]=1&user_ids[]=17`);
      expect(comma.body.count).to.equal(2);
      expect(array.body).to.deep.equal(comma.body);
      expect(records(comma.body, "insights_access_group_memberships").map((m) => m.user_id).sort()).to.deep.equal(["1", "17"]);
    });

    it("filters by by_user_name, ignoring case", async () => {
      const user = sim().store.users.get(1)!;
      const { body } = await call(sim(), "GET", `${path}?by_user_name=${encodeURIComponent(user.full_name.toUpperCase())}`);
      expect(body.count).to.be.greaterThan(0);
      for (const m of records(body, "insights_access_group_memberships")) {
        expect(sim().store.users.get(Number(m.user_id))!.full_name).to.equal(user.full_name);
      }
    });

    it("sends user_name and account_permission only when asked through optional_fields", async () => {
      const plain = records((await call(sim(), "GET", `${path}?user_ids=1`)).body, "insights_access_group_memberships")[0];
      expect(plain).to.have.all.keys("id", "can_edit", "created_at", "updated_at", "insights_access_group_id", "insights_access_group_name", "user_id");
      const both = records((await call(sim(), "GET", `${path}?user_ids=1&optional_fields=user_name,account_permission`)).body, "insights_access_group_memberships")[0];
      expect(both).to.include({ user_name: sim().store.users.get(1)!.full_name, account_permission: "administrator" });
      const array = records((await call(sim(), "GET", `${path}?user_ids=1&optional_fields[]=user_name`)).body, "insights_access_group_memberships")[0];
      expect(array).to.have.property("user_name");
      expect(array).not.to.have.property("account_permission");
    });

    it("includes user into users", async () => {
      const { body } = await call(sim(), "GET", `${path}?user_ids=1&include=user`);
      expect(body.users["1"].id).to.equal("1");
    });
  });

  describe("GET /{id}", () => {
    it("returns one membership", async () => {
      const { status, body } = await call(sim(), "GET", `${path}/30001`);
      expect(status).to.equal(200);
      expect(body.insights_access_group_memberships["30001"]).to.include({ user_id: "1", can_edit: true });
    });

    it("404s an unknown id", async () => {
      expect((await call(sim(), "GET", `${path}/999999`)).status).to.equal(404);
    });
  });

  describe("POST", () => {
    it("creates a membership; can_edit defaults to false for a non-administrator", async () => {
      const { status, body } = await call(sim(), "POST", path, { body: create({ user_id: NEW_MEMBER, insights_access_group_id: FINANCE_DASHBOARDS }) });
      expect(status).to.equal(200);
      const [m] = records(body, "insights_access_group_memberships");
      expect(m).to.include({ user_id: String(NEW_MEMBER), insights_access_group_id: String(FINANCE_DASHBOARDS), insights_access_group_name: "Finance Dashboards", can_edit: false });
      expect(m.created_at).to.equal(m.updated_at);
    });

    it("defaults can_edit to true for an Account Administrator", async () => {
      expect((await call(sim(), "DELETE", `${path}/30001`)).status).to.equal(204);
      const { body } = await call(sim(), "POST", path, { body: create({ user_id: 1, insights_access_group_id: ADMIN_DEFAULT }) });
      expect(records(body, "insights_access_group_memberships")[0].can_edit).to.equal(true);
    });

    it("takes can_edit when the request sets it", async () => {
      const { body } = await call(sim(), "POST", path, { body: create({ user_id: NEW_MEMBER, insights_access_group_id: FINANCE_DASHBOARDS, can_edit: true }) });
      expect(records(body, "insights_access_group_memberships")[0].can_edit).to.equal(true);
    });

    it("422s a second classic Insights group for one user", async () => {
      await call(sim(), "POST", path, { body: create({ user_id: NEW_MEMBER, insights_access_group_id: FINANCE_DASHBOARDS }) });
      const { status, body } = await call(sim(), "POST", path, { body: create({ user_id: NEW_MEMBER, insights_access_group_id: DELIVERY_ANALYTICS }) });
      expect(status).to.equal(422);
      expect(body.errors).to.deep.equal([{ type: "validation", message: "User can only belong to one Insights Access Group at a time", field: "user_id" }]);
    });

    it("422s the same group twice as a duplicate", async () => {
      const { status, body } = await call(sim(), "POST", path, { body: create({ user_id: 1, insights_access_group_id: ADMIN_DEFAULT }) });
      expect(status).to.equal(422);
      expect(body.errors[0].message).to.equal("User has already been added to this group");
    });

    it("422s an unknown group, missing fields and an ill-typed can_edit", async () => {
      const unknown = await call(sim(), "POST", path, { body: create({ user_id: NEW_MEMBER, insights_access_group_id: 999 }) });
      expect(unknown.body.errors).to.deep.equal([{ type: "validation", message: "Insights access group does not exist", field: "insights_access_group_id" }]);
      const missing = await call(sim(), "POST", path, { body: create({ can_edit: "maybe" }) });
      expect(missing.status).to.equal(422);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(["insights_access_group_id", "user_id", "can_edit"]);
    });

    it("403s a non-administrator token", async () => {
      const { status, body } = await call(sim(), "POST", path, {
        token: MEMBER,
        body: create({ user_id: NEW_MEMBER, insights_access_group_id: FINANCE_DASHBOARDS }),
      });
      expect(status).to.equal(403);
      expect(body.errors[0]).to.deep.equal({ type: "system", message: "You must be an Account Administrator to perform this action." });
    });
  });

  describe("PUT /{id}", () => {
    it("changes can_edit and moves updated_at", async () => {
      const { status, body } = await call(sim(), "PUT", `${path}/30001`, { body: create({ can_edit: false }) });
      expect(status).to.equal(200);
      const m = body.insights_access_group_memberships["30001"];
      expect(m.can_edit).to.equal(false);
      expect(m.updated_at).to.equal("2025-01-06T09:00:01-07:00");
      expect(m.created_at).not.to.equal(m.updated_at);
    });

    it("400s a missing root key and 422s an ill-typed can_edit", async () => {
      expect((await call(sim(), "PUT", `${path}/30001`, { body: { can_edit: true } })).status).to.equal(400);
      const bad = await call(sim(), "PUT", `${path}/30001`, { body: create({ can_edit: 3 }) });
      expect(bad.status).to.equal(422);
      expect(bad.body.errors).to.deep.equal([{ type: "validation", message: "Can edit is invalid", field: "can_edit" }]);
    });

    it("404s an unknown id and 403s a non-administrator", async () => {
      expect((await call(sim(), "PUT", `${path}/999999`, { body: create({ can_edit: true }) })).status).to.equal(404);
      expect((await call(sim(), "PUT", `${path}/30001`, { token: MEMBER, body: create({ can_edit: true }) })).status).to.equal(403);
    });
  });

  describe("DELETE /{id}", () => {
    it("deletes with 204, after which the user may join another group", async () => {
      const { status, text } = await call(sim(), "DELETE", `${path}/30001`);
      expect(status).to.equal(204);
      expect(text).to.equal("");
      const again = await call(sim(), "POST", path, { body: create({ user_id: 1, insights_access_group_id: FINANCE_DASHBOARDS }) });
      expect(again.status).to.equal(200);
    });

    it("404s an unknown id and 403s a non-administrator", async () => {
      expect((await call(sim(), "DELETE", `${path}/999999`)).status).to.equal(404);
      expect((await call(sim(), "DELETE", `${path}/30001`, { token: MEMBER })).status).to.equal(403);
    });
  });
});
