import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import {
  clearLookupCache,
  getAccessGroup,
  getAccessGroupOutput,
  getInsightsAccessGroup,
  getInsightsAccessGroupOutput,
  getUser,
  getUserOutput,
  getWorkspaceGroup,
  getWorkspaceGroupOutput,
  type LookupOptions,
} from "../../../provider/lookups";
import { getDefaultFixture, startSimulator, type Simulator } from "../../../simulator";

const ADMIN_TOKEN = "sim-admin-token";
const MEMBER_TOKEN = "sim-member-token";

/** The value of a known Output (plain inputs are always known, at preview too). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/**
 * One read per kind of record per program run: every lookup of a kind shares one paged read of
 * the whole list, started by the first lookup and keyed by base URL and token.
 */
describe("the lookup cache", () => {
  let sim: Simulator;
  let opts: LookupOptions;
  const emails = (getDefaultFixture() as unknown as { users: Array<{ id: number; email_address: string }> }).users.map((u) => u.email_address);
  const requests = (s: Simulator = sim) => s.requestLog().map((r) => `${r.method} ${r.path}`);

  before(async () => {
    sim = await startSimulator({ port: 0 });
    opts = { baseUrl: sim.url, apiToken: ADMIN_TOKEN };
  });
  beforeEach(() => {
    clearLookupCache();
    sim.reset();
  });
  after(async () => sim.close());

  it("answers 500 concurrent getUser calls with ceil(2000 / 200) = 10 requests", async () => {
    const wanted = emails.filter((_, i) => i % 4 === 0); // 500 distinct users spread over every page
    expect(wanted).to.have.length(500);
    const found = await Promise.all(wanted.map((email) => getUser({ email }, opts)));
    expect(found.map((u) => u.emailAddress)).to.deep.equal(wanted);
    expect(new Set(found.map((u) => u.id)).size).to.equal(500);
    expect(requests()).to.deep.equal(Array(10).fill("GET /api/v1/users"));
  });

  it("answers later lookups by email or id from the same read, with no request", async () => {
    await getUser({ email: emails[0]! }, opts);
    const before = requests().length;
    for (const email of emails.slice(0, 250)) await getUser({ email }, opts);
    for (let id = 1; id <= 250; id++) await getUser({ id }, opts);
    expect(before).to.equal(10);
    expect(requests()).to.have.length(10);
  });

  it("reads each kind once however many lookups of it there are: 10 + 1 + 1 + 1 requests for the default account", async () => {
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => getUser({ id: i + 1 }, opts)),
      ...["Finance Reviewers", "EMEA Managers", "Punch Clock"].map((name) => getAccessGroup({ name }, opts)),
      ...["Finance Dashboards", "Delivery Analytics"].map((name) => getInsightsAccessGroup({ name }, opts)),
      ...["Engineering", "Initech", "Strategy & Operations"].map((name) => getWorkspaceGroup({ name }, opts)),
    ]);
    const counts: Record<string, number> = {};
    for (const r of requests()) counts[r] = (counts[r] ?? 0) + 1;
    expect(counts).to.deep.equal({
      "GET /api/v1/users": 10,
      "GET /api/v1/access_groups": 1,
      "GET /api/v1/insights_access_groups": 1,
      "GET /api/v1/workspace_groups": 1,
    });
  });

  it("shares the read between the promise and the Output forms", async () => {
    const [user, group, access, insights] = await Promise.all([
      valueOf(getUserOutput({ email: pulumi.output(emails[5]!) }, opts)),
      valueOf(getWorkspaceGroupOutput({ name: pulumi.output("Engineering") }, opts)),
      valueOf(getAccessGroupOutput({ name: "Finance Reviewers" }, opts)),
      valueOf(getInsightsAccessGroupOutput({ name: Promise.resolve("Finance Dashboards") }, opts)),
      getUser({ id: 6 }, opts),
      getWorkspaceGroup({ name: "Engineering" }, opts),
    ]);
    expect([user.id, group.id, access.id, insights.id]).to.deep.equal([6, 5, 11, 3]);
    expect(requests().filter((r) => r.endsWith("/users"))).to.have.length(10);
    expect(requests().filter((r) => r.endsWith("/workspace_groups"))).to.have.length(1);
  });

  it("keeps the Output form's result equal to the promise form's", async () => {
    const email = "mateo.almeida@lakeside-consulting.example";
    expect(await valueOf(getUserOutput({ email }, opts))).to.deep.equal(await getUser({ email }, opts));
    expect(await valueOf(getUserOutput({ id: pulumi.output(7) }, opts))).to.deep.equal(await getUser({ id: 7 }, opts));
  });

  it("reads again for another base URL, and for another token on the same base URL", async () => {
    const other = await startSimulator({ port: 0 });
    try {
      await getWorkspaceGroup({ name: "Engineering" }, opts);
      await getWorkspaceGroup({ name: "Engineering" }, { baseUrl: other.url, apiToken: ADMIN_TOKEN });
      await getWorkspaceGroup({ name: "Engineering" }, { baseUrl: sim.url, apiToken: MEMBER_TOKEN });
      await getWorkspaceGroup({ name: "Initech" }, opts);
      expect(requests()).to.deep.equal(["GET /api/v1/workspace_groups", "GET /api/v1/workspace_groups"]);
      expect(requests(other)).to.deep.equal(["GET /api/v1/workspace_groups"]);
      expect(sim.requestLog().map((r) => String(r.userId))).to.deep.equal(["1", "2"]); // the administrator, then the member
    } finally {
      await other.close();
    }
  });
});
