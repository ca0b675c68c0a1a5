import { expect } from "chai";
import { FixtureInput } from "../../simulator";
import { ADMIN, call, control, useSimulator } from "./helpers";

const createBody = { access_group_membership: { user_id: 5, access_group_id: 11 } };

/** A tiny account: one administrator, one group of each kind. */
const tinyFixture: FixtureInput = {
  account: { id: 7, name: "Tiny" },
  clock_start: "2024-06-01T00:00:00Z",
  tokens: { "tiny-token": 1 },
  users: [{ id: 1, full_name: "Tess Tiny", email_address: "tess@tiny.example", account_permission: "administrator" }],
  access_groups: [{ id: 1, name: "Editors", created_at: "2024-01-01T00:00:00Z" }],
  insights_access_groups: [{ id: 1, name: "Dashboards" }],
  workspace_groups: [{ id: 1, name: "Acme", created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z" }],
};

describe("simulator: control API (/__simulator/)", () => {
  const sim = useSimulator();
  // Some cases load another fixture, which (by design) survives reset: bring the default back.
  afterEach(() => sim().loadFixture(undefined));

  it("POST reset returns to the fixture and clears the log, counters and fault rules", async () => {
    await call(sim(), "POST", "/access_group_memberships", { body: createBody });
    sim().faults.add({ respond: 503, match: { path: "/nothing" } });
    const { status } = await control(sim(), "POST", "reset");
    expect(status).to.equal(200);
    expect(sim().store.accessGroupMemberships.findPair(5, 11)).to.equal(undefined);
    expect(sim().requestLog()).to.deep.equal([]);
    expect(sim().counters().total).to.equal(0);
    expect(sim().faults.list()).to.deep.equal([]);
  });

  it("restarts ids and the clock on reset, so a run repeats exactly", async () => {
    const first = await call(sim(), "POST", "/access_group_memberships", { body: createBody });
    await control(sim(), "POST", "reset");
    const second = await call(sim(), "POST", "/access_group_memberships", { body: createBody });
    expect(second.body).to.deep.equal(first.body);
  });

  it("POST fixture loads another account, which stays loaded across resets", async () => {
    const { status, body } = await control(sim(), "POST", "fixture", tinyFixture);
    expect(status).to.equal(200);
    expect(body).to.deep.equal({ ok: true, users: 1 });
    expect((await call(sim(), "GET", "/users/me", { token: "tiny-token" })).body.users["1"].full_name).to.equal("Tess Tiny");
    expect((await call(sim(), "GET", "/users/me", { token: ADMIN })).status, "old tokens are gone").to.equal(401);
    await control(sim(), "POST", "reset");
    expect((await call(sim(), "GET", "/workspace_groups", { token: "tiny-token" })).body.count).to.equal(1);
  });

  it("POST fixture answers 400 naming every problem of an invalid fixture, and keeps the old one", async () => {
    const broken = {
      ...tinyFixture,
      tokens: { t: 9 },
      user_group_memberships: [{ id: 1, user_id: 1, workspace_group_id: 5, created_at: "2024-01-01T00:00:00Z" }],
    };
    const { status, body } = await control(sim(), "POST", "fixture", broken);
    expect(status).to.equal(400);
    expect(body.errors[0].message).to.match(/token belongs to user 9/).and.to.match(/unknown workspace_groups id 5/);
    expect(sim().store.users.size).to.equal(2000);
  });

  it("GET state dumps the account in fixture format plus every setting, and the dump loads back", async () => {
    await call(sim(), "POST", "/access_group_memberships", { body: createBody });
    const { body } = await control(sim(), "GET", "state");
    expect(body).to.have.all.keys("account", "options", "faults", "latency", "rateLimit", "seed");
    expect(body.account.users).to.have.length(2000);
    expect(body.account.access_group_memberships.some((m: { user_id: number; access_group_id: number }) => m.user_id === 5 && m.access_group_id === 11)).to.equal(true);
    expect((await control(sim(), "POST", "fixture", body.account)).status).to.equal(200);
    expect(sim().store.accessGroupMemberships.findPair(5, 11)).to.not.equal(undefined);
  });

  it("GET requests lists method, path, query, status and time, never the token", async () => {
    await call(sim(), "GET", "/access_group_memberships?user_id=2&per_page=5");
    await call(sim(), "POST", "/access_group_memberships", { body: createBody });
    await call(sim(), "GET", "/users/me?access_token=sim-admin-token", { token: "wrong-token" });
    const { body } = await control(sim(), "GET", "requests");
    expect(body.requests).to.have.length(3);
    expect(body.requests[0]).to.include({ seq: 1, method: "GET", path: "/api/v1/access_group_memberships", status: 200, userId: "1" });
    expect(body.requests[0].query).to.deep.equal({ user_id: "2", per_page: "5" });
    expect(Date.parse(body.requests[0].time)).to.be.a("number").and.not.NaN;
    expect(body.requests[1]).to.include({ method: "POST", status: 200 });
    expect(body.requests[2]).to.include({ status: 401, userId: null });
    const text = JSON.stringify(body);
    expect(text).not.to.contain(ADMIN);
    expect(text).not.to.contain("wrong-token");
    expect(text).not.to.match(/bearer|authorization/i);
  });

  it("GET counters counts per endpoint and reads versus writes, not control calls", async () => {
    await call(sim(), "GET", "/workspace_groups/1.json");
    await call(sim(), "GET", "/workspace_groups");
    await call(sim(), "POST", "/access_group_memberships", { body: createBody });
    await call(sim(), "DELETE", "/user_group_memberships/999999");
    await control(sim(), "GET", "state");
    const { body } = await control(sim(), "GET", "counters");
    expect(body).to.deep.equal({
      total: 4,
      reads: 2,
      writes: 2,
      byEndpoint: { "GET /workspace_groups": 2, "POST /access_group_memberships": 1, "DELETE /user_group_memberships": 1 },
      byStatus: { "200": 3, "404": 1 },
    });
  });

  it("POST, GET and DELETE faults manage fault rules over HTTP", async () => {
    const added = await control(sim(), "POST", "faults", [{ respond: 503, times: 1 }, { respond: 429, match: { method: "DELETE" } }]);
    expect(added.status).to.equal(200);
    expect(added.body.faults.map((f: { id: string }) => f.id)).to.deep.equal(["fault-1", "fault-2"]);
    expect((await call(sim(), "GET", "/users/me")).status).to.equal(503);
    const listed = await control(sim(), "GET", "faults");
    expect(listed.body.faults[0]).to.include({ id: "fault-1", fired: 1, stage: "before", probability: 1 });
    expect((await control(sim(), "DELETE", "faults/fault-2")).status).to.equal(200);
    expect((await control(sim(), "DELETE", "faults/fault-2")).status).to.equal(404);
    await control(sim(), "POST", "faults", { respond: 503 });
    expect((await control(sim(), "DELETE", "faults")).status).to.equal(200);
    expect((await control(sim(), "GET", "faults")).body.faults).to.deep.equal([]);
  });

  it("answers 400 for an invalid rule, latency, rate limit, option or JSON", async () => {
    for (const [method, path, body] of [
      ["POST", "faults", { respond: "explode" }],
      ["PUT", "latency", { fixedMs: -1 }],
      ["PUT", "rate-limit", { requestsPerSecond: 0, burst: 1 }],
      ["PUT", "options", { bulkMod: "partial" }],
      ["PUT", "seed", {}],
    ] as const) {
      const answer = await control(sim(), method, path, body);
      expect(answer.status, path).to.equal(400);
      expect(answer.body.errors[0].message).to.be.a("string");
    }
    const response = await fetch(`${sim().url.replace("/api/v1", "")}/__simulator/faults`, { method: "POST", body: "{" });
    expect(response.status).to.equal(400);
  });

  it("PUT latency, rate-limit, options and seed change the simulator until reset", async () => {
    expect((await control(sim(), "PUT", "latency", { fixedMs: 5 })).body).to.deep.equal({ latency: { fixedMs: 5 } });
    expect((await control(sim(), "PUT", "rate-limit", { requestsPerSecond: 100, burst: 10 })).body.rateLimit).to.include({ burst: 10 });
    expect((await control(sim(), "PUT", "options", { foreignKeys: "number" })).body.options.foreignKeys).to.equal("number");
    expect((await control(sim(), "PUT", "seed", { seed: "abc" })).body).to.deep.equal({ seed: "abc" });
    const state = (await control(sim(), "GET", "state")).body;
    expect(state).to.deep.include({ latency: { fixedMs: 5 }, seed: "abc" });
    expect((await control(sim(), "GET", "options")).body.options.foreignKeys).to.equal("number");
    await control(sim(), "POST", "reset");
    const after = (await control(sim(), "GET", "state")).body;
    expect(after).to.deep.include({ latency: null, rateLimit: null, seed: 1 });
    expect(after.options.foreignKeys).to.equal("string");
    expect((await control(sim(), "PUT", "latency", null)).body).to.deep.equal({ latency: null });
  });

  it("404s an unknown control route", async () => {
    const { status, body } = await control(sim(), "GET", "nope");
    expect(status).to.equal(404);
    expect(body.errors[0].message).to.contain("/__simulator/nope");
  });
});
