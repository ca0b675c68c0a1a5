import { expect } from "chai";
import { Pace } from "../../../provider/dynamic/pace";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the pace calls arrive at", () => {
  it("knows no gap from a single arrival", () => {
    const pace = new Pace(1000);
    pace.arrive();
    expect(pace.gap()).to.equal(undefined);
  });

  it("is the longest of the recent gaps, so one shorter gap does not shrink it", async () => {
    const pace = new Pace(1000);
    pace.arrive();
    await sleep(40);
    pace.arrive();
    pace.arrive(); // right after: a gap of about 0
    expect(pace.gap()).to.be.at.least(35);
  });

  it("starts afresh after a gap too long to be a pace, and skips gaps it is told say nothing", async () => {
    const pace = new Pace(30);
    pace.arrive();
    await sleep(50);
    pace.arrive();
    expect(pace.gap(), "a gap of 50 ms is no pace under a cap of 30").to.equal(undefined);
    await sleep(10);
    pace.arrive(false);
    expect(pace.gap(), "an arrival that says nothing adds no gap").to.equal(undefined);
    await sleep(10);
    pace.arrive();
    expect(pace.gap(), "the gap is taken from the uncounted arrival").to.be.within(5, 29);
  });
});
