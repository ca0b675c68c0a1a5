import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import defaultAccount from "../../simulator/fixtures/default-account.json";
import { FixtureError, FixtureInput, getDefaultFixture, parseFixture, startSimulator } from "../../simulator";
import { makeFixture } from "../../scripts/make-fixture";

/** The message of the `FixtureError` that `parseFixture` throws for `input`. */
function problems(input: unknown): string {
  try {
    parseFixture(input);
  } catch (error) {
    expect(error).to.be.instanceOf(FixtureError);
    return (error as Error).message;
  }
  throw new Error("expected the fixture to be refused");
}

const minimal: FixtureInput = {
  account: { id: 1, name: "Minimal" },
  clock_start: "2024-01-01T00:00:00Z",
  tokens: { only: 1 },
  users: [{ id: 1, full_name: "Only User", email_address: "only@example.com", account_permission: "administrator" }],
};

describe("simulator: fixtures", () => {
  describe("the default account", () => {
    const f = getDefaultFixture();

    it("is what the seeded generator produces (the committed JSON is reproducible)", () => {
      expect(makeFixture(20250106, 2000)).to.deep.equal(defaultAccount);
    });

    it("has 2,000 users with unique email addresses and a handful of administrators", () => {
      expect(f.users).to.have.length(2000);
      expect(f.users.map((u) => u.id)).to.deep.equal(Array.from({ length: 2000 }, (_, i) => i + 1));
      expect(new Set(f.users.map((u) => u.email_address.toLowerCase())).size).to.equal(2000);
      const admins = f.users.filter((u) => u.account_permission === "administrator");
      expect(admins.length).to.be.within(3, 10);
    });

    it("maps sim-admin-token to an administrator and sim-member-token to a collaborator", () => {
      const user = (token: string) => f.users.find((u) => u.id === f.tokens[token])!;
      expect(user("sim-admin-token").account_permission).to.equal("administrator");
      expect(user("sim-member-token").account_permission).to.equal("collaborator");
    });

    it("has the 7 Account Default access groups, the 3 presets and custom groups", () => {
      expect(f.access_groups.filter((g) => g.account_permission !== null)).to.have.length(7);
      expect(f.access_groups.map((g) => g.name)).to.include.members(["View Only Resource Center", "View My Allocations", "Resource Requesters"]);
      expect(f.access_groups.length).to.be.within(12, 16);
    });

    it("puts every user in the Account Default group of their permission", () => {
      const defaultOf = new Map(f.access_groups.filter((g) => g.account_permission).map((g) => [g.account_permission, g.id]));
      const pairs = new Set(f.access_group_memberships.map((m) => `${m.user_id}:${m.access_group_id}`));
      for (const u of f.users) {
        const group = defaultOf.get(u.account_permission);
        if (group !== undefined) expect(pairs.has(`${u.id}:${group}`), `user ${u.id}`).to.equal(true);
      }
    });

    it("puts every administrator in the Insights admin default group, and no user in two Insights groups", () => {
      const adminDefault = f.insights_access_groups.find((g) => g.is_admin_default)!;
      const members = f.insights_access_group_memberships.filter((m) => m.insights_access_group_id === adminDefault.id).map((m) => m.user_id);
      expect(members).to.have.members(f.users.filter((u) => u.account_permission === "administrator").map((u) => u.id));
      const users = f.insights_access_group_memberships.map((m) => m.user_id);
      expect(new Set(users).size).to.equal(users.length);
    });

    it("has about 8 workspace groups with names unique ignoring case, and memberships of each kind", () => {
      expect(f.workspace_groups.length).to.be.within(6, 10);
      expect(new Set(f.workspace_groups.map((g) => g.name.toLowerCase())).size).to.equal(f.workspace_groups.length);
      expect(f.user_group_memberships.length).to.be.greaterThan(100);
      expect(f.insights_access_groups.length).to.be.within(4, 6);
    });
  });

  describe("validation", () => {
    it("accepts a minimal fixture and fills in the optional fields", () => {
      const f = parseFixture(minimal);
      expect(f.users[0]).to.include({ disabled: false, headline: null });
      expect(f.account.utc_offset).to.equal("+00:00");
      expect(f.access_group_memberships).to.deep.equal([]);
    });

    it("reads ids given as numeric strings", () => {
      const f = parseFixture({ ...minimal, users: [{ ...minimal.users[0], id: "1" }] });
      expect(f.users[0].id).to.equal(1);
    });

    it("names a malformed field by its path", () => {
      const bad = {
        ...minimal,
        tokens: { only: 2 },
        users: [minimal.users[0], { ...minimal.users[0], email_address: "ONLY@example.com" }],
        workspace_groups: [
          { id: 1, name: "Acme", created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z" },
          { id: 2, name: "ACME", created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z" },
        ],
        access_group_memberships: [{ id: 1, user_id: 1, access_group_id: 3, created_at: "yesterday" }],
      };
      expect(problems(bad)).to.contain("access_group_memberships[0].created_at");
    });

    it("checks cross-references once the shape is right", () => {
      const bad = {
        ...minimal,
        tokens: { only: 2 },
        users: [minimal.users[0], { ...minimal.users[0], email_address: "ONLY@example.com" }],
        access_group_memberships: [{ id: 1, user_id: 1, access_group_id: 3, created_at: "2024-01-01T00:00:00Z" }],
      };
      const message = problems(bad);
      for (const problem of ["duplicate id 1 in users", "duplicate email address ONLY@example.com", "token belongs to user 2", "unknown access_groups id 3"]) {
        expect(message).to.contain(problem);
      }
    });
  });

  describe("loading a file", () => {
    it("starts a simulator on a fixture file", async () => {
      const file = join(mkdtempSync(join(tmpdir(), "kantata-fixture-")), "account.json");
      writeFileSync(file, JSON.stringify(minimal));
      const sim = await startSimulator({ fixture: file });
      try {
        const response = await fetch(`${sim.url}/users/me`, { headers: { Authorization: "Bearer only" } });
        expect(response.status).to.equal(200);
      } finally {
        await sim.close();
      }
    });

    it("rejects a missing file, a file that is not JSON and an invalid fixture, naming the file", async () => {
      const dir = mkdtempSync(join(tmpdir(), "kantata-fixture-"));
      writeFileSync(join(dir, "bad.json"), "{ not json");
      writeFileSync(join(dir, "invalid.json"), JSON.stringify({ ...minimal, users: "none" }));
      for (const [name, pattern] of [
        ["missing.json", /Cannot read fixture file .*missing\.json/],
        ["bad.json", /bad\.json is not valid JSON/],
        ["invalid.json", /Invalid fixture file .*invalid\.json[\s\S]*users/],
      ] as const) {
        let error: unknown;
        await startSimulator({ fixture: join(dir, name) }).catch((e: unknown) => (error = e));
        expect(error, name).to.be.instanceOf(FixtureError);
        expect((error as Error).message).to.match(pattern);
      }
    });
  });
});
