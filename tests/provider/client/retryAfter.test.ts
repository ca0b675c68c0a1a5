import { expect } from "chai";
import { parseRetryAfterMs } from "../../../provider/client/retryAfter";

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfterMs("120", now)).to.equal(120_000);
    expect(parseRetryAfterMs(" 0 ", now)).to.equal(0);
    expect(parseRetryAfterMs("1.5", now)).to.equal(1500);
  });

  it("reads an HTTP date relative to now, and a past date as 0", () => {
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", now)).to.equal(30_000);
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now)).to.equal(0);
  });

  it("returns undefined for a missing or unreadable header", () => {
    expect(parseRetryAfterMs(undefined, now)).to.equal(undefined);
    expect(parseRetryAfterMs("", now)).to.equal(undefined);
    expect(parseRetryAfterMs("soon", now)).to.equal(undefined);
    expect(parseRetryAfterMs("-5", now)).to.equal(undefined);
  });
});
