import { expect } from "chai";
import { z } from "zod";
import { createClient, type ClientOptions } from "../../../provider/client/createClient";
import { KantataNotFoundError, KantataServerError, KantataValidationError } from "../../../provider/client/errors";
import { createLimiter } from "../../../provider/client/limiter";
import { sendJson, startTestServer, type TestServer } from "./helpers/testServer";

const TOKEN = "tok-SECRET-123";
const noWait = async () => undefined;

/** Options with no real waiting anywhere. */
function options(server: TestServer, extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    baseUrl: server.baseUrl,
    token: () => TOKEN,
    retry: { sleep: noWait, baseDelayMs: 1 },
    limiter: createLimiter({ requestsPerSecond: Infinity, sleep: noWait }),
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("createClient", () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it("sends get, post, put and delete through every layer to the server", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, { count: 0, results: [] }));
    const client = createClient(options(server));
    await client.get("/users", { on_my_account: true });
    await client.post("/user_group_memberships", { user_group_membership: { user_id: 1, workspace_group_id: 2 } }, { include: "user" });
    await client.put("/insights_access_group_memberships/3", { insights_access_group_membership: { can_edit: true } });
    await client.delete("/access_group_memberships/4");
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).to.deep.equal([
      "GET /api/v1/users?on_my_account=true ",
      'POST /api/v1/user_group_memberships?include=user {"user_group_membership":{"user_id":1,"workspace_group_id":2}}',
      'PUT /api/v1/insights_access_group_memberships/3 {"insights_access_group_membership":{"can_edit":true}}',
      "DELETE /api/v1/access_group_memberships/4 ",
    ]);
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).to.equal(true);
  });

  it("retries a GET answered 503, then returns the success", async () => {
    let calls = 0;
    server = await startTestServer((_req, res) => (++calls === 1 ? sendJson(res, 503, { errors: [{ type: "system", message: "down" }] }) : sendJson(res, 200, { ok: 1 })));
    const res = await createClient(options(server)).get("/x");
    expect(res.body).to.deep.equal({ ok: 1 });
    expect(server.requests).to.have.length(2);
  });

  it("throws a typed error with Kantata's message and request id, without retrying a 404", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 404, { errors: [{ type: "system", message: "Not found" }] }, { "X-Request-Id": "req-9" }));
    const err = await rejection(createClient(options(server)).get("/access_group_memberships/9"));
    expect(err).to.be.instanceOf(KantataNotFoundError);
    expect((err as KantataNotFoundError).requestId).to.equal("req-9");
    expect(server.requests).to.have.length(1);
  });

  it("does not repeat a POST answered 503: the caller must look first", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 503, undefined));
    const err = await rejection(createClient(options(server)).post("/access_group_memberships", {}));
    expect(err).to.be.instanceOf(KantataServerError);
    expect(server.requests).to.have.length(1);
  });

  it("lets the shared limiter see a 429, then retries", async () => {
    let calls = 0;
    server = await startTestServer((_req, res) => (++calls === 1 ? sendJson(res, 429, { errors: [{ type: "system", message: "slow down" }] }, { "Retry-After": "0" }) : sendJson(res, 200, {})));
    const limiter = createLimiter({ requestsPerSecond: Infinity, sleep: noWait });
    await createClient(options(server, { limiter })).post("/access_group_memberships", {});
    expect(server.requests).to.have.length(2);
    expect(limiter.stats()).to.include({ rateLimited: 1, started: 2 });
  });

  it("shares one limiter between clients", async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, {}));
    const limiter = createLimiter({ requestsPerSecond: Infinity });
    await createClient(options(server, { limiter })).get("/a");
    await createClient(options(server, { limiter })).get("/b");
    expect(limiter.stats().started).to.equal(2);
  });

  it("lists every record over pages", async () => {
    server = await startTestServer((req, res) => {
      const page = Number(new URL(req.url ?? "", "http://x").searchParams.get("page"));
      const id = String(page * 10);
      sendJson(res, 200, {
        count: 2,
        results: [{ key: "access_group_memberships", id }],
        access_group_memberships: { [id]: { id, user_id: id } },
        meta: { count: 2, page_count: 2, page_number: page, page_size: 1 },
      });
    });
    const records = await createClient(options(server)).listAll(
      { method: "GET", path: "/access_group_memberships" },
      "access_group_memberships",
      z.looseObject({ id: z.string() }),
      { maxItems: 10 },
    );
    expect(records.map((r) => r.id)).to.deep.equal(["10", "20"]);
  });

  it("keeps the token out of errors even when the server echoes it", async () => {
    server = await startTestServer((req, res) => sendJson(res, 422, { errors: [{ type: "validation", message: `bad header ${String(req.headers.authorization)}; token ${TOKEN}` }] }));
    const err = await rejection(createClient(options(server)).post("/x", {}));
    expect(err).to.be.instanceOf(KantataValidationError);
    for (const text of [err.message, err.stack ?? "", JSON.stringify(err)]) expect(text).not.to.contain(TOKEN);
  });
});
