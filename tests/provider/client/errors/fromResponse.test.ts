import { expect } from "chai";
import {
  KantataAuthenticationError,
  KantataError,
  KantataNotFoundError,
  KantataPermissionError,
  KantataRateLimitError,
  KantataServerError,
  KantataValidationError,
  fromResponse,
  isKantataError,
} from "../../../../provider/client/errors";
import { createRedactor } from "../../../../provider/client/redact";
import type { HttpMethod, KantataResponse } from "../../../../provider/client/types";

const TOKEN = "tok-SECRET-123";

function response(status: number, body?: unknown, headers: Record<string, string> = {}, method: HttpMethod = "GET"): KantataResponse {
  return { status, body, headers, request: { method, path: "/access_group_memberships" } };
}

describe("fromResponse", () => {
  describe("picks the class from the status", () => {
    const table: Array<[number, new (...args: never[]) => KantataError]> = [
      [400, KantataValidationError],
      [401, KantataAuthenticationError],
      [403, KantataPermissionError],
      [404, KantataNotFoundError],
      [422, KantataValidationError],
      [429, KantataRateLimitError],
      [500, KantataServerError],
      [502, KantataServerError],
      [503, KantataServerError],
      [504, KantataServerError],
      [408, KantataServerError],
      [409, KantataServerError],
      [302, KantataServerError],
    ];
    for (const [status, cls] of table) {
      it(`maps ${status} to ${cls.name}`, () => {
        const err = fromResponse(response(status, { errors: [{ type: "system", message: "x" }] }));
        expect(err).to.be.instanceOf(cls);
        expect(err).to.be.instanceOf(KantataError);
        expect(err.name).to.equal(cls.name);
        expect(err.status).to.equal(status);
      });
    }
  });

  it("reads the message like ky: status, reason, request, Kantata's message with its field, request id", () => {
    const err = fromResponse(
      response(422, { errors: [{ type: "validation", message: "User has already been taken", field: "user_id" }] }, { "x-request-id": "req-42" }, "POST"),
    );
    expect(err.message).to.equal(
      "Kantata API 422 Unprocessable Entity: POST /access_group_memberships: User has already been taken (field user_id); request id req-42",
    );
    expect(err.requestId).to.equal("req-42");
    expect(err.method).to.equal("POST");
    expect(err.path).to.equal("/access_group_memberships");
  });

  it("keeps every entry of errors[] with its type, field and index (a string index is normalized)", () => {
    const err = fromResponse(
      response(422, {
        errors: [
          { type: "validation", message: "is invalid", field: "user_id", index: 0 },
          { type: "validation", message: "is taken", field: "workspace_group_id", index: "3" },
          { type: "system", message: "also this" },
        ],
      }),
    );
    expect(err.messages).to.deep.equal([
      { type: "validation", message: "is invalid", field: "user_id", index: 0 },
      { type: "validation", message: "is taken", field: "workspace_group_id", index: 3 },
      { type: "system", message: "also this" },
    ]);
    expect(err.message).to.contain("is invalid (field user_id, index 0); is taken (field workspace_group_id, index 3); also this");
    expect((err as KantataValidationError).fieldErrors).to.have.length(2);
  });

  it("keeps the API's own type strings (oauth on a 401)", () => {
    const err = fromResponse(response(401, { errors: [{ type: "oauth", message: "Invalid OAuth 2 Request" }] }));
    expect(err.messages).to.deep.equal([{ type: "oauth", message: "Invalid OAuth 2 Request" }]);
    expect(err.message).to.equal("Kantata API 401 Unauthorized: GET /access_group_memberships: Invalid OAuth 2 Request");
  });

  describe("reads bodies that are not Kantata's errors[]", () => {
    it("reads {status, error} (the malformed-JSON answer)", () => {
      const err = fromResponse(response(400, { status: 400, error: "malformed JSON detected, please lint your request params" }));
      expect(err).to.be.instanceOf(KantataValidationError);
      expect(err.messages).to.deep.equal([{ type: "system", message: "malformed JSON detected, please lint your request params" }]);
    });

    it("reads {error_message}", () => {
      const err = fromResponse(response(500, { error_message: "Something broke" }));
      expect(err.message).to.equal("Kantata API 500 Internal Server Error: GET /access_group_memberships: Something broke");
    });

    it("reads Rails' {errors: {field: [messages]}}", () => {
      const err = fromResponse(response(422, { errors: { user_id: ["is invalid", "is missing"] } }));
      expect(err.messages).to.deep.equal([
        { type: "validation", field: "user_id", message: "is invalid" },
        { type: "validation", field: "user_id", message: "is missing" },
      ]);
    });

    it("reads plain text", () => {
      const err = fromResponse(response(502, "upstream connect error"));
      expect(err.message).to.equal("Kantata API 502 Bad Gateway: GET /access_group_memberships: upstream connect error");
    });

    it("reads an HTML page as its text", () => {
      const err = fromResponse(response(503, "<html><head><title>503 Service Unavailable</title></head>\n<body>down</body></html>"));
      expect(err.messages[0]?.message).to.equal("503 Service Unavailable down");
    });

    it("clips a very long body", () => {
      const err = fromResponse(response(500, "x".repeat(10_000)));
      expect(err.message.length).to.be.lessThan(400);
    });

    it("reads an empty body as no messages", () => {
      const err = fromResponse(response(503, undefined));
      expect(err.messages).to.deep.equal([]);
      expect(err.message).to.equal("Kantata API 503 Service Unavailable: GET /access_group_memberships");
    });

    it("shows an unknown JSON object as JSON", () => {
      const err = fromResponse(response(500, { weird: true }));
      expect(err.messages).to.deep.equal([{ type: "system", message: '{"weird":true}' }]);
    });

    it("names an unknown status", () => {
      expect(fromResponse(response(599)).message).to.equal("Kantata API 599 Unknown Status: GET /access_group_memberships");
    });
  });

  describe("Retry-After", () => {
    it("reads seconds on a 429", () => {
      const err = fromResponse(response(429, undefined, { "retry-after": "3" }));
      expect((err as KantataRateLimitError).retryAfterMs).to.equal(3000);
    });

    it("reads an HTTP date against the injected clock on a 503", () => {
      const now = Date.parse("2026-01-01T00:00:00Z");
      const err = fromResponse(response(503, undefined, { "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), { now: () => now });
      expect((err as KantataServerError).retryAfterMs).to.equal(7000);
    });

    it("leaves retryAfterMs undefined without the header", () => {
      expect((fromResponse(response(429)) as KantataRateLimitError).retryAfterMs).to.equal(undefined);
    });
  });

  describe("never carries the token", () => {
    const redact = createRedactor(() => [TOKEN]);
    const echoing = response(
      401,
      { errors: [{ type: "oauth", message: `Invalid token ${TOKEN} in header Authorization: Bearer ${TOKEN}` }] },
      { "x-request-id": `id-${TOKEN}` },
    );

    it("redacts the token from the message, stack, fields and JSON form", () => {
      const err = fromResponse(echoing, { redact });
      for (const text of [err.message, err.stack ?? "", JSON.stringify(err), JSON.stringify(err.messages), String(err.requestId)]) {
        expect(text).not.to.contain(TOKEN);
      }
      expect(err.message).to.contain("[REDACTED]");
    });

    it("hides Bearer credentials even when no token is known", () => {
      const err = fromResponse(response(500, `Authorization: Bearer ${TOKEN}`));
      expect(err.message).not.to.contain(TOKEN);
    });
  });

  it("brands every error for cross-realm checks", () => {
    const err = fromResponse(response(404));
    expect(err.isKantataError).to.equal(true);
    expect(isKantataError(err)).to.equal(true);
    expect(isKantataError({ isKantataError: true })).to.equal(true);
    expect(isKantataError(new Error("x"))).to.equal(false);
    expect(isKantataError(undefined)).to.equal(false);
  });
});
