import { expect } from "chai";
import { createAnnouncements } from "../../../provider/dynamic/announcements";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("announcements of the creates to come", () => {
  it("expects what a lone check announced, and nothing more", () => {
    const a = createAnnouncements(() => {});
    a.announce(1, true);
    expect(a.expected("lookup")()).to.equal(1);
  });

  it("expects one more while checks keep coming, and says when they stopped", async () => {
    let quiet = 0;
    const a = createAnnouncements(() => quiet++);
    a.announce(1, true);
    await sleep(5);
    a.announce(1, true);
    expect(a.expected("create")(), "two announced, and a third likely").to.equal(3);
    await sleep(500);
    expect(quiet, "told once the pace broke").to.equal(1);
    expect(a.expected("create")()).to.equal(2);
  });

  it("does not take a check long after the last for a stream", async () => {
    const a = createAnnouncements(() => {});
    a.announce(1, true);
    await sleep(1100);
    a.announce(1, true);
    expect(a.expected("lookup")()).to.equal(2);
  });

  it("takes creates that skip a stage off that stage only, and tells the stages", () => {
    let quiet = 0;
    const a = createAnnouncements(() => quiet++);
    a.announce(3, false);
    a.skip(["verify", "create"], 1);
    a.skip(["lookup"], 2);
    expect([a.expected("lookup")(), a.expected("verify")(), a.expected("create")()]).to.deep.equal([1, 2, 2]);
    expect(quiet).to.equal(2);
  });
});
