import { expect } from "chai";
import { call, control, records, useSimulator } from "./helpers";

const createBody = { access_group_membership: { user_id: 5, access_group_id: 11 } };

/** The statuses of `n` sequential GETs, `null` for a dropped connection. */
async function statuses(get: () => Promise<{ status: number }>, n: number): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) out.push(await get().then((a) => a.status, () => null));
  return out;
}

describe("simulator: fault injection", () => {
  const sim = useSimulator();

  describe("rules", () => {
    it("answers 429 with Kantata's error body and Retry-After when retryAfterS is set", async () => {
      sim().faults.add({ match: { path: "/workspace_groups" }, respond: 429, retryAfterS: 7 });
      const { status, body, headers } = await call(sim(), "GET", "/workspace_groups");
      expect(status).to.equal(429);
      expect(headers.get("retry-after")).to.equal("7");
      expect(body.errors[0].type).to.equal("system");
      expect(body.errors[0].message).to.match(/retry/i);
    });

    it("answers 429 without Retry-After when retryAfterS is absent", async () => {
      sim().faults.add({ respond: 429 });
      const { status, headers } = await call(sim(), "GET", "/workspace_groups");
      expect(status).to.equal(429);
      expect(headers.get("retry-after")).to.equal(null);
    });

    it("answers 503 with Kantata's error body", async () => {
      sim().faults.add({ match: { method: "post" }, respond: 503 });
      const { status, body } = await call(sim(), "POST", "/access_group_memberships", { body: createBody });
      expect(status).to.equal(503);
      expect(body).to.deep.equal({ errors: [{ type: "system", message: "The service is temporarily unavailable. Please try again later." }] });
      expect(sim().store.accessGroupMemberships.findPair(5, 11), "a stage-before fault handles nothing").to.equal(undefined);
    });

    it("drops the connection without an answer", async () => {
      sim().faults.add({ match: { path: "/api/v1/users" }, respond: "drop", times: 1 });
      let failure: unknown;
      await call(sim(), "GET", "/users/me").catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(Error);
      expect(sim().requestLog().at(-1)).to.include({ status: null, fault: "fault-1" });
      expect((await call(sim(), "GET", "/users/me")).status, "times: 1 is used up").to.equal(200);
    });

    it("delays the answer by delayMs with slow, beyond a client's timeout", async () => {
      sim().faults.add({ respond: "slow", delayMs: 400, times: 1 });
      let failure: unknown;
      await call(sim(), "GET", "/workspace_groups", { signal: AbortSignal.timeout(50) }).catch((error: unknown) => (failure = error));
      expect((failure as Error).name).to.equal("TimeoutError");
      sim().faults.add({ respond: "slow", delayMs: 120, times: 1 });
      const started = performance.now();
      const { status } = await call(sim(), "GET", "/workspace_groups");
      expect(status).to.equal(200);
      expect(performance.now() - started).to.be.at.least(110);
    });

    it("with stage after, handles the request and then loses its answer", async () => {
      sim().faults.add({ match: { method: "POST", path: "/access_group_memberships" }, respond: 503, stage: "after", times: 1 });
      const { status } = await call(sim(), "POST", "/access_group_memberships", { body: createBody });
      expect(status).to.equal(503);
      const list = await call(sim(), "GET", "/access_group_memberships?user_id=5&access_group_id=11");
      expect(list.body.count, "the write happened").to.equal(1);
    });

    it("with stage after and drop, writes and then closes the connection", async () => {
      sim().faults.add({ match: { method: "POST" }, respond: "drop", stage: "after", times: 1 });
      let failure: unknown;
      await call(sim(), "POST", "/access_group_memberships", { body: createBody }).catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(Error);
      expect(sim().store.accessGroupMemberships.findPair(5, 11)).to.not.equal(undefined);
    });

    it("hits only `times` requests", async () => {
      sim().faults.add({ respond: 503, times: 2 });
      expect(await statuses(() => call(sim(), "GET", "/workspace_groups"), 4)).to.deep.equal([503, 503, 200, 200]);
      expect(sim().faults.list()[0].fired).to.equal(2);
    });

    it("matches a method and a path prefix of whole segments, with or without /api/v1 and .json", async () => {
      sim().faults.add({ match: { method: "DELETE", path: "/api/v1/user_group_memberships" }, respond: 503 });
      expect((await call(sim(), "DELETE", "/user_group_memberships/50001.json")).status).to.equal(503);
      expect((await call(sim(), "GET", "/user_group_memberships")).status, "other method").to.equal(200);
      sim().faults.clear();
      sim().faults.add({ match: { path: "/users" }, respond: 503 });
      expect((await call(sim(), "GET", "/users/me")).status).to.equal(503);
      expect((await call(sim(), "GET", "/user_group_memberships")).status, "/users is not a prefix of /user_group_memberships").to.equal(200);
    });

    it("makes the same probabilistic choices for the same seed", async () => {
      const run = async () => {
        sim().faults.add({ respond: 503, probability: 0.5 });
        const result = await statuses(() => call(sim(), "GET", "/workspace_groups/1"), 24);
        sim().reset();
        return result;
      };
      const first = await run();
      const second = await run();
      expect(second).to.deep.equal(first);
      expect(first).to.include(503).and.to.include(200);
      sim().setSeed(999);
      sim().faults.add({ respond: 503, probability: 0.5 });
      const other = await statuses(() => call(sim(), "GET", "/workspace_groups/1"), 24);
      expect(other).not.to.deep.equal(first);
    });

    it("rejects an invalid rule with a message naming the problem", () => {
      expect(() => sim().faults.add({ respond: 418 } as never)).to.throw(/Invalid fault rule/);
      expect(() => sim().faults.add({ respond: 503, probability: 2 })).to.throw(/probability/);
    });

    it("never touches the control API", async () => {
      sim().faults.add({ respond: 503 });
      expect((await control(sim(), "GET", "counters")).status).to.equal(200);
    });
  });

  describe("rate limit", () => {
    it("answers 429 with Retry-After once the burst is spent", async () => {
      sim().setRateLimit({ requestsPerSecond: 0.5, burst: 2 });
      expect(await statuses(() => call(sim(), "GET", "/workspace_groups"), 3)).to.deep.equal([200, 200, 429]);
      const refused = await call(sim(), "GET", "/workspace_groups");
      expect(refused.headers.get("retry-after")).to.equal("2");
      expect(refused.body.errors[0].type).to.equal("system");
      expect(sim().requestLog().at(-1)!.fault).to.equal("rate-limit");
    });

    it("leaves Retry-After out when told to", async () => {
      sim().setRateLimit({ requestsPerSecond: 1, burst: 1, retryAfter: false });
      await call(sim(), "GET", "/workspace_groups");
      const refused = await call(sim(), "GET", "/workspace_groups");
      expect(refused.status).to.equal(429);
      expect(refused.headers.get("retry-after")).to.equal(null);
    });

    it("is lifted by reset", async () => {
      sim().setRateLimit({ requestsPerSecond: 1, burst: 1 });
      sim().reset();
      expect(await statuses(() => call(sim(), "GET", "/workspace_groups"), 3)).to.deep.equal([200, 200, 200]);
    });
  });

  describe("latency", () => {
    it("adds a fixed latency to every API answer", async () => {
      sim().setLatency({ fixedMs: 60 });
      const started = performance.now();
      await call(sim(), "GET", "/users/me");
      expect(performance.now() - started).to.be.at.least(55);
      expect(sim().requestLog().at(-1)!.delayMs).to.equal(60);
    });

    it("draws random latency within bounds, the same for the same seed", async () => {
      const run = async () => {
        sim().setLatency({ minMs: 0, maxMs: 20 });
        for (let i = 0; i < 6; i++) await call(sim(), "GET", "/users/me");
        const delays = sim().requestLog().map((e) => e.delayMs);
        sim().reset();
        return delays;
      };
      const first = await run();
      expect(first.every((d) => d >= 0 && d <= 20)).to.equal(true);
      expect(await run()).to.deep.equal(first);
    });

    it("rejects an invalid setting", () => {
      expect(() => sim().setLatency({ minMs: 10, maxMs: 5 })).to.throw(/minMs/);
    });
  });

  it("leaves the data of a faulted list untouched for the next request", async () => {
    sim().faults.add({ respond: 503, times: 1 });
    await call(sim(), "GET", "/workspace_groups");
    const { body } = await call(sim(), "GET", "/workspace_groups");
    expect(records(body, "workspace_groups")).to.have.length(8);
  });
});
