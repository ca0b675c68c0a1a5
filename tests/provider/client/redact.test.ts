import { expect } from "chai";
import { createRedactor, sanitizeCause } from "../../../provider/client/redact";

const TOKEN = "tok-SECRET-123";

describe("createRedactor", () => {
  it("hides the current secrets and any Bearer credential", () => {
    let token = TOKEN;
    const redact = createRedactor(() => [token]);
    expect(redact(`a ${TOKEN} b`)).to.equal("a [REDACTED] b");
    expect(redact("Authorization: Bearer abcdef.ghi")).to.equal("Authorization: Bearer [REDACTED]");
    token = "tok-ROTATED-456";
    expect(redact("x tok-ROTATED-456")).to.equal("x [REDACTED]");
  });

  it("ignores secrets too short to be tokens, and a getter that throws", () => {
    expect(createRedactor(() => ["ab", undefined])("ab cd")).to.equal("ab cd");
    expect(
      createRedactor(() => {
        throw new Error("no token");
      })("fine"),
    ).to.equal("fine");
  });
});

describe("sanitizeCause", () => {
  const redact = createRedactor(() => [TOKEN]);

  it("copies name, message, stack and code, redacted, and drops every other property", () => {
    const original = Object.assign(new Error(`failed with ${TOKEN}`), { name: "FetchError", code: "ECONNRESET", headers: { authorization: `Bearer ${TOKEN}` } });
    const copy = sanitizeCause(original, redact);
    expect(copy.name).to.equal("FetchError");
    expect((copy as { code?: string }).code).to.equal("ECONNRESET");
    expect(copy.message).to.equal("failed with [REDACTED]");
    expect(copy.stack).to.contain("failed with [REDACTED]");
    expect(JSON.stringify(copy)).not.to.contain(TOKEN);
    expect(Object.keys(copy)).not.to.include("headers");
  });

  it("sanitizes nested causes and non-errors", () => {
    const copy = sanitizeCause(new Error("outer", { cause: new Error(`inner ${TOKEN}`) }), redact);
    expect((copy.cause as Error).message).to.equal("inner [REDACTED]");
    expect(sanitizeCause(`thrown ${TOKEN}`, redact).message).to.equal("thrown [REDACTED]");
  });
});
