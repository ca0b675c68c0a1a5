import { expect } from "chai";
import { createAdaptiveRate } from "../../../provider/client/adaptiveRate";
import { runAgainstRateLimitedServer } from "./helpers/rateLimitedServer";

describe("createAdaptiveRate", () => {
  /** `n` answers, `gapMs` apart from `from`; returns the time after the last. */
  const answer = (rate: ReturnType<typeof createAdaptiveRate>, n: number, from: number, gapMs: number): number => {
    for (let i = 0; i < n; i++) rate.answered(from + i * gapMs);
    return from + n * gapMs;
  };

  it("starts at 50 requests/s, or at the ceiling when that is lower", () => {
    expect(createAdaptiveRate().current()).to.equal(50);
    expect(createAdaptiveRate({ ceiling: 10 }).current()).to.equal(10);
  });

  it("grows quickly while answers come back at the rate it allows, and never past the ceiling", () => {
    const rate = createAdaptiveRate({ ceiling: 400 });
    let t = 0;
    for (let i = 0; i < 40; i++) t = answer(rate, 10, t, 1000 / rate.current());
    expect(rate.current()).to.equal(400);
    expect(rate.stats()).to.include({ probing: true, cuts: 0 });
  });

  it("does not grow past what is used: answers at 5/s keep it near its start", () => {
    const rate = createAdaptiveRate();
    answer(rate, 100, 0, 200);
    expect(rate.current()).to.equal(50);
  });

  it("on a 429 goes just under the rate the server accepted, and ends the fast start", () => {
    const rate = createAdaptiveRate();
    let t = 0;
    while (rate.current() < 300) t = answer(rate, 5, t, 1000 / rate.current());
    t = answer(rate, 50, t, 5); // the server accepted 200/s in the last quarter second
    rate.refused(t - 50, t);
    expect(rate.current()).to.be.closeTo(0.95 * 200, 5);
    expect(rate.stats()).to.include({ probing: false, cuts: 1 });
  });

  it("cuts once per round: a 429 for a request started before the last cut changes nothing", () => {
    const rate = createAdaptiveRate();
    answer(rate, 20, 0, 20);
    rate.refused(350, 400);
    const afterCut = rate.current();
    rate.refused(399, 410);
    expect(rate.current()).to.equal(afterCut);
    rate.refused(405, 455);
    expect(rate.current()).to.be.below(afterCut);
    expect(rate.stats().cuts).to.equal(2);
  });

  it("ignores a 429 for a request sent before any answer came back (a blind opening burst)", () => {
    const rate = createAdaptiveRate();
    rate.answered(50);
    rate.refused(0, 50);
    expect(rate.stats()).to.include({ probing: true, cuts: 0 });
  });

  it("never cuts below half at once, nor below its floor", () => {
    const rate = createAdaptiveRate({ start: 40, floor: 15 });
    rate.answered(0);
    rate.refused(10, 1000); // nothing accepted lately: no evidence of the server's rate
    expect(rate.current()).to.equal(34);
    for (let i = 2; i < 20; i++) rate.refused(i * 1000 + 10, i * 1000 + 20);
    expect(rate.current()).to.equal(15);
  });
});

describe("the limiter against a server whose rate limit it is not told (virtual time)", () => {
  // The bar for a destroy of 1,000: at most 1.25 × N/R seconds of requests, at most 5 %
  // answered 429, none failing. Buckets from strict spacing (1) to a full second's burst.
  for (const R of [20, 200]) {
    for (const burst of [1, R / 10, R]) {
      it(`finds ${R} requests/s (server bucket ${burst}): 1,000 requests, ≤ 5 % refused, none failed, within 1.3 × N/R`, async () => {
        const run = await runAgainstRateLimitedServer({ server: { requestsPerSecond: R, burst }, requests: 1000 });
        expect(run.failed).to.equal(0);
        expect(run.accepted).to.equal(1000);
        expect(run.refused / (run.accepted + run.refused)).to.be.at.most(0.05);
        expect(run.seconds).to.be.at.most((1.3 * 1000) / R);
        expect(run.finalRate).to.be.within(0.5 * R, 1.6 * R);
      });
    }
  }

  it("with no limit on the server, grows past 500 requests/s and never sees a 429", async () => {
    const run = await runAgainstRateLimitedServer({ requests: 2000 });
    expect(run).to.include({ refused: 0, failed: 0, accepted: 2000 });
    expect(run.finalRate).to.be.above(500);
  });

  it("grows back at once after a 429 storm: storms of 1.5 s in every 6 s take under twice the calm time", async () => {
    // 3,000 requests at up to 200/s: about 15 s unhindered; the storms take 1 request/s for a quarter of the time.
    const calm = await runAgainstRateLimitedServer({ server: { requestsPerSecond: 200, burst: 20 }, requests: 3000 });
    const stormy = await runAgainstRateLimitedServer({ server: { requestsPerSecond: 200, burst: 20 }, requests: 3000, storms: { everyMs: 6000, lengthMs: 1500 } });
    expect(stormy.failed).to.equal(0);
    expect(stormy.seconds).to.be.at.most(calm.seconds * 2);
  });

  it("grows back after a storm that comes before the first 429 (while the rate is still growing fast)", async () => {
    // A storm of 1.5 s from 0.3 s on: it meets the limiter on its way up. 2,000 at 200/s take 10 s unhindered.
    const run = await runAgainstRateLimitedServer({ server: { requestsPerSecond: 200, burst: 20 }, requests: 2000, storms: { everyMs: 60_000, lengthMs: 1500, firstAtMs: 300 } });
    expect(run.failed).to.equal(0);
    expect(run.seconds).to.be.at.most(15);
  });

  it("follows a limit that drops for good: from 200 to 20 requests/s, ≤ 5 % refused after the drop", async () => {
    const first = await runAgainstRateLimitedServer({ server: { requestsPerSecond: 200, burst: 20 }, requests: 1000, limitAfter: { ms: 3000, requestsPerSecond: 20 } });
    expect(first.failed).to.equal(0);
    expect(first.finalRate).to.be.within(10, 30);
    expect(first.refusedAfterDrop! / first.accepted).to.be.at.most(0.05);
  });

  it("keeps to the requestsPerSecond ceiling it is given", async () => {
    const run = await runAgainstRateLimitedServer({ requests: 300, limiter: { requestsPerSecond: 30 } });
    expect(run.finalRate).to.equal(30);
    expect(run.seconds).to.be.at.least((300 - 16) / 30); // 16 may start at once before any 429
  });

  it("with adaptive: false, stays at requestsPerSecond and lets the server's 429s be retried", async () => {
    const run = await runAgainstRateLimitedServer({ server: { requestsPerSecond: 20, burst: 20 }, requests: 200, limiter: { requestsPerSecond: 40, adaptive: false } });
    expect(run.failed).to.equal(0);
    expect(run.refused).to.be.above(50);
    expect(run.finalRate).to.equal(40);
  });
});
