import { expect } from "chai";
import { withErrors } from "../../../provider/client/errorsLayer";
import { createLimiter, withLimiter } from "../../../provider/client/limiter";
import type { KantataRequest, KantataResponse } from "../../../provider/client/types";
import { fakeClock } from "./helpers/fakeClock";
import { scriptedSend, type Step } from "./helpers/scriptedSend";

/** A promise and its resolver, to hold a task in flight for as long as a test wants. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe("createLimiter", () => {
  it("keeps at most maxConcurrent tasks in flight and queues the rest in order", async () => {
    const limiter = createLimiter({ maxConcurrent: 2, requestsPerSecond: Infinity });
    const gates = [deferred(), deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    let peak = 0;
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        peak = Math.max(peak, limiter.stats().inFlight);
        await gate.promise;
        return i;
      }),
    );
    await settle();
    expect(started).to.deep.equal([0, 1]);
    expect(limiter.stats()).to.include({ inFlight: 2, queued: 3 });
    gates[1]!.resolve();
    await settle();
    expect(started).to.deep.equal([0, 1, 2]);
    gates.forEach((g) => g.resolve());
    expect(await Promise.all(runs)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(peak).to.equal(2);
    expect(limiter.stats()).to.include({ inFlight: 0, queued: 0, started: 5 });
  });

  it("starts at most requestsPerSecond per second after the burst, on a fake clock", async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ requestsPerSecond: 2, burst: 1, now: clock.now, sleep: clock.sleep });
    const startedAt: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map(() => limiter.run(async () => void startedAt.push(clock.now()))));
    expect(startedAt).to.deep.equal([0, 500, 1000, 1500, 2000]);
    expect(limiter.stats().waitedMs).to.equal(500 + 1000 + 1500 + 2000);
  });

  it("lets 16 start at once until the first 429, then paces the rest at the rate", async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ requestsPerSecond: 10, maxConcurrent: 100, now: clock.now, sleep: clock.sleep });
    const startedAt: number[] = [];
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(async () => void startedAt.push(clock.now()))));
    expect(startedAt).to.deep.equal([...Array(16).fill(0), 100, 200, 300, 400]);
  });

  it("spaces requests evenly once the server has answered 429", async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ requestsPerSecond: 10, maxConcurrent: 100, now: clock.now, sleep: clock.sleep });
    limiter.rateLimited(1000, 0);
    clock.advance(1000);
    const startedAt: number[] = [];
    await Promise.all(Array.from({ length: 3 }, () => limiter.run(async () => void startedAt.push(clock.now()))));
    expect(startedAt).to.deep.equal([1000, 1100, 1200]);
  });

  it("releases the slot of a task that fails or throws synchronously", async () => {
    const limiter = createLimiter({ maxConcurrent: 1, requestsPerSecond: Infinity });
    const failing = limiter.run(async () => {
      throw new Error("async");
    });
    const throwing = limiter.run((() => {
      throw new Error("sync");
    }) as () => Promise<void>);
    const rejections = await Promise.allSettled([failing, throwing]);
    expect(rejections.map((r) => r.status)).to.deep.equal(["rejected", "rejected"]);
    expect(await limiter.run(async () => "after")).to.equal("after");
    expect(limiter.stats().inFlight).to.equal(0);
  });

  it("refuses bounds that cannot work", () => {
    expect(() => createLimiter({ maxConcurrent: 0 })).to.throw(RangeError);
    expect(() => createLimiter({ requestsPerSecond: 0 })).to.throw(RangeError);
    expect(() => createLimiter({ burst: 0.5 })).to.throw(RangeError);
  });
});

describe("withLimiter", () => {
  const rateLimited = (retryAfter?: string): Step => ({ status: 429, headers: retryAfter === undefined ? {} : { "retry-after": retryAfter }, body: undefined });

  it("with Retry-After, lets the others go on at the rate (the refused request's retry waits as told)", async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ now: clock.now, sleep: clock.sleep });
    const startedAt: Record<string, number> = {};
    const record = (status: number): Step => (request: KantataRequest): KantataResponse => {
      startedAt[request.path] = clock.now();
      return { status, headers: status === 429 ? { "retry-after": "2" } : {}, body: undefined, request };
    };
    const send = withLimiter(withErrors(scriptedSend([record(429), record(200), record(200)]), { now: clock.now }), limiter);
    const first = await send({ method: "GET", path: "/a" }).catch((e: Error) => e);
    const [b, c] = await Promise.all([send({ method: "GET", path: "/b" }), send({ method: "PUT", path: "/c", body: {} })]);
    expect(first).to.have.property("status", 429);
    expect(first).to.have.property("retryAfterMs", 2000);
    expect([b.status, c.status]).to.deep.equal([200, 200]);
    // Evenly spaced at the starting 50 requests/s after a 429, not held for 2 s.
    expect(startedAt).to.deep.equal({ "/a": 0, "/b": 0, "/c": 20 });
    expect(limiter.stats().rateLimited).to.equal(1);
  });

  it("without Retry-After holds requests already queued behind the 429 for the pause", async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ maxConcurrent: 1, requestsPerSecond: Infinity, adaptive: false, now: clock.now, sleep: clock.sleep });
    const startedAt: number[] = [];
    const script = scriptedSend([rateLimited(), { status: 200 }, { status: 200 }]);
    const timed = withLimiter(withErrors(async (r) => (startedAt.push(clock.now()), script(r)), { now: clock.now }), limiter);
    await Promise.allSettled([timed({ method: "GET", path: "/a" }), timed({ method: "GET", path: "/b" }), timed({ method: "GET", path: "/c" })]);
    expect(startedAt).to.deep.equal([0, 1000, 1000]);
  });

  it("without Retry-After pauses for rateLimitPauseMs, doubling while 429s keep coming, and resets after a success", async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ requestsPerSecond: Infinity, adaptive: false, rateLimitPauseMs: 100, now: clock.now, sleep: clock.sleep });
    const send = withLimiter(withErrors(scriptedSend([rateLimited(), rateLimited(), { status: 200 }, rateLimited(), { status: 200 }])), limiter);
    const startedAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      await send({ method: "GET", path: "/x" }).catch(() => undefined);
      startedAt.push(clock.now());
    }
    // Pauses of 100, then 200 (second 429 in a row), then 100 again after the success.
    expect(clock.sleeps).to.deep.equal([100, 200, 100]);
    expect(limiter.stats().rateLimited).to.equal(3);
  });

  it("reports the pause in its stats", async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ now: clock.now, sleep: clock.sleep });
    limiter.rateLimited(undefined, 0);
    expect(limiter.stats().pausedUntil).to.equal(1000);
    clock.advance(1000);
    expect(limiter.stats().pausedUntil).to.equal(0);
  });
});
