import { expect } from "chai";
import {
  KantataError,
  KantataNetworkError,
  KantataResponseShapeError,
  KantataValidationError,
  isKantataError,
} from "../../../../provider/client/errors";
import type { z } from "zod";

describe("KantataError", () => {
  it("carries status, method, path, messages and request id, and names its class", () => {
    const err = new KantataValidationError("boom", {
      status: 422,
      method: "POST",
      path: "/x",
      messages: [{ type: "validation", message: "bad", field: "user_id" }],
      requestId: "r1",
    });
    expect(err).to.be.instanceOf(Error);
    expect(err.name).to.equal("KantataValidationError");
    expect(err.stack?.split("\n")[0]).to.equal("KantataValidationError: boom");
    expect([err.status, err.method, err.path, err.requestId]).to.deep.equal([422, "POST", "/x", "r1"]);
    expect(err.fieldErrors).to.deep.equal([{ type: "validation", message: "bad", field: "user_id" }]);
  });

  it("defaults messages to an empty list", () => {
    expect(new KantataError("m", { method: "GET", path: "/" }).messages).to.deep.equal([]);
  });
});

describe("KantataNetworkError", () => {
  it("says what failed, why, and whether the outcome is known", () => {
    const cause = new Error("connect ECONNREFUSED");
    const err = new KantataNetworkError({ method: "POST", path: "/x", timedOut: false, outcomeUnknown: false, reason: "connect ECONNREFUSED", cause });
    expect(err.message).to.equal("Kantata API request failed: POST /x: connect ECONNREFUSED (not sent)");
    expect(err.cause).to.equal(cause);
    expect(err.status).to.equal(undefined);
    expect(isKantataError(err)).to.equal(true);
  });

  it("marks a timeout as outcome unknown", () => {
    const err = new KantataNetworkError({ method: "GET", path: "/x", timedOut: true, outcomeUnknown: true, reason: "timed out after 5 ms" });
    expect([err.timedOut, err.outcomeUnknown]).to.deep.equal([true, true]);
    expect(err.message).to.match(/timed out after 5 ms \(outcome unknown\)$/);
  });
});

describe("KantataResponseShapeError", () => {
  const issue = (n: number): z.core.$ZodIssue => ({ code: "custom", path: ["records", String(n), "user_id"], message: `bad ${n}`, input: undefined });

  it("names the request and lists zod's issues with their paths", () => {
    const err = new KantataResponseShapeError({ method: "GET", path: "/things", status: 200, requestId: "r9", issues: [issue(1)] });
    expect(err).to.be.instanceOf(KantataError);
    expect(err.message).to.equal("Kantata API 200 response has an unexpected shape: GET /things; request id r9\n✖ bad 1\n  → at records.1.user_id");
    expect(err.issues).to.have.length(1);
    expect(err.pretty).to.equal("✖ bad 1\n  → at records.1.user_id");
  });

  it("keeps the message short when there are many issues, but keeps them all", () => {
    const issues = Array.from({ length: 12 }, (_, i) => issue(i));
    const err = new KantataResponseShapeError({ method: "GET", path: "/things", issues });
    expect(err.issues).to.have.length(12);
    expect(err.message).to.contain("… and 7 more issue(s)");
    expect(err.message).not.to.contain("bad 11");
    expect(err.pretty).to.contain("bad 11");
  });
});
