import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { KantataNetworkError } from "../../../provider/client/errors";
import { createHttpSend, type FetchLike } from "../../../provider/client/http";
import { sendJson, startTestServer, type TestServer } from "./helpers/testServer";

const TOKEN = "tok-SECRET-123";
const packageVersion = (JSON.parse(readFileSync(path.resolve(__dirname, "../../../../package.json"), "utf8")) as { version: string }).version;

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("createHttpSend", () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  describe("requests", () => {
    it("sends the query encoded, arrays comma-joined, undefined dropped", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      const send = createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN });
      await send({ method: "GET", path: "/user_group_memberships", query: { only: [1, 2], by_user_name: "Ann & Bo", include: undefined, on_my_account: true } });
      expect(server.requests[0]?.url).to.equal("/api/v1/user_group_memberships?only=1,2&by_user_name=Ann%20%26%20Bo&on_my_account=true");
    });

    it("sends Bearer auth, Accept and the package's User-Agent, and no Content-Type without a body", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      await createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })({ method: "GET", path: "/x" });
      const h = server.requests[0]!.headers;
      expect(h.authorization).to.equal(`Bearer ${TOKEN}`);
      expect(h.accept).to.equal("application/json");
      expect(h["user-agent"]).to.equal(`pulumi-kantata/${packageVersion}`);
      expect(h["content-type"]).to.equal(undefined);
    });

    it("sends a body as JSON with Content-Type, and a custom User-Agent", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      const send = createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN, userAgent: "my-tool/1.2" });
      await send({ method: "POST", path: "/access_group_memberships", body: { access_group_membership: { user_id: 1, access_group_id: 7 } } });
      const seen = server.requests[0]!;
      expect(seen.method).to.equal("POST");
      expect(seen.headers["content-type"]).to.equal("application/json");
      expect(seen.headers["user-agent"]).to.equal("my-tool/1.2");
      expect(JSON.parse(seen.body)).to.deep.equal({ access_group_membership: { user_id: 1, access_group_id: 7 } });
    });

    it("tolerates a trailing slash on the base URL", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      await createHttpSend({ baseUrl: `${server.baseUrl}/`, token: () => TOKEN })({ method: "DELETE", path: "/x/1" });
      expect(server.requests[0]?.url).to.equal("/api/v1/x/1");
    });

    it("reads the token for every request, so a rotated token is used at once", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      let token = "tok-OLD-000000";
      const send = createHttpSend({ baseUrl: server.baseUrl, token: () => token });
      await send({ method: "GET", path: "/x" });
      token = "tok-NEW-111111";
      await send({ method: "GET", path: "/x" });
      expect(server.requests.map((r) => r.headers.authorization)).to.deep.equal(["Bearer tok-OLD-000000", "Bearer tok-NEW-111111"]);
    });

    it("reuses one keep-alive connection for sequential requests, across clients", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      await createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })({ method: "GET", path: "/x" });
      await createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })({ method: "GET", path: "/x" });
      expect(server.connections()).to.equal(1);
    });

    it("refuses a path without a leading slash and a malformed base URL", async () => {
      const send = createHttpSend({ baseUrl: "http://127.0.0.1:1/api/v1", token: () => TOKEN });
      expect(await caught(send({ method: "GET", path: "x" }))).to.be.instanceOf(TypeError);
      expect(() => createHttpSend({ baseUrl: "not a url", token: () => TOKEN })).to.throw(TypeError);
      expect(() => createHttpSend({ baseUrl: "ftp://h/api/v1", token: () => TOKEN })).to.throw(TypeError, /http/);
    });
  });

  describe("responses", () => {
    it("parses JSON, lower-cases header names and keeps the request", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, { count: 0 }, { "X-Request-Id": "req-1" }));
      const request = { method: "GET" as const, path: "/x" };
      const res = await createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })(request);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ count: 0 });
      expect(res.headers["x-request-id"]).to.equal("req-1");
      expect(res.request).to.equal(request);
    });

    it("reads an empty body as undefined", async () => {
      server = await startTestServer((_req, res) => {
        res.writeHead(204);
        res.end();
      });
      const res = await createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })({ method: "DELETE", path: "/x/1" });
      expect([res.status, res.body]).to.deep.equal([204, undefined]);
    });

    it("returns text that is not JSON as a string, even under a JSON content type", async () => {
      server = await startTestServer((req, res) => {
        res.writeHead(502, { "content-type": req.url?.endsWith("json") ? "application/json" : "text/html" });
        res.end(req.url?.endsWith("json") ? "{not json" : "<h1>Bad gateway</h1>");
      });
      const send = createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN });
      expect((await send({ method: "GET", path: "/html" })).body).to.equal("<h1>Bad gateway</h1>");
      expect((await send({ method: "GET", path: "/json" })).body).to.equal("{not json");
    });

    it("returns non-2xx responses instead of throwing", async () => {
      server = await startTestServer((_req, res) => sendJson(res, 422, { errors: [{ type: "validation", message: "bad" }] }));
      const res = await createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })({ method: "POST", path: "/x", body: {} });
      expect(res.status).to.equal(422);
    });

    it("does not follow redirects, so the token cannot be carried elsewhere", async () => {
      server = await startTestServer((req, res) => {
        if (req.url?.includes("elsewhere")) return sendJson(res, 200, {});
        res.writeHead(302, { location: "/elsewhere" });
        res.end();
      });
      const res = await createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })({ method: "GET", path: "/x" });
      expect(res.status).to.equal(302);
      expect(server.requests).to.have.length(1);
    });
  });

  describe("network errors", () => {
    it("throws a timed-out KantataNetworkError, outcome unknown, when the server does not answer in time", async () => {
      server = await startTestServer(() => {
        /* never answers */
      });
      const err = await caught(createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN, timeoutMs: 30 })({ method: "POST", path: "/x", body: {} }));
      expect(err).to.be.instanceOf(KantataNetworkError);
      const e = err as KantataNetworkError;
      expect([e.timedOut, e.outcomeUnknown, e.method, e.path]).to.deep.equal([true, true, "POST", "/x"]);
      expect(e.message).to.equal("Kantata API request failed: POST /x: timed out after 30 ms (outcome unknown)");
    });

    it("marks a connection the server drops as outcome unknown", async () => {
      server = await startTestServer((req) => req.socket.destroy());
      const err = await caught(createHttpSend({ baseUrl: server.baseUrl, token: () => TOKEN })({ method: "POST", path: "/x", body: {} }));
      expect(err).to.be.instanceOf(KantataNetworkError);
      expect([(err as KantataNetworkError).timedOut, (err as KantataNetworkError).outcomeUnknown]).to.deep.equal([false, true]);
    });

    it("marks a refused connection as not sent (outcome known)", async () => {
      server = await startTestServer(() => undefined);
      const baseUrl = server.baseUrl;
      await server.close();
      const err = await caught(createHttpSend({ baseUrl, token: () => TOKEN })({ method: "POST", path: "/x", body: {} }));
      expect(err).to.be.instanceOf(KantataNetworkError);
      const e = err as KantataNetworkError;
      expect([e.timedOut, e.outcomeUnknown]).to.deep.equal([false, false]);
      expect(e.message).to.match(/ECONNREFUSED.*\(not sent\)$/);
      expect((e.cause as { code?: string }).code).to.equal("ECONNREFUSED");
    });

    it("never lets the token into the error, its stack, its JSON or its cause", async () => {
      const leaky: FetchLike = async (_url, init) => {
        const err = Object.assign(new Error(`reset while sending ${init.headers.authorization}`), {
          code: "ECONNRESET",
          headers: init.headers,
        });
        throw new Error(`fetch failed for ${TOKEN}`, { cause: err });
      };
      const err = await caught(createHttpSend({ baseUrl: "http://127.0.0.1:1/api/v1", token: () => TOKEN, fetch: leaky })({ method: "GET", path: "/x" }));
      expect(err).to.be.instanceOf(KantataNetworkError);
      const e = err as KantataNetworkError;
      const cause = e.cause as Error;
      const texts = [e.message, e.stack ?? "", JSON.stringify(e), cause.message, cause.stack ?? "", JSON.stringify(cause), String((cause.cause as Error).message), (cause.cause as Error).stack ?? "", JSON.stringify(cause.cause)];
      for (const text of texts) expect(text).not.to.contain(TOKEN);
      expect(e.outcomeUnknown).to.equal(true);
    });
  });
});
