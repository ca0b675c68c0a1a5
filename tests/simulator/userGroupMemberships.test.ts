import { expect } from "chai";
import { Simulator } from "../../simulator";
import { call, MEMBER, records, useSimulator } from "./helpers";

const path = "/user_group_memberships";
const NORTHWIND = 1;

/** `count` users of the default fixture who are not yet in `groupId`, as bulk rows. */
function freshRows(sim: Simulator, groupId: number, count: number): { user_id: number; workspace_group_id: number }[] {
  const rows = [];
  for (const user of sim.store.users.values()) {
    if (rows.length === count) break;
    if (!sim.store.userGroupMemberships.findPair(user.id, groupId)) rows.push({ user_id: user.id, workspace_group_id: groupId });
  }
  return rows;
}

describe("simulator: /user_group_memberships", () => {
  const sim = useSimulator();

  describe("GET (list)", () => {
    it("orders by created_at descending by default, and ascending on request", async () => {
      const desc = records((await call(sim(), "GET", `${path}?per_page=50`)).body, "user_group_memberships");
      const times = desc.map((m) => m.created_at);
      expect(times).to.deep.equal([...times].sort().reverse());
      const asc = records((await call(sim(), "GET", `${path}?per_page=5&order=created_at:asc`)).body, "user_group_memberships");
      expect(asc[0].created_at <= asc[4].created_at).to.equal(true);
      expect(asc[0].id).to.equal("50001");
    });

    it("filters by group_ids and user_ids, as comma lists or Rails arrays", async () => {
      const byGroup = await call(sim(), "GET", `${path}?group_ids=${NORTHWIND}&per_page=200`);
      expect(byGroup.body.count).to.equal(sim().store.userGroupMemberships.countOfGroup(NORTHWIND));
      for (const m of records(byGroup.body, "user_group_memberships")) expect(m.workspace_group_id).to.equal("1");
      const byUsers = await call(sim(), "GET", `${path}?user_ids=1,2,3`);
      const byUsersArray = await call(sim(), "GET", `${path}?user_ids[]=1&user_ids[]=2&user_ids[]=3`);
      expect(byUsersArray.body).to.deep.equal(byUsers.body);
      const expected = [1, 2, 3].reduce((n, id) => n + sim().store.userGroupMemberships.ofUser(id).length, 0);
      expect(byUsers.body.count).to.equal(expected);
      const both = await call(sim(), "GET", `${path}?user_ids=1,2,3&group_ids=5,6,7,8`);
      for (const m of records(both.body, "user_group_memberships")) expect(["5", "6", "7", "8"]).to.include(m.workspace_group_id);
    });

    it("shows the documented fields and includes user and workspace_group", async () => {
      const { body } = await call(sim(), "GET", `${path}?per_page=1&include=user,workspace_group`);
      const [m] = records(body, "user_group_memberships");
      expect(m).to.have.all.keys("id", "created_at", "creator_id", "user_id", "workspace_group_id");
      expect(body.users[m.user_id]).to.have.property("email_address");
      expect(body.workspace_groups[m.workspace_group_id]).to.have.property("name");
    });

    it("403s a non-administrator token", async () => {
      const { status, body } = await call(sim(), "GET", path, { token: MEMBER });
      expect(status).to.equal(403);
      expect(body.errors[0].type).to.equal("system");
    });
  });

  describe("POST (single)", () => {
    it("creates one membership under the singular key", async () => {
      const [row] = freshRows(sim(), NORTHWIND, 1);
      const { status, body } = await call(sim(), "POST", path, { body: { user_group_membership: row } });
      expect(status).to.equal(200);
      expect(body.count).to.equal(1);
      expect(records(body, "user_group_memberships")[0]).to.include({ user_id: String(row.user_id), workspace_group_id: "1", creator_id: "1" });
    });

    it("422s a duplicate, an unknown user and an unknown workspace group, without an index", async () => {
      const existing = sim().store.userGroupMemberships.ofGroup(NORTHWIND)[0];
      const dup = await call(sim(), "POST", path, { body: { user_group_membership: { user_id: existing.user_id, workspace_group_id: NORTHWIND } } });
      expect(dup.status).to.equal(422);
      expect(dup.body.errors).to.deep.equal([{ type: "validation", message: "User has already been added to this group", field: "user_id" }]);
      const unknown = await call(sim(), "POST", path, { body: { user_group_membership: { user_id: 999999, workspace_group_id: 999 } } });
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(["user_id", "workspace_group_id"]);
      expect(unknown.body.errors[0]).not.to.have.property("index");
    });

    it("400s a body with neither key", async () => {
      const { status, body } = await call(sim(), "POST", path, { body: { user_group_membershipz: {} } });
      expect(status).to.equal(400);
      expect(body.errors[0].type).to.equal("syntax");
    });

    it("403s a non-administrator token", async () => {
      const [row] = freshRows(sim(), NORTHWIND, 1);
      expect((await call(sim(), "POST", path, { token: MEMBER, body: { user_group_membership: row } })).status).to.equal(403);
    });
  });

  describe("POST (bulk)", () => {
    it("creates a bulk of 1", async () => {
      const rows = freshRows(sim(), NORTHWIND, 1);
      const { status, body } = await call(sim(), "POST", path, { body: { user_group_memberships: rows } });
      expect(status).to.equal(200);
      expect(body.count).to.equal(1);
    });

    it("creates a bulk of 100 and returns every created record", async () => {
      const rows = freshRows(sim(), NORTHWIND, 100);
      const before = sim().store.userGroupMemberships.size;
      const { status, body } = await call(sim(), "POST", `${path}?include=user`, { body: { user_group_memberships: rows } });
      expect(status).to.equal(200);
      expect(body.count).to.equal(100);
      expect(body.results).to.have.length(100);
      expect(body.meta).to.deep.equal({ count: 100, page_count: 5, page_number: 1, page_size: 20 });
      expect(Object.keys(body.users)).to.have.length(100);
      const created = records(body, "user_group_memberships").map((m) => Number(m.user_id));
      expect(created).to.have.members(rows.map((r) => r.user_id));
      expect(sim().store.userGroupMemberships.size).to.equal(before + 100);
    });

    it("422s a bulk of 101 and writes nothing", async () => {
      const rows = freshRows(sim(), NORTHWIND, 101);
      const before = sim().store.userGroupMemberships.size;
      const { status, body } = await call(sim(), "POST", path, { body: { user_group_memberships: rows } });
      expect(status).to.equal(422);
      expect(body.errors).to.deep.equal([{ type: "validation", message: "You can create at most 100 objects in one request", field: "base" }]);
      expect(sim().store.userGroupMemberships.size).to.equal(before);
    });

    it("refuses a bulk with bad rows as a whole, naming each bad row by index", async () => {
      const [a, b, c] = freshRows(sim(), NORTHWIND, 3);
      const existing = sim().store.userGroupMemberships.ofGroup(NORTHWIND)[0];
      const rows = [a, { user_id: 999999, workspace_group_id: NORTHWIND }, b, { user_id: existing.user_id, workspace_group_id: NORTHWIND }, { user_id: "x" }, c, a];
      const before = sim().store.userGroupMemberships.size;
      const { status, body } = await call(sim(), "POST", path, { body: { user_group_memberships: rows } });
      expect(status).to.equal(422);
      expect(body.errors).to.deep.equal([
        { type: "validation", message: "User does not exist on this account", field: "user_id", index: 1 },
        { type: "validation", message: "User has already been added to this group", field: "user_id", index: 3 },
        { type: "validation", message: "Workspace group can't be blank", field: "workspace_group_id", index: 4 },
        { type: "validation", message: "User is invalid", field: "user_id", index: 4 },
        { type: "validation", message: "User has already been added to this group", field: "user_id", index: 6 },
      ]);
      expect(sim().store.userGroupMemberships.size).to.equal(before);
    });

    it("in partial mode writes the good rows and still 422s the bad ones", async () => {
      sim().setOptions({ bulkMode: "partial" });
      const [a, b] = freshRows(sim(), NORTHWIND, 2);
      const before = sim().store.userGroupMemberships.size;
      const { status, body } = await call(sim(), "POST", path, { body: { user_group_memberships: [a, { user_id: 999999, workspace_group_id: NORTHWIND }, b] } });
      expect(status).to.equal(422);
      expect(body.errors.map((e: { index: number }) => e.index)).to.deep.equal([1]);
      expect(sim().store.userGroupMemberships.size).to.equal(before + 2);
      expect(sim().store.userGroupMemberships.findPair(b.user_id, NORTHWIND)).to.not.equal(undefined);
    });

    it("400s an empty array or a plural key that is not an array", async () => {
      for (const rows of [[], { user_id: 1 }]) {
        const { status, body } = await call(sim(), "POST", path, { body: { user_group_memberships: rows } });
        expect(status, JSON.stringify(rows)).to.equal(400);
        expect(body.errors[0].type).to.equal("syntax");
      }
    });

    it("422s a row that is not an object", async () => {
      const { status, body } = await call(sim(), "POST", path, { body: { user_group_memberships: [5] } });
      expect(status).to.equal(422);
      expect(body.errors).to.deep.equal([{ type: "validation", message: "User group membership is invalid", field: "base", index: 0 }]);
    });
  });

  describe("DELETE /{id}", () => {
    it("deletes with 204", async () => {
      const m = sim().store.userGroupMemberships.ofGroup(NORTHWIND)[0];
      const { status, text } = await call(sim(), "DELETE", `${path}/${m.id}`);
      expect(status).to.equal(204);
      expect(text).to.equal("");
      expect(sim().store.userGroupMemberships.get(m.id)).to.equal(undefined);
      const list = await call(sim(), "GET", `${path}?only=${m.id}`);
      expect(list.body.count).to.equal(0);
    });

    it("404s an unknown id and 403s a non-administrator", async () => {
      expect((await call(sim(), "DELETE", `${path}/999999`)).status).to.equal(404);
      expect((await call(sim(), "DELETE", `${path}/50001`, { token: MEMBER })).status).to.equal(403);
    });
  });

  it("has no show and no update: GET or PUT on /{id} answers 405 with the error envelope", async () => {
    for (const method of ["GET", "PUT"]) {
      const { status, body, headers } = await call(sim(), method, `${path}/50001`);
      expect(status, method).to.equal(405);
      expect(body.errors[0].type).to.equal("system");
      expect(headers.get("allow")).to.equal("DELETE");
    }
  });
});
