import { expect } from "chai";
import { createBatcher, chunks } from "../../../provider/dynamic/batcher";

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
    const batches: number[][] = [];
    const echo = createBatcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((value) => ({ ok: true, value }));
    }, { maxBatch: 2, windowMs: () => 1000 });
    await Promise.all([1, 2, 3, 4].map(echo));
    expect(batches).to.deep.equal([[1, 2], [3, 4]]);
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
