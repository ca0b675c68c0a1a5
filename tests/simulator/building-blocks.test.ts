import { expect } from "chai";
import { formatTimestamp } from "../../simulator/clock";
import { MembershipTable } from "../../simulator/membershipTable";
import { mulberry32, seedNumber } from "../../simulator/random";
import { TokenBucket } from "../../simulator/rateLimit";
import { normalizePath } from "../../simulator/router";

interface Row {
  id: number;
  user_id: number;
  group_id: number;
}

describe("simulator: building blocks", () => {
  describe("MembershipTable", () => {
    const table = () => {
      const t = new MembershipTable<Row>((r) => r.group_id, 100);
      t.load([
        { id: 5, user_id: 1, group_id: 1 },
        { id: 7, user_id: 2, group_id: 1 },
        { id: 9, user_id: 1, group_id: 2 },
      ]);
      return t;
    };

    it("gives new rows ids from firstId on, or after the largest loaded id when that is larger", () => {
      expect(table().insert({ user_id: 3, group_id: 1 }).id).to.equal(100);
      const high = new MembershipTable<Row>((r) => r.group_id, 3);
      high.load([{ id: 5, user_id: 1, group_id: 1 }]);
      expect(high.insert({ user_id: 3, group_id: 1 }).id).to.equal(6);
    });

    it("answers by user, by group and by pair, in id order, and forgets deleted rows", () => {
      const t = table();
      t.insert({ user_id: 1, group_id: 3 });
      expect(t.ofUser(1).map((r) => r.id)).to.deep.equal([5, 9, 100]);
      expect(t.ofGroup(1).map((r) => r.id)).to.deep.equal([5, 7]);
      expect(t.findPair(2, 1)?.id).to.equal(7);
      expect(t.delete(7)?.id).to.equal(7);
      expect(t.findPair(2, 1)).to.equal(undefined);
      expect(t.countOfGroup(1)).to.equal(1);
      expect(t.delete(7)).to.equal(undefined);
      expect(t.size).to.equal(3);
    });
  });

  describe("timestamps", () => {
    it("render in the account's offset, without fractions, Z for UTC", () => {
      const ms = Date.parse("2025-01-06T16:00:01Z");
      expect(formatTimestamp(ms, "-07:00")).to.equal("2025-01-06T09:00:01-07:00");
      expect(formatTimestamp(ms, "+05:30")).to.equal("2025-01-06T21:30:01+05:30");
      expect(formatTimestamp(ms, "+00:00")).to.equal("2025-01-06T16:00:01Z");
    });
  });

  describe("seeded random numbers", () => {
    it("repeat for the same seed, and a numeric text seed equals the number", () => {
      const a = mulberry32(seedNumber("42"));
      const b = mulberry32(seedNumber(42));
      const first = [a(), a(), a()];
      expect([b(), b(), b()]).to.deep.equal(first);
      expect(first.every((x) => x >= 0 && x < 1)).to.equal(true);
      expect(seedNumber("chaos")).to.equal(seedNumber("chaos")).and.not.equal(seedNumber("calm"));
    });
  });

  describe("TokenBucket", () => {
    it("lets a burst through, then asks to wait, and refills over time", () => {
      let now = 0;
      const bucket = new TokenBucket({ requestsPerSecond: 2, burst: 2 }, () => now);
      expect([bucket.take(), bucket.take()]).to.deep.equal([0, 0]);
      expect(bucket.take()).to.equal(1);
      now += 500;
      expect(bucket.take()).to.equal(0);
    });
  });

  describe("normalizePath", () => {
    it("drops /api/v1, a trailing slash and the .json suffix", () => {
      expect(normalizePath("/api/v1/users/me.json")).to.equal("/users/me");
      expect(normalizePath("/api/v1/workspace_groups/")).to.equal("/workspace_groups");
      expect(normalizePath("/users")).to.equal("/users");
      expect(normalizePath("/api/v1")).to.equal("/");
    });
  });
});
