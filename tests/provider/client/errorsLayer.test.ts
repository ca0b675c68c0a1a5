import { expect } from "chai";
import { KantataNotFoundError } from "../../../provider/client/errors";
import { withErrors } from "../../../provider/client/errorsLayer";
import { createRedactor } from "../../../provider/client/redact";
import { scriptedSend } from "./helpers/scriptedSend";

describe("withErrors", () => {
  it("passes every 2xx response through untouched", async () => {
    const send = withErrors(scriptedSend([{ status: 200, body: { count: 0 } }, { status: 204 }]));
    expect((await send({ method: "GET", path: "/x" })).body).to.deep.equal({ count: 0 });
    expect((await send({ method: "DELETE", path: "/x/1" })).status).to.equal(204);
  });

  it("throws the matching KantataError for a non-2xx response", async () => {
    const send = withErrors(scriptedSend([{ status: 404, body: { errors: [{ type: "system", message: "Not found" }] }, headers: { "x-request-id": "r-404" } }]));
    try {
      await send({ method: "GET", path: "/access_group_memberships/9" });
      expect.fail("should have thrown");
    } catch (err) {
      expect(err).to.be.instanceOf(KantataNotFoundError);
      expect((err as KantataNotFoundError).message).to.equal("Kantata API 404 Not Found: GET /access_group_memberships/9: Not found; request id r-404");
    }
  });

  it("applies the given redactor to what the body says", async () => {
    const send = withErrors(scriptedSend([{ status: 500, body: "echo tok-SECRET-123" }]), { redact: createRedactor(() => ["tok-SECRET-123"]) });
    try {
      await send({ method: "GET", path: "/x" });
      expect.fail("should have thrown");
    } catch (err) {
      expect((err as Error).message).to.equal("Kantata API 500 Internal Server Error: GET /x: echo [REDACTED]");
    }
  });
});
