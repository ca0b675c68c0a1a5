import { expect } from "chai";
import { AddressInfo } from "node:net";
import { z } from "zod";
import { listQuery } from "../../simulator/query";
import { defineRoute, API_PREFIX } from "../../simulator/router";
import { apiRoutes } from "../../simulator/routes";
import { createSimulatorServer } from "../../simulator/server";
import { resolveStart, Simulation } from "../../simulator/simulation";
import { call, MEMBER, useSimulator } from "./helpers";

const INVALID_TOKEN = { errors: [{ type: "oauth", message: "Invalid OAuth 2 Request" }] };

describe("simulator: authentication, permissions and unknown routes", () => {
  const sim = useSimulator();

  it("401s a request without an Authorization header, with the exact oauth body", async () => {
    const { status, body } = await call(sim(), "GET", "/workspace_groups", { token: null });
    expect(status).to.equal(401);
    expect(body).to.deep.equal(INVALID_TOKEN);
  });

  it("401s an unknown token and a header that is not a Bearer token", async () => {
    expect((await call(sim(), "GET", "/users/me", { token: "not-a-token" })).body).to.deep.equal(INVALID_TOKEN);
    const basic = await fetch(`${sim().url}/users/me`, { headers: { Authorization: "Basic c2ltLWFkbWluLXRva2Vu" } });
    expect(basic.status).to.equal(401);
  });

  it("accepts the Bearer scheme in any case", async () => {
    const response = await fetch(`${sim().url}/users/me`, { headers: { Authorization: "bearer sim-member-token" } });
    expect(response.status).to.equal(200);
  });

  it("403s a non-administrator on every Account-Administrator-only endpoint", async () => {
    const cases: [string, string, unknown?][] = [
      ["GET", "/user_group_memberships"],
      ["POST", "/user_group_memberships", { user_group_membership: { user_id: 5, workspace_group_id: 1 } }],
      ["DELETE", "/user_group_memberships/50001"],
      ["POST", "/insights_access_group_memberships", { insights_access_group_membership: { user_id: 5, insights_access_group_id: 3 } }],
      ["PUT", "/insights_access_group_memberships/30001", { insights_access_group_membership: { can_edit: false } }],
      ["DELETE", "/insights_access_group_memberships/30001"],
      ["POST", "/access_group_memberships", { access_group_membership: { user_id: 5, access_group_id: 11 } }],
      ["DELETE", "/access_group_memberships/12000"],
    ];
    for (const [method, path, body] of cases) {
      const answer = await call(sim(), method, path, { token: MEMBER, body });
      expect(answer.status, `${method} ${path}`).to.equal(403);
      expect(answer.body.errors[0].type).to.equal("system");
    }
  });

  it("404s an unknown path under /api/v1 with the standard body", async () => {
    for (const path of ["/nothing_here", "/access_group_memberships/1/extra", "", "/users/5"]) {
      const { status, body } = await call(sim(), "GET", path);
      expect(status, path).to.equal(404);
      expect(body).to.deep.equal({ errors: [{ type: "system", message: "Not found" }] });
    }
  });

  it("404s a path outside /api/v1", async () => {
    const response = await fetch(sim().url.replace("/api/v1", "/api/v2/users"));
    expect(response.status).to.equal(404);
    expect(await response.json()).to.deep.equal({ errors: [{ type: "system", message: "Not found" }] });
  });

  it("405s a known path with a method it lacks, naming the allowed ones", async () => {
    const { status, body, headers } = await call(sim(), "DELETE", "/users/me");
    expect(status).to.equal(405);
    expect(body).to.deep.equal({ errors: [{ type: "system", message: "Method not allowed" }] });
    expect(headers.get("allow")).to.equal("GET");
  });

  it("answers 404 instead of 405 when wrongMethodStatus is 404", async () => {
    sim().setOptions({ wrongMethodStatus: 404 });
    const { status, body, headers } = await call(sim(), "PUT", "/access_group_memberships/10002");
    expect(status).to.equal(404);
    expect(body.errors[0].message).to.equal("Not found");
    expect(headers.get("allow")).to.equal(null);
  });

  it("turns a bug in a handler into a 500 system error, never a stack trace", async () => {
    const simulation = new Simulation(resolveStart({}));
    const broken = defineRoute({
      method: "GET",
      path: "/broken",
      query: listQuery,
      handle: () => {
        throw new TypeError("boom at handler.ts:12");
      },
    });
    const logged: string[] = [];
    const server = createSimulatorServer(simulation, [...apiRoutes, broken], { logger: (line) => logged.push(line) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}${API_PREFIX}/broken`, { headers: { Authorization: "Bearer sim-admin-token" } });
      expect(response.status).to.equal(500);
      const text = await response.text();
      expect(JSON.parse(text)).to.deep.equal({ errors: [{ type: "system", message: "Something went wrong. Please try again later." }] });
      expect(text).not.to.contain("boom");
      expect(logged.join("\n"), "the stack goes to the log instead").to.contain("boom");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses a body above 1 MiB with 413 and the error envelope", async () => {
    const { status, body } = await call(sim(), "POST", "/user_group_memberships", { rawBody: `{"x":"${"a".repeat(1024 * 1024)}"}` });
    expect(status).to.equal(413);
    expect(body.errors[0]).to.deep.equal({ type: "system", message: "Request body too large" });
  });

  it("validates queries leniently: a query never causes an error", async () => {
    const schema = listQuery.extend({ flag: z.string().optional() });
    expect(schema.parse({ page: "x", per_page: ["1", "2"], only: "a,b" })).to.include({ page: 0, per_page: 1 });
    const { status } = await call(sim(), "GET", "/access_group_memberships?page[]=2&per_page=%%&user_id=abc&include[]=user");
    expect(status).to.equal(200);
  });
});
