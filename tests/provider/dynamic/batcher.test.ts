import { expect } from "chai";
import { createBatcher, chunks, type BatcherOptions } from "../../../provider/dynamic/batcher";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A batcher that answers each item with itself (after `runMs`, as a request would) and records every batch it ran. */
function recordingBatcher(options: BatcherOptions, runMs = 0): { echo: ReturnType<typeof createBatcher<number, number>>; batches: number[][] } {
  const batches: number[][] = [];
  const echo = createBatcher<number, number>(async (items) => {
    batches.push(items);
    if (runMs > 0) await pause(runMs);
    return items.map((value) => ({ ok: true, value }));
  }, options);
  return { echo, batches };
}

describe("createBatcher", () => {
  it("gathers calls that arrive together into one batch and gives each its own result", async () => {
    const batches: number[][] = [];
    const double = createBatcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((i) => ({ ok: true, value: i * 2 }));
    }, { maxBatch: 10, windowMs: () => 5 });
    expect(await Promise.all([1, 2, 3].map(double))).to.deep.equal([2, 4, 6]);
    expect(batches).to.deep.equal([[1, 2, 3]]);
  });

  it("flushes as soon as a batch is full", async () => {
    const { echo, batches } = recordingBatcher({ maxBatch: 2, windowMs: () => 1000 });
    await Promise.all([1, 2, 3, 4].map(echo));
    expect(batches).to.deep.equal([[1, 2], [3, 4]]);
  });

  it("flushes at once when every call it was told to expect has arrived, without waiting out the window", async () => {
    let expected = 3;
    const { echo, batches } = recordingBatcher({ maxBatch: 10, windowMs: () => 3_600_000, expected: () => expected });
    // A window of an hour: only the expected count can flush these (mocha's timeout would fail the test otherwise).
    expect(await Promise.all([1, 2, 3].map(echo))).to.deep.equal([1, 2, 3]);
    expect(batches).to.deep.equal([[1, 2, 3]]);
    expected = 4;
    expect(await echo(4)).to.equal(4);
    expect(batches).to.deep.equal([[1, 2, 3], [4]]);
  });

  it("flushes when poked once calls it expected will not come (answered elsewhere)", async () => {
    let expected = 3;
    const { echo, batches } = recordingBatcher({ maxBatch: 10, windowMs: () => 3_600_000, expected: () => expected });
    const one = echo(1);
    await new Promise((r) => setTimeout(r, 5));
    echo.poke();
    expect(batches, "1 of 3 arrived: still gathering").to.deep.equal([]);
    expected = 1; // the two others were answered without this batcher
    echo.poke();
    expect(await one).to.equal(1);
    expect(batches).to.deep.equal([[1]]);
  });

  it("waits the window while more calls are expected, and when nothing was announced (0)", async () => {
    let expected = 5;
    const { echo, batches } = recordingBatcher({ maxBatch: 10, windowMs: () => 200, expected: () => expected });
    const first = Promise.all([1, 2].map(echo));
    await new Promise((r) => setTimeout(r, 5));
    expect(batches, "2 of 5 arrived: still gathering").to.deep.equal([]);
    await first;
    expect(batches).to.deep.equal([[1, 2]]);
    expected = 0;
    await Promise.all([3, 4].map(echo));
    expect(batches).to.deep.equal([[1, 2], [3, 4]]);
  });

  it("with refills, sends the next batch as soon as as many calls came as the last batch had (a refresh's rounds)", async () => {
    let windowMs = 20;
    const { echo, batches } = recordingBatcher({ maxBatch: 200, windowMs: () => windowMs, refills: true });
    await Promise.all([1, 2, 3, 4].map(echo));
    // A window of an hour from now on: had the second round waited it out, mocha's timeout would fail this test.
    windowMs = 3_600_000;
    const second: Promise<number>[] = [];
    for (const i of [5, 6, 7, 8]) {
      second.push(echo(i));
      await new Promise((r) => setImmediate(r)); // the engine's calls come a few event-loop turns apart
    }
    await Promise.all(second);
    expect(batches).to.deep.equal([[1, 2, 3, 4], [5, 6, 7, 8]]);
  });

  it("while more calls are expected, keeps a batch open for arrivals spaced wider than the window (one per checkpoint)", async () => {
    // Each batch's request takes 100 ms: the next calls arrive while it is in flight, as under checkpoints.
    const { echo, batches } = recordingBatcher({ maxBatch: 100, windowMs: () => 20, expected: () => 6 }, 100);
    const results: Promise<number>[] = [];
    for (let i = 1; i <= 6; i++) {
      results.push(echo(i));
      await pause(40); // twice the window between arrivals
    }
    expect(await Promise.all(results)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    // The first arrival shows no pace yet: it waits the window alone; from the second on, the pace is known.
    expect(batches).to.deep.equal([[1], [2, 3, 4, 5, 6]]);
  });

  it("still closes a batch when expected calls stop arriving (all the engine's workers wait on it)", async () => {
    const { echo, batches } = recordingBatcher({ maxBatch: 100, windowMs: () => 20, expected: () => 10 }, 100);
    const results: Promise<number>[] = [];
    for (let i = 1; i <= 3; i++) {
      results.push(echo(i));
      await pause(30);
    }
    // 7 more are expected but none comes: the batch closes after a few gaps of quiet, not never.
    expect(await Promise.all(results)).to.deep.equal([1, 2, 3]);
    expect(batches).to.deep.equal([[1], [2, 3]]);
  });

  it("does not hold calls that come one at a time, each after the last batch returned (creates in a chain, --parallel 1)", async function () {
    // Each call waits the 20 ms window; were the gaps (which include the wait) taken for the engine's
    // pace, the holds would grow call by call to 1 s each, and mocha's timeout would fail the test.
    this.timeout(2000);
    const { echo, batches } = recordingBatcher({ maxBatch: 100, windowMs: () => 20, expected: () => 10 }, 10);
    for (let i = 1; i <= 8; i++) expect(await echo(i)).to.equal(i);
    expect(batches).to.deep.equal([[1], [2], [3], [4], [5], [6], [7], [8]]);
  });

  it("with waitsAfterBatch, holds the first call after a full batch returned for the next round's calls, not the pace of the last burst", async () => {
    // The engine's rhythm at --parallel 100 in small: a full bulk, then the one create it checked ahead, then (some 300 ms
    // later, after their checks and reads) the next round's. Held, that create joins them; before, it went alone after 20 ms.
    const { echo, batches } = recordingBatcher({ maxBatch: 3, windowMs: () => 20, expected: () => 6, waitsAfterBatch: true }, 10);
    const first = [1, 2, 3].map(echo);
    await Promise.all(first);
    const held = echo(4);
    await pause(300);
    const next = [5, 6].map(echo);
    expect(await Promise.all([...first, held, ...next])).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(batches).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
  });

  it("with waitsAfterBatch, still sends at once a call after a batch when nothing more is expected, and does not hold calls in a chain", async function () {
    this.timeout(2000);
    let expected = 2;
    const { echo, batches } = recordingBatcher({ maxBatch: 100, windowMs: () => 3_600_000, expected: () => expected, waitsAfterBatch: true });
    await Promise.all([1, 2].map(echo));
    expected = 3;
    expect(await echo(3)).to.equal(3);
    // One at a time, each after the last returned (--parallel 1): batches of one are no round to wait after.
    const chain = recordingBatcher({ maxBatch: 100, windowMs: () => 20, expected: () => 10, waitsAfterBatch: true }, 10);
    for (let i = 1; i <= 8; i++) expect(await chain.echo(i)).to.equal(i);
    expect(batches).to.deep.equal([[1, 2], [3]]);
    expect(chain.batches).to.have.length(8);
  });

  it("with upstream, keeps a batch open however long the quiet while calls are on their way from an earlier stage, and sends it once they came", async () => {
    // Under per-step checkpoints: one create reached the bulk stage while its round waited in verification.
    let upstream = 2;
    const { echo, batches } = recordingBatcher({ maxBatch: 100, windowMs: () => 10, upstream: () => upstream });
    const first = echo(1);
    await pause(100); // ten windows of quiet
    expect(batches).to.deep.equal([]);
    upstream = 0;
    echo.poke();
    const rest = [2, 3].map(echo); // they come right after their verification returned
    expect(await Promise.all([first, ...rest])).to.deep.equal([1, 2, 3]);
    expect(batches).to.deep.equal([[1, 2, 3]]);
  });

  it("with upstream, closes the batch by quiet once nothing is on its way (the calls upstream went elsewhere), and sends a full batch at once", async () => {
    let upstream = 1;
    const { echo, batches } = recordingBatcher({ maxBatch: 2, windowMs: () => 10, upstream: () => upstream });
    const lone = echo(1);
    await pause(50);
    upstream = 0; // that call failed its verification: it will never come here
    echo.poke();
    expect(await lone).to.equal(1);
    upstream = 5;
    expect(await Promise.all([2, 3].map(echo))).to.deep.equal([2, 3]);
    expect(batches).to.deep.equal([[1], [2, 3]]);
  });

  it("fails only the items whose result is an error", async () => {
    const check = createBatcher<number, number>(async (items) => items.map((i) => (i < 0 ? { ok: false, error: new Error(`bad ${i}`) } : { ok: true, value: i })), {
      maxBatch: 10,
      windowMs: () => 1,
    });
    const results = await Promise.allSettled([1, -2, 3].map(check));
    expect(results.map((r) => r.status)).to.deep.equal(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).to.equal("bad -2");
  });

  it("fails every item of a batch whose run throws", async () => {
    const broken = createBatcher<number, number>(async () => {
      throw new Error("down");
    }, { maxBatch: 10, windowMs: () => 1 });
    const results = await Promise.allSettled([1, 2].map(broken));
    expect(results.every((r) => r.status === "rejected" && r.reason.message === "down")).to.equal(true);
  });
});

describe("chunks", () => {
  it("splits a list into pieces of at most the given size", () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).to.deep.equal([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).to.deep.equal([]);
  });
});
