import { expect } from "chai";
import { call, MEMBER, records, useSimulator } from "./helpers";

/** Ids in the default fixture. */
const ADMINISTRATORS = 1;
const COLLABORATOR = 6;
const FINANCE_REVIEWERS = 11;
const NEW_MEMBER = 5; // a collaborator who is not in Finance Reviewers

const create = (userId: unknown, groupId: unknown) => ({ access_group_membership: { user_id: userId, access_group_id: groupId } });

describe("simulator: /access_group_memberships", () => {
  const sim = useSimulator();

  describe("GET (list)", () => {
    it("lists memberships in id order, never those of the Account Administrators group", async () => {
      const { body } = await call(sim(), "GET", "/access_group_memberships?per_page=200");
      const ids = body.results.map((r: { id: string }) => Number(r.id));
      expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
      const all = [...sim().store.accessGroupMemberships.all()];
      const hidden = all.filter((m) => m.access_group_id === ADMINISTRATORS).length;
      expect(hidden).to.be.greaterThan(0);
      expect(body.count).to.equal(all.length - hidden);
      for (const m of records(body, "access_group_memberships")) expect(m.access_group_id).not.to.equal(String(ADMINISTRATORS));
    });

    it("answers an empty list when filtered on the Account Administrators group", async () => {
      const { body } = await call(sim(), "GET", `/access_group_memberships?access_group_id=${ADMINISTRATORS}`);
      expect(body.count).to.equal(0);
    });

    it("filters by access_group_id", async () => {
      const { body } = await call(sim(), "GET", `/access_group_memberships?access_group_id=${FINANCE_REVIEWERS}&per_page=200`);
      expect(body.count).to.equal(sim().store.accessGroupMemberships.countOfGroup(FINANCE_REVIEWERS));
      for (const m of records(body, "access_group_memberships")) expect(m.access_group_id).to.equal(String(FINANCE_REVIEWERS));
    });

    it("filters by user_id, and by both filters at once", async () => {
      const byUser = await call(sim(), "GET", "/access_group_memberships?user_id=2");
      expect(records(byUser.body, "access_group_memberships").map((m) => m.user_id)).to.satisfy((ids: string[]) => ids.every((id) => id === "2"));
      expect(byUser.body.count).to.be.greaterThan(0);
      const both = await call(sim(), "GET", `/access_group_memberships?user_id=2&access_group_id=${COLLABORATOR}`);
      expect(both.body.count).to.equal(1);
      expect(records(both.body, "access_group_memberships")[0]).to.include({ user_id: "2", access_group_id: String(COLLABORATOR) });
    });

    it("shows the documented fields", async () => {
      const { body } = await call(sim(), "GET", "/access_group_memberships?user_id=2&per_page=1");
      expect(records(body, "access_group_memberships")[0]).to.have.all.keys(
        "id",
        "access_group_id",
        "access_group_name",
        "created_at",
        "creator_id",
        "user_id",
        "user_name",
      );
    });

    it("includes access_group into access_groups and user into users", async () => {
      const { body } = await call(sim(), "GET", "/access_group_memberships?user_id=2&include=access_group,user");
      const m = records(body, "access_group_memberships")[0];
      expect(body.access_groups[m.access_group_id]).to.include({ id: m.access_group_id, name: m.access_group_name });
      expect(body.users["2"]).to.include({ id: "2", full_name: m.user_name });
    });

    it("is readable with a non-administrator token", async () => {
      const { status } = await call(sim(), "GET", "/access_group_memberships", { token: MEMBER });
      expect(status).to.equal(200);
    });
  });

  describe("GET /{id}", () => {
    it("returns one membership in the envelope", async () => {
      const { status, body } = await call(sim(), "GET", "/access_group_memberships/10002?include=user");
      expect(status).to.equal(200);
      expect(body.count).to.equal(1);
      expect(body.meta).to.deep.equal({ count: 1, page_count: 1, page_number: 1, page_size: 20 });
      expect(body.access_group_memberships["10002"].id).to.equal("10002");
      expect(Object.keys(body.users)).to.have.length(1);
    });

    it("404s for an unknown id, a non-numeric id and a hidden Account Administrators membership", async () => {
      for (const id of ["999999", "abc", "10001"]) {
        const { status, body } = await call(sim(), "GET", `/access_group_memberships/${id}`);
        expect(status, id).to.equal(404);
        expect(body).to.deep.equal({ errors: [{ type: "system", message: "Not found" }] });
      }
    });
  });

  describe("POST", () => {
    it("creates a membership and answers 200 with the envelope of the new record", async () => {
      expect(sim().store.accessGroupMemberships.findPair(NEW_MEMBER, FINANCE_REVIEWERS)).to.equal(undefined);
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, FINANCE_REVIEWERS) });
      expect(status).to.equal(200);
      expect(body.count).to.equal(1);
      expect(body.meta).to.deep.equal({ count: 1, page_count: 1, page_number: 1, page_size: 20 });
      const [m] = records(body, "access_group_memberships");
      expect(m).to.include({ user_id: String(NEW_MEMBER), access_group_id: String(FINANCE_REVIEWERS), access_group_name: "Finance Reviewers", creator_id: "1" });
      const again = await call(sim(), "GET", `/access_group_memberships/${m.id}`);
      expect(again.status).to.equal(200);
    });

    it("accepts ids sent as numeric strings and honours include=", async () => {
      const { body } = await call(sim(), "POST", "/access_group_memberships?include=user,access_group", { body: create(String(NEW_MEMBER), String(FINANCE_REVIEWERS)) });
      expect(Object.keys(body)).to.deep.equal(["count", "results", "access_group_memberships", "meta", "users", "access_groups"]);
    });

    it("gives new records increasing ids and timestamps from the simulated clock", async () => {
      const first = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, FINANCE_REVIEWERS) });
      const second = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, FINANCE_REVIEWERS + 1) });
      const [a] = records(first.body, "access_group_memberships");
      const [b] = records(second.body, "access_group_memberships");
      expect(Number(b.id)).to.equal(Number(a.id) + 1);
      expect(a.created_at).to.equal("2025-01-06T09:00:01-07:00");
      expect(b.created_at).to.equal("2025-01-06T09:00:02-07:00");
    });

    it("422s a user who already belongs to the group", async () => {
      const first = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, FINANCE_REVIEWERS) });
      expect(first.status).to.equal(200);
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, FINANCE_REVIEWERS) });
      expect(status).to.equal(422);
      expect(body).to.deep.equal({ errors: [{ type: "validation", message: "User has already been added to this group", field: "user_id" }] });
    });

    it("422s joining an Account Default group", async () => {
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, 4) });
      expect(status).to.equal(422);
      expect(body.errors[0]).to.include({ type: "validation", field: "access_group_id" });
      expect(body.errors[0].message).to.match(/Account Default/);
    });

    it("422s joining Account Administrators, pointing at the account permission", async () => {
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, ADMINISTRATORS) });
      expect(status).to.equal(422);
      expect(body.errors[0].message).to.match(/Account Administrators.*permission/);
    });

    it("422s an unknown user and an unknown group, naming each field", async () => {
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { body: create(999999, 999) });
      expect(status).to.equal(422);
      expect(body.errors.map((e: { field: string }) => e.field)).to.deep.equal(["user_id", "access_group_id"]);
      for (const e of body.errors) expect(e.type).to.equal("validation");
    });

    it("422s missing fields as blank and ill-typed fields as invalid", async () => {
      const missing = await call(sim(), "POST", "/access_group_memberships", { body: { access_group_membership: {} } });
      expect(missing.status).to.equal(422);
      expect(missing.body.errors).to.deep.equal([
        { type: "validation", message: "Access group can't be blank", field: "access_group_id" },
        { type: "validation", message: "User can't be blank", field: "user_id" },
      ]);
      const bad = await call(sim(), "POST", "/access_group_memberships", { body: create(1.5, true) });
      expect(bad.body.errors.map((e: { message: string }) => e.message)).to.deep.equal(["Access group is invalid", "User is invalid"]);
    });

    it("400s a missing root key as a syntax error", async () => {
      for (const body of [{}, { user_id: 5, access_group_id: 11 }, { access_group_membership: "5" }, []]) {
        const answer = await call(sim(), "POST", "/access_group_memberships", { body });
        expect(answer.status, JSON.stringify(body)).to.equal(400);
        expect(answer.body.errors[0].type).to.equal("syntax");
        expect(answer.body.errors[0].message).to.match(/^Missing required parameters/);
      }
      const empty = await call(sim(), "POST", "/access_group_memberships");
      expect(empty.status).to.equal(400);
    });

    it("400s malformed JSON as a syntax error", async () => {
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { rawBody: '{"access_group_membership": {' });
      expect(status).to.equal(400);
      expect(body).to.deep.equal({ errors: [{ type: "syntax", message: "malformed JSON detected, please lint your request params" }] });
    });

    it("403s a non-administrator token and writes nothing", async () => {
      const before = sim().store.accessGroupMemberships.size;
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { token: MEMBER, body: create(NEW_MEMBER, FINANCE_REVIEWERS) });
      expect(status).to.equal(403);
      expect(body.errors[0].type).to.equal("system");
      expect(sim().store.accessGroupMemberships.size).to.equal(before);
    });
  });

  describe("DELETE /{id}", () => {
    it("deletes a membership and answers 204 with no body", async () => {
      const created = await call(sim(), "POST", "/access_group_memberships", { body: create(NEW_MEMBER, FINANCE_REVIEWERS) });
      const id = created.body.results[0].id;
      const { status, text, headers } = await call(sim(), "DELETE", `/access_group_memberships/${id}`);
      expect(status).to.equal(204);
      expect(text).to.equal("");
      expect(headers.get("x-request-id")).to.be.a("string");
      expect((await call(sim(), "GET", `/access_group_memberships/${id}`)).status).to.equal(404);
    });

    it("404s an unknown id", async () => {
      const { status, body } = await call(sim(), "DELETE", "/access_group_memberships/999999");
      expect(status).to.equal(404);
      expect(body.errors[0].message).to.equal("Not found");
    });

    it("422s leaving an Account Default group, and Account Administrators", async () => {
      const collaborator = sim().store.accessGroupMemberships.findPair(2, COLLABORATOR)!;
      const administrator = sim().store.accessGroupMemberships.findPair(1, ADMINISTRATORS)!;
      for (const m of [collaborator, administrator]) {
        const { status, body } = await call(sim(), "DELETE", `/access_group_memberships/${m.id}`);
        expect(status).to.equal(422);
        expect(body.errors[0]).to.include({ type: "validation", field: "base" });
        expect(sim().store.accessGroupMemberships.get(m.id)).to.not.equal(undefined);
      }
    });

    it("403s a non-administrator token", async () => {
      const m = sim().store.accessGroupMemberships.ofGroup(FINANCE_REVIEWERS)[0];
      const { status } = await call(sim(), "DELETE", `/access_group_memberships/${m.id}`, { token: MEMBER });
      expect(status).to.equal(403);
    });
  });

  it("has no update: PUT answers 405 with the error envelope and an Allow header", async () => {
    const { status, body, headers } = await call(sim(), "PUT", "/access_group_memberships/10002", { body: { access_group_membership: {} } });
    expect(status).to.equal(405);
    expect(body).to.deep.equal({ errors: [{ type: "system", message: "Method not allowed" }] });
    expect(headers.get("allow")).to.equal("GET, DELETE");
  });
});
