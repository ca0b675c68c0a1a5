import { expect } from "chai";
import { call, useSimulator } from "./helpers";

/**
 * The simulator never pretends: a parameter Kantata documents is applied as documented, or the
 * request is refused with a 400 that names it — never answered with unfiltered data — and a
 * filter that takes one id reads a list as Rails does (its first id).
 */
describe("simulator: strict where the API is specific", () => {
  const sim = useSimulator();

  describe("filters that take one id", () => {
    it("reads access_group_memberships?user_id=A,B as user A only, as Rails' to_i does", async () => {
      const a = await call(sim(), "GET", "/access_group_memberships?user_id=10&per_page=200");
      const b = await call(sim(), "GET", "/access_group_memberships?user_id=20&per_page=200");
      const both = await call(sim(), "GET", "/access_group_memberships?user_id=10,20&per_page=200");
      expect(b.body.count).to.be.greaterThan(0);
      expect(both.body.results).to.deep.equal(a.body.results);
    });

    it("still reads a list where the API takes one (user_group_memberships?user_ids=A,B)", async () => {
      const a = await call(sim(), "GET", "/user_group_memberships?user_ids=10");
      const b = await call(sim(), "GET", "/user_group_memberships?user_ids=20");
      const both = await call(sim(), "GET", "/user_group_memberships?user_ids=10,20");
      expect(both.body.count).to.equal(a.body.count + b.body.count);
    });
  });

  describe("documented parameters it does not imitate", () => {
    for (const [path, param] of [
      ["/users?on_my_account=true&with_users=5", "with_users"],
      ["/users?on_my_account=true&can_view_reports=true", "can_view_reports"],
      ["/users?by_full_name_or_account_role=admin", "by_full_name_or_account_role"],
      ["/users/1?is_project_lead=true", "is_project_lead"],
      ["/workspace_groups?created_after=2024-01-01", "created_after"],
      ["/workspace_groups?updated_before=2024-01-01", "updated_before"],
    ]) {
      it(`refuses GET ${path} with a 400 naming ${param}`, async () => {
        const { status, body } = await call(sim(), "GET", path);
        expect(status).to.equal(400);
        expect(body.errors[0].message).to.contain(param).and.contain("does not imitate");
      });
    }
  });

  describe("documented parameters it applies", () => {
    it("GET /users/{id} shows a user of the account with on_my_account=true, and only the caller without it", async () => {
      const shown = await call(sim(), "GET", "/users/7?on_my_account=true");
      expect(shown.status).to.equal(200);
      expect(shown.body.results).to.deep.equal([{ key: "users", id: "7" }]);
      expect((await call(sim(), "GET", "/users/1")).status).to.equal(200);
      expect((await call(sim(), "GET", "/users/7")).status).to.equal(404);
      expect((await call(sim(), "GET", "/users/999999?on_my_account=true")).status).to.equal(404);
    });

    it("GET /users?account_id= keeps the account's users for its own id and none for another", async () => {
      const own = await call(sim(), "GET", "/users?on_my_account=true&account_id=1&per_page=1");
      const other = await call(sim(), "GET", "/users?on_my_account=true&account_id=2&per_page=1");
      expect(own.body.count).to.equal(2000);
      expect(other.body.count).to.equal(0);
    });

    it("GET /workspace_groups?matching= and companies_only=true filter by name and by company", async () => {
      const groups = [...sim().store.workspaceGroups.values()];
      const target = groups[0];
      const word = target.name.split(" ")[0].toUpperCase();
      const matching = await call(sim(), "GET", `/workspace_groups?matching=${encodeURIComponent(word)}`);
      const expected = groups.filter((g) => g.name.toLowerCase().includes(word.toLowerCase())).map((g) => String(g.id)).sort();
      expect(matching.body.results.map((r: { id: string }) => r.id).sort()).to.deep.equal(expected);
      const companies = await call(sim(), "GET", "/workspace_groups?companies_only=true");
      expect(companies.body.results.map((r: { id: string }) => r.id).sort()).to.deep.equal(groups.filter((g) => g.company).map((g) => String(g.id)).sort());
      expect(companies.body.count).to.be.lessThan(groups.length);
    });
  });
});
