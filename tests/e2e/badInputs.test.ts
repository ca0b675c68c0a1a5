import { expect } from "chai";
import { BAD_INPUTS, BadInputResult, BadInputSummary, runBadInputs } from "./badInputs";

/**
 * Every bad input of the table (tests/e2e/badInputs.ts) goes through the real engine against the
 * simulator: preview-stage cases through `pulumi preview`, the others through `pulumi up`.
 */
describe("bad inputs through the real engine", function () {
  let summary: BadInputSummary;
  const resultOf = (name: string): BadInputResult => {
    const r = summary.results.find((x) => x.name === name);
    if (!r) throw new Error(`no result for "${name}"`);
    return r;
  };
  const shown = (r: BadInputResult) => `what the user saw (${r.command}):\n${r.message || r.output.slice(-3000)}`;

  before(async () => {
    summary = await runBadInputs();
  });

  it("tries at least 30 bad inputs and rejects every one, with no write request", () => {
    expect(summary.tried).to.equal(BAD_INPUTS.length).and.to.be.at.least(30);
    expect(summary.results.filter((r) => !r.rejected).map((r) => r.name)).to.deep.equal([]);
    expect(summary.rejected).to.equal(summary.tried);
    expect(summary.writes).to.equal(0);
  });

  it("catches every input that needs no request at preview, and counts them", () => {
    const previewCases = BAD_INPUTS.filter((c) => c.stage === "preview");
    expect(previewCases.length).to.be.at.least(20);
    expect(summary.atPreview).to.equal(previewCases.length);
  });

  for (const c of BAD_INPUTS) {
    describe(c.name, () => {
      if (c.stage === "preview") {
        it("is rejected by `pulumi preview`, before any request, and never reaches an update", () => {
          const r = resultOf(c.name);
          expect(r.rejected, shown(r)).to.equal(true);
          expect(r.stage).to.equal("preview");
          expect(r.reachedUp).to.equal(false);
          expect(r.requests.map((q) => `${q.method} ${q.path}`)).to.deep.equal([]);
        });
      } else {
        it("passes check and is rejected by `pulumi up`, whose first request is a read", () => {
          const r = resultOf(c.name);
          expect(r.rejected, shown(r)).to.equal(true);
          expect(r.stage, shown(r)).to.equal("up");
          if (r.requests.length > 0) expect(r.requests[0].method).to.equal("GET");
        });
      }

      it(`tells the user: ${c.expected.map((e) => JSON.stringify(e)).join(" … ")}`, () => {
        const r = resultOf(c.name);
        expect(r.missing, shown(r)).to.deep.equal([]);
        expect(r.unexpected, shown(r)).to.deep.equal([]);
      });

      it("sends no write request", () => {
        const r = resultOf(c.name);
        expect(r.writes.map((w) => `${w.method} ${w.path} → ${w.status}`), shown(r)).to.deep.equal([]);
      });

      it("never shows a token or another secret", () => {
        const r = resultOf(c.name);
        expect(r.leaked, shown(r)).to.deep.equal([]);
      });
    });
  }
});
