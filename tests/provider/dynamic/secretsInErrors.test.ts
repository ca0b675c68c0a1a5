import { expect } from "chai";
import { createServer } from "node:net";
import { inspect } from "node:util";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { providerHooks, Hooks } from "../../helpers/providerHooks";
import { startTestSimulator, TestSimulator, MEMBER_TOKEN } from "../../helpers/simulator";
import { sendJson, startTestServer, TestServer } from "../client/helpers/testServer";


/** A distinctive token that Kantata refuses (rotated away). */
const TOKEN = "tok-SECRET-unit-rotated-91c2e7";

/** Everything of an error a user or a log could see: message, stack, own properties and the whole cause chain. */
function everything(err: unknown): string {
  const parts = [String(err), inspect(err, { depth: null, showHidden: true })];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    parts.push(e.message, e.stack ?? "", JSON.stringify(e), JSON.stringify(Object.getOwnPropertyNames(e).map((k) => (e as unknown as Record<string, unknown>)[k])));
  }
  return parts.join("\n");
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the hook to fail");
}

/** What the engine shows comes from the errors the hooks throw; none of them may hold the token. */
describe("the token in errors thrown by the provider's hooks", function () {
  let sim: TestSimulator;
  let config: Record<string, string>;

  const hooks = (typeName: string) => providerHooks(typeName, () => config);

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
    config = { "kantata:apiToken": TOKEN, "kantata:baseUrl": sim.url, "kantata:maxRetries": "0" };
  });
  afterEach(() => resetForTests());

  it("keeps a refused token (401) out of create's error, its stack and its causes", async () => {
    const err = await failure(hooks("AccessGroupMembership").create({ userId: 6, accessGroupId: 11 }));
    expect(err.message).to.contain("401").and.contain("the API token was refused");
    expect(everything(err)).to.not.contain(TOKEN);
  });

  it("keeps a non-administrator's token (403) out of create's error, its stack and its causes", async () => {
    config["kantata:apiToken"] = MEMBER_TOKEN;
    const err = await failure(hooks("UserGroupMembership").create({ userId: 6, workspaceGroupId: 5 }));
    expect(err.message).to.contain("403");
    expect(everything(err)).to.not.contain(MEMBER_TOKEN);
  });

  it("keeps the token out of the errors of read, update and delete", async () => {
    const p = hooks("InsightsAccessGroupMembership");
    const errors = [
      await failure(p.read("30001", { userId: 1, insightsAccessGroupId: 1 })),
      await failure(p.update("30001", { userId: 1, insightsAccessGroupId: 1, canEdit: true }, { userId: 1, insightsAccessGroupId: 1, canEdit: false })),
      await failure(p.delete("30001", { userId: 1, insightsAccessGroupId: 1 })),
    ];
    for (const err of errors) {
      expect(err.message).to.contain("401");
      expect(everything(err)).to.not.contain(TOKEN);
    }
  });

  it("keeps the token out of the error when the host is unreachable", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    config["kantata:baseUrl"] = `http://127.0.0.1:${port}/api/v1`;
    const err = await failure(hooks("AccessGroupMembership").create({ userId: 6, accessGroupId: 11 }));
    expect(err.message).to.contain("ECONNREFUSED");
    expect(everything(err)).to.not.contain(TOKEN);
  });

  it("never echoes a secret of a refused base URL (credentials) in check failures", async () => {
    config["kantata:baseUrl"] = `http://user:${TOKEN}@api.example.com/api/v1`;
    const { failures } = await hooks("AccessGroupMembership").check({}, { userId: 6, accessGroupId: 11 });
    expect(failures.map((f: { property: string }) => f.property)).to.deep.equal(["kantata:baseUrl"]);
    expect(JSON.stringify(failures)).to.not.contain(TOKEN);
  });

  describe("when the server echoes the credentials back", () => {
    let echo: TestServer;
    before(async () => {
      echo = await startTestServer((req, res, seen) => {
        const auth = String(seen.headers.authorization ?? "");
        const bare = auth.replace(/^Bearer\s+/i, "");
        if (seen.url.includes("/insights_access_group_memberships")) {
          res.writeHead(403, { "content-type": "text/html" });
          res.end(`<html><body><h1>Forbidden</h1><pre>Authorization: ${auth}\ntoken=${bare}</pre></body></html>`);
        } else if (seen.url.includes("/access_group_memberships")) {
          sendJson(res, 401, { errors: [{ type: "oauth", message: `Invalid OAuth 2 Request: token ${bare} (${auth})` }] });
        } else {
          res.writeHead(400, { "content-type": "text/plain" });
          res.end(`bad request for ${bare}`);
        }
      });
    });
    after(async () => echo.close());

    for (const [type, args] of [
      ["AccessGroupMembership", { userId: 6, accessGroupId: 11 }],
      ["InsightsAccessGroupMembership", { userId: 6, insightsAccessGroupId: 3 }],
      ["UserGroupMembership", { userId: 6, workspaceGroupId: 5 }],
    ] as const) {
      it(`redacts it from the error of creating a membership (${type})`, async () => {
        config["kantata:baseUrl"] = echo.baseUrl;
        const err = await failure(hooks(type).create({ ...args }));
        expect(err.message).to.contain("[REDACTED]");
        expect(everything(err)).to.not.contain(TOKEN);
      });
    }
  });
});
