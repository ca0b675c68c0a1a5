import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { SettingsError } from "../../../provider/config";
import { KantataAuthenticationError, KantataServerError } from "../../../provider/client";
import {
  clearLookupCache,
  getAccessGroup,
  getInsightsAccessGroup,
  getUser,
  getWorkspaceGroup,
  isKantataLookupError,
  KantataLookupAmbiguousError,
  KantataLookupArgumentError,
  KantataLookupNotFoundError,
  KantataLookupReadError,
  type LookupOptions,
} from "../../../provider/lookups";
import { getDefaultFixture, startSimulator, type Simulator } from "../../../simulator";

const ADMIN_TOKEN = "sim-admin-token";
const ENV_KEYS = ["KANTATA_API_TOKEN", "KANTATA_BASE_URL", "KANTATA_MAX_RETRIES"] as const;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the lookup to fail");
}

/**
 * The promise forms against the simulator's default account (2,000 users, access groups 1–14,
 * Insights groups 1–5, workspace groups 1–8): what each finds, how names and emails match, and
 * what each failure says.
 */
describe("lookups against the simulator", () => {
  let sim: Simulator;
  let opts: LookupOptions;
  const savedEnv: Record<string, string | undefined> = {};
  const apiRequests = () => sim.requestLog().map((r) => `${r.method} ${r.path}`);

  before(async () => {
    sim = await startSimulator({ port: 0 });
    opts = { baseUrl: sim.url, apiToken: ADMIN_TOKEN };
  });
  beforeEach(() => {
    for (const k of ENV_KEYS) savedEnv[k] = process.env[k];
    for (const k of ENV_KEYS) delete process.env[k];
    clearLookupCache();
    sim.reset();
  });
  afterEach(() => {
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
  });
  after(async () => sim.close());

  describe("getUser", () => {
    it("finds a user by email and returns the API's fields camelCased, with the id as a number", async () => {
      const user = await getUser({ email: "bruno.bakker@lakeside-consulting.example" }, opts);
      expect(user).to.deep.equal({
        id: 1,
        userId: 1,
        fullName: "Bruno Bakker",
        emailAddress: "bruno.bakker@lakeside-consulting.example",
        headline: "Operations Director",
        accountId: 1,
        accountPermission: "administrator",
        disabled: false,
      });
    });

    it("matches the email ignoring case and surrounding spaces", async () => {
      const user = await getUser({ email: "  Elena.FISCHER@Lakeside-Consulting.example\n" }, opts);
      expect(user.id).to.equal(6);
      expect(user.emailAddress).to.equal("elena.fischer@lakeside-consulting.example");
    });

    it("finds a user by id, given as a number or as a string of digits", async () => {
      expect((await getUser({ id: 2000 }, opts)).fullName).to.equal("Farah Quintero");
      expect((await getUser({ id: "7" }, opts)).emailAddress).to.equal("mateo.almeida@lakeside-consulting.example");
    });

    it("reads every user of the account with on_my_account=true, 200 per page", async () => {
      await getUser({ id: 1 }, opts);
      const queries = sim.requestLog().map((r) => r.query);
      expect(queries).to.have.length(10);
      for (const q of queries) expect(q).to.include({ on_my_account: "true", per_page: "200" });
      expect(queries.map((q) => Number(q.page)).sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it("names the email and the three closest emails with their ids when no user has it", async () => {
      const err = await rejection(getUser({ email: "brno.bakker@lakeside-consulting.example" }, opts));
      expect(err).to.be.instanceOf(KantataLookupNotFoundError);
      expect(err.message).to.equal(
        `getUser: no user with email "brno.bakker@lakeside-consulting.example" among the 2000 users of the account at ${sim.url}. ` +
          "Closest matches: bruno.bakker@lakeside-consulting.example (id 1, Bruno Bakker), ben.bakker@lakeside-consulting.example (id 1157, Ben Bakker), " +
          "erin.bakker@lakeside-consulting.example (id 1213, Erin Bakker). Emails match ignoring case and surrounding spaces.",
      );
      expect((err as KantataLookupNotFoundError).closest.map((c) => c.id)).to.deep.equal([1, 1157, 1213]);
    });

    it("names the id and the nearest ids when no user has that id", async () => {
      const err = await rejection(getUser({ id: 2001 }, opts));
      expect(err).to.be.instanceOf(KantataLookupNotFoundError);
      expect(err.message).to.match(/^getUser: no user with id 2001 among the 2000 users of the account at .*\. Nearest ids: farah\.quintero@lakeside-consulting\.example \(id 2000, Farah Quintero\), /);
    });

    const badArgs: Array<[string, unknown, RegExp]> = [
      ["neither email nor id", {}, /getUser needs an email or an id; e\.g\. getUser\(\{ email: "ada@example\.com" \}\)/],
      ["both email and id", { email: "a@b.c", id: 1 }, /getUser takes either email or id, not both/],
      ["an empty email", { email: "   " }, /getUser: email is empty/],
      ["an email that is not a string", { email: 42 }, /getUser: email must be a string, got number/],
      ["an id of zero", { id: 0 }, /getUser: id must be a Kantata id \(a whole number from 1 to 2147483647, or a string of digits\), got 0/],
      ["an id with a fraction", { id: 1.5 }, /id must be a Kantata id.*got 1\.5/],
      ["an id above int32", { id: 2147483648 }, /id must be a Kantata id.*got 2147483648/],
      ["an id that is not digits", { id: "12a" }, /id must be a Kantata id.*got "12a"/],
      ["a misspelt argument", { mail: "a@b.c" }, /getUser: unknown argument "mail"; it takes email or id/],
      ["no arguments at all", undefined, /getUser takes an object of arguments, e\.g\. getUser\(\{ email: "ada@example\.com" \}\); got undefined/],
    ];
    for (const [what, args, message] of badArgs) {
      it(`refuses ${what} before any request`, async () => {
        const err = await rejection(getUser(args as never, opts));
        expect(err).to.be.instanceOf(KantataLookupArgumentError);
        expect(isKantataLookupError(err)).to.equal(true);
        expect(err.message).to.match(message);
        expect(apiRequests()).to.deep.equal([]);
      });
    }

    it("treats an argument set to undefined or null as absent", async () => {
      expect((await getUser({ email: "elena.fischer@lakeside-consulting.example", id: undefined }, opts)).id).to.equal(6);
      expect((await getUser({ email: null as unknown as string, id: 6 }, opts)).fullName).to.equal("Elena Fischer");
    });
  });

  describe("group lookups", () => {
    it("getAccessGroup finds a group by exact name with the API's fields camelCased", async () => {
      expect(await getAccessGroup({ name: "Finance Reviewers" }, opts)).to.deep.equal({
        id: 11,
        accessGroupId: 11,
        name: "Finance Reviewers",
        description: "Review invoices and budgets.",
        isAccountDefault: false,
        createdAt: "2021-03-01T13:55:31-07:00",
      });
    });

    it("getAccessGroup marks the Account Default groups", async () => {
      const admins = await getAccessGroup({ name: "Account Administrators" }, opts);
      expect([admins.id, admins.isAccountDefault]).to.deep.equal([1, true]);
    });

    it("getInsightsAccessGroup finds a group by name with its member count and default flags", async () => {
      const group = await getInsightsAccessGroup({ name: "Finance Dashboards" }, opts);
      expect(group).to.include({ id: 3, insightsAccessGroupId: 3, name: "Finance Dashboards", isAdminDefault: false, isReportsViewerDefault: false });
      expect(group.groupMemberCount).to.be.a("number");
    });

    it("getWorkspaceGroup finds a group by name ignoring case and extra spaces", async () => {
      const group = await getWorkspaceGroup({ name: "  strategy &   OPERATIONS " }, opts);
      expect(group).to.include({ id: 7, workspaceGroupId: 7, name: "Strategy & Operations", company: false });
      expect(group.createdAt).to.match(/^\d{4}-\d\d-\d\dT/);
    });

    it("getWorkspaceGroup tells companies from internal groups", async () => {
      expect((await getWorkspaceGroup({ name: "Initech" }, opts)).company).to.equal(true);
    });

    it("names the group and the three closest names with their ids when none matches", async () => {
      const err = await rejection(getWorkspaceGroup({ name: "Enginering" }, opts));
      expect(err).to.be.instanceOf(KantataLookupNotFoundError);
      expect(err.message).to.equal(
        `getWorkspaceGroup: no workspace group named "Enginering" among the 8 workspace groups of the account at ${sim.url}. ` +
          'Closest matches: "Engineering" (id 5), "Initech" (id 4), "Contoso Ltd" (id 2). Names match exactly, else ignoring case and extra spaces.',
      );
    });

    it("puts names that contain the query first among the closest", async () => {
      const err = (await rejection(getAccessGroup({ name: "finance" }, opts))) as KantataLookupNotFoundError;
      expect(err.closest[0]).to.deep.equal({ id: 11, label: "Finance Reviewers" });
      const insights = (await rejection(getInsightsAccessGroup({ name: "Dashboards" }, opts))) as KantataLookupNotFoundError;
      expect(insights.message).to.contain('no Insights access group named "Dashboards"');
      expect(insights.closest[0]).to.deep.equal({ id: 3, label: "Finance Dashboards" });
    });

    for (const [fn, name] of [
      [getAccessGroup, "getAccessGroup"],
      [getInsightsAccessGroup, "getInsightsAccessGroup"],
      [getWorkspaceGroup, "getWorkspaceGroup"],
    ] as const) {
      it(`${name} refuses a missing, empty or misspelt name argument before any request`, async () => {
        const missing = await rejection(fn({} as never, opts));
        expect(missing).to.be.instanceOf(KantataLookupArgumentError);
        expect(missing.message).to.match(new RegExp(`^${name} needs a name, e\\.g\\. ${name}\\(\\{ name: "`));
        expect((await rejection(fn({ name: "" }, opts))).message).to.match(new RegExp(`^${name}: name is empty`));
        expect((await rejection(fn({ nmae: "x" } as never, opts))).message).to.contain(`${name}: unknown argument "nmae"; it takes name`);
        expect(apiRequests()).to.deep.equal([]);
      });
    }
  });

  describe("ambiguous names", () => {
    let dupSim: Simulator;
    let dupOpts: LookupOptions;

    before(async () => {
      const fixture = getDefaultFixture() as unknown as { access_groups: Array<Record<string, unknown>> };
      const extra = (id: number, name: string) => ({ id, name, description: null, account_permission: null, created_at: "2022-01-01T00:00:00-07:00" });
      fixture.access_groups.push(extra(15, "Auditors"), extra(16, "AUDITORS"), extra(17, "Reviewers"), extra(18, "Reviewers"));
      dupSim = await startSimulator({ port: 0, fixture });
      dupOpts = { baseUrl: dupSim.url, apiToken: ADMIN_TOKEN };
    });
    after(async () => dupSim?.close());

    it("prefers the exact name over names that differ only in case", async () => {
      expect((await getAccessGroup({ name: "AUDITORS" }, dupOpts)).id).to.equal(16);
      expect((await getAccessGroup({ name: "Auditors" }, dupOpts)).id).to.equal(15);
    });

    it("lists the candidates with their ids when the name matches several only ignoring case", async () => {
      const err = await rejection(getAccessGroup({ name: "auditors" }, dupOpts));
      expect(err).to.be.instanceOf(KantataLookupAmbiguousError);
      expect((err as KantataLookupAmbiguousError).candidates).to.deep.equal([
        { id: 15, label: "Auditors" },
        { id: 16, label: "AUDITORS" },
      ]);
      expect(err.message).to.equal(
        'getAccessGroup: name "auditors" matches 2 access groups ignoring case and extra spaces, and none exactly: "Auditors" (id 15), "AUDITORS" (id 16). Fix: write the name exactly as Kantata has it, or use the id you mean directly.',
      );
    });

    it("lists the duplicates with their ids when two groups have the very name asked for", async () => {
      const err = await rejection(getAccessGroup({ name: "Reviewers" }, dupOpts));
      expect(err).to.be.instanceOf(KantataLookupAmbiguousError);
      expect(err.message).to.equal(
        'getAccessGroup: 2 access groups have the name "Reviewers": "Reviewers" (id 17), "Reviewers" (id 18). Fix: make the names unique in Kantata, or use the id you mean directly.',
      );
    });
  });

  describe("connection settings", () => {
    it("falls back to KANTATA_BASE_URL and KANTATA_API_TOKEN when neither options nor stack config set them", async () => {
      process.env.KANTATA_BASE_URL = sim.url;
      process.env.KANTATA_API_TOKEN = ADMIN_TOKEN;
      expect((await getWorkspaceGroup({ name: "Engineering" })).id).to.equal(5);
      expect(apiRequests()).to.deep.equal(["GET /api/v1/workspace_groups"]);
    });

    it("reads the stack config kantata:baseUrl and kantata:apiToken, which win over the environment", async () => {
      const saved = pulumi.runtime.allConfig();
      process.env.KANTATA_BASE_URL = "http://127.0.0.1:9/api/v1";
      process.env.KANTATA_API_TOKEN = "env-token-that-would-fail";
      pulumi.runtime.setAllConfig({ ...saved, "kantata:baseUrl": sim.url, "kantata:apiToken": ADMIN_TOKEN }, ["kantata:apiToken"]);
      try {
        expect((await getWorkspaceGroup({ name: "Engineering" })).id).to.equal(5);
      } finally {
        pulumi.runtime.setAllConfig(saved);
      }
    });

    it("lets per-call options win over stack config", async () => {
      const saved = pulumi.runtime.allConfig();
      pulumi.runtime.setAllConfig({ ...saved, "kantata:baseUrl": "http://127.0.0.1:9/api/v1", "kantata:apiToken": "config-token-that-would-fail" });
      try {
        expect((await getWorkspaceGroup({ name: "Engineering" }, opts)).id).to.equal(5);
      } finally {
        pulumi.runtime.setAllConfig(saved);
      }
    });

    it("reports a missing token with the fix, before any request", async () => {
      const err = await rejection(getUser({ email: "a@b.c" }, { baseUrl: sim.url }));
      expect(err).to.be.instanceOf(KantataLookupReadError);
      expect(err.cause).to.be.instanceOf(SettingsError);
      expect(err.message).to.equal("getUser: No Kantata API token. Fix: pulumi config set --secret kantata:apiToken <token>, or export KANTATA_API_TOKEN.");
      expect(apiRequests()).to.deep.equal([]);
    });

    it("refuses plain http to a host that is not loopback, before sending the token anywhere", async () => {
      const err = await rejection(getAccessGroup({ name: "x" }, { baseUrl: "http://kantata.example.com/api/v1", apiToken: ADMIN_TOKEN }));
      expect(err.cause).to.be.instanceOf(SettingsError);
      expect(err.message).to.match(/^getAccessGroup: kantata:baseUrl "http:\/\/kantata\.example\.com\/api\/v1" uses plain http to a host that is not loopback/);
    });

    it("refuses an unknown option", async () => {
      const err = await rejection(getAccessGroup({ name: "x" }, { token: ADMIN_TOKEN } as never));
      expect(err).to.be.instanceOf(KantataLookupArgumentError);
      expect(err.message).to.equal('getAccessGroup: unknown option "token"; the options are baseUrl, apiToken.');
      expect(err.message).to.not.contain(ADMIN_TOKEN);
    });

    it("reports a refused token as a failed read that keeps the client's authentication error, without the token", async () => {
      const token = "a-token-kantata-refuses-0123456789";
      const err = await rejection(getUser({ email: "a@b.c" }, { baseUrl: sim.url, apiToken: token }));
      expect(err).to.be.instanceOf(KantataLookupReadError);
      expect(err.cause).to.be.instanceOf(KantataAuthenticationError);
      expect(err.message).to.match(new RegExp(`^getUser could not read the users of the account at ${sim.url.replace(/[./]/g, "\\$&")}: Kantata API 401 Unauthorized: GET /users: Invalid OAuth 2 Request`));
      expect(err.message).to.contain("Fix: the API token was refused; set a valid one with `pulumi config set --secret kantata:apiToken <token>` or KANTATA_API_TOKEN.");
      const cause = err.cause as Error;
      expect(JSON.stringify({ ...err, message: err.message, stack: err.stack, cause: { ...cause, message: cause.message, stack: cause.stack } })).to.not.contain(token);
    });

    it("raises lookup errors as Pulumi RunErrors, so a failed program prints the message without a stack dump", async () => {
      const err = await rejection(getWorkspaceGroup({ name: "Nowhere" }, opts));
      expect(pulumi.RunError.isInstance(err)).to.equal(true);
      expect(pulumi.RunError.isInstance(await rejection(getUser({}, opts)))).to.equal(true);
    });

    it("never puts the token in a result or a lookup error", async () => {
      const results = [
        await getUser({ email: "bruno.bakker@lakeside-consulting.example" }, opts),
        await getAccessGroup({ name: "Finance Reviewers" }, opts),
        await getInsightsAccessGroup({ name: "Finance Dashboards" }, opts),
        await getWorkspaceGroup({ name: "Engineering" }, opts),
      ];
      expect(JSON.stringify(results)).to.not.contain(ADMIN_TOKEN);
      const err = await rejection(getUser({ email: "nobody@example.com" }, opts));
      expect(JSON.stringify({ ...err, message: err.message, stack: err.stack })).to.not.contain(ADMIN_TOKEN);
    });

    it("forgets a failed read, so the next lookup reads again", async () => {
      process.env.KANTATA_MAX_RETRIES = "0";
      sim.faults.add({ match: { method: "GET", path: "/workspace_groups" }, respond: 503, times: 1 });
      const err = await rejection(getWorkspaceGroup({ name: "Engineering" }, opts));
      expect(err).to.be.instanceOf(KantataLookupReadError);
      expect(err.cause).to.be.instanceOf(KantataServerError);
      expect((await getWorkspaceGroup({ name: "Engineering" }, opts)).id).to.equal(5);
      expect(apiRequests()).to.deep.equal(["GET /api/v1/workspace_groups", "GET /api/v1/workspace_groups"]);
    });
  });
});
