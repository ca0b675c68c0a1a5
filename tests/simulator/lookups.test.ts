import { expect } from "chai";
import { call, MEMBER, records, useSimulator } from "./helpers";

describe("simulator: read-only lookups", () => {
  const sim = useSimulator();

  describe("GET /users", () => {
    it("without on_my_account=true lists only the token's own user", async () => {
      const admin = await call(sim(), "GET", "/users");
      expect(admin.body.results).to.deep.equal([{ key: "users", id: "1" }]);
      const member = await call(sim(), "GET", "/users", { token: MEMBER });
      expect(member.body.results).to.deep.equal([{ key: "users", id: "2" }]);
    });

    it("with on_my_account=true lists every user alphabetically, and reverses on alphabetical:desc", async () => {
      const { body } = await call(sim(), "GET", "/users?on_my_account=true&per_page=200");
      expect(body.count).to.equal(2000);
      const names = records(body, "users").map((u) => u.full_name.toLowerCase());
      expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, "en")));
      const desc = await call(sim(), "GET", "/users?on_my_account=true&order=alphabetical:desc&per_page=1");
      const last = await call(sim(), "GET", "/users?on_my_account=true&per_page=1&page=2000");
      expect(desc.body.results).to.deep.equal(last.body.results);
    });

    it("shows the user fields with string ids", async () => {
      const { body } = await call(sim(), "GET", "/users/me");
      expect(body.users["1"]).to.have.all.keys("id", "full_name", "photo_path", "email_address", "headline", "account_id", "account_permission", "disabled");
      expect(body.users["1"]).to.include({ id: "1", account_id: "1", account_permission: "administrator", disabled: false });
    });

    it("finds users by_email_address (ignoring case) and by_email_addresses", async () => {
      const [a, b] = [sim().store.users.get(10)!, sim().store.users.get(20)!];
      const one = await call(sim(), "GET", `/users?on_my_account=true&by_email_address=${encodeURIComponent(a.email_address.toUpperCase())}`);
      expect(one.body.results).to.deep.equal([{ key: "users", id: "10" }]);
      const two = await call(sim(), "GET", `/users?on_my_account=true&by_email_addresses=${a.email_address},${b.email_address},nobody@example.com`);
      expect(two.body.results.map((r: { id: string }) => r.id).sort()).to.deep.equal(["10", "20"]);
    });

    it("fetches given users with only=", async () => {
      const { body } = await call(sim(), "GET", "/users?on_my_account=true&only=7,8");
      expect(body.count).to.equal(2);
    });
  });

  describe("GET /users/me", () => {
    it("returns the token's user", async () => {
      const { body } = await call(sim(), "GET", "/users/me", { token: MEMBER });
      expect(body.count).to.equal(1);
      expect(body.users["2"].account_permission).to.equal("collaborator");
    });
  });

  describe("GET /access_groups", () => {
    it("lists the 7 Account Default groups, the 3 presets and the custom groups, in id order", async () => {
      const { body } = await call(sim(), "GET", "/access_groups");
      const groups = records(body, "access_groups");
      expect(groups.filter((g) => g.is_account_default).map((g) => g.name)).to.deep.equal([
        "Account Administrators",
        "Reports Viewer With Cost",
        "Reports Viewer",
        "Project Lead",
        "Project Creator",
        "Collaborator",
        "Punch Clock",
      ]);
      expect(groups.map((g) => g.name)).to.include.members(["View Only Resource Center", "View My Allocations", "Resource Requesters", "Finance Reviewers", "EMEA Managers"]);
      expect(groups[0]).to.have.all.keys("id", "name", "description", "is_account_default", "created_at");
    });
  });

  describe("GET /insights_access_groups", () => {
    it("lists the two defaults and the custom groups with a live member count", async () => {
      const before = records((await call(sim(), "GET", "/insights_access_groups")).body, "insights_access_groups");
      expect(before.filter((g) => g.is_admin_default)).to.have.length(1);
      expect(before.filter((g) => g.is_reports_viewer_default)).to.have.length(1);
      expect(before[0]).to.have.all.keys("id", "name", "group_member_count", "is_admin_default", "is_reports_viewer_default");
      await call(sim(), "POST", "/insights_access_group_memberships", { body: { insights_access_group_membership: { user_id: 5, insights_access_group_id: 3 } } });
      const after = await call(sim(), "GET", "/insights_access_groups?only=3");
      expect(after.body.insights_access_groups["3"].group_member_count).to.equal(before[2].group_member_count + 1);
    });
  });

  describe("GET /workspace_groups", () => {
    it("lists groups by name with unique names", async () => {
      const { body } = await call(sim(), "GET", "/workspace_groups");
      const names = records(body, "workspace_groups").map((g) => g.name);
      expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, "en")));
      expect(new Set(names.map((n) => n.toLowerCase())).size).to.equal(8);
    });

    it("orders by name descending or by created_at on request", async () => {
      const byName = records((await call(sim(), "GET", "/workspace_groups")).body, "workspace_groups").map((g) => g.id);
      const desc = records((await call(sim(), "GET", "/workspace_groups?order=name:desc")).body, "workspace_groups").map((g) => g.id);
      expect(desc).to.deep.equal([...byName].reverse());
      const created = records((await call(sim(), "GET", "/workspace_groups?order=created_at:asc")).body, "workspace_groups").map((g) => g.id);
      expect(created).to.deep.equal(["1", "2", "3", "4", "5", "6", "7", "8"]);
    });

    it("returns one group by id with its fields, and 404s an unknown one", async () => {
      const { body } = await call(sim(), "GET", "/workspace_groups/1");
      expect(body.workspace_groups["1"]).to.have.all.keys(
        "id", "name", "company", "contact_name", "email", "phone_number", "address", "website", "notes", "created_at", "updated_at",
      );
      const missing = await call(sim(), "GET", "/workspace_groups/999");
      expect(missing.status).to.equal(404);
      expect(missing.body).to.deep.equal({ errors: [{ type: "system", message: "Not found" }] });
    });

    it("is readable with a non-administrator token", async () => {
      expect((await call(sim(), "GET", "/workspace_groups", { token: MEMBER })).status).to.equal(200);
    });

    it("is read-only: POST answers 405", async () => {
      expect((await call(sim(), "POST", "/workspace_groups", { body: { workspace_group: { name: "X" } } })).status).to.equal(405);
    });
  });
});
