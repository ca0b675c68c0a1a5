import { expect } from "chai";
import { liveByPair, planViolations, type Resource } from "./model";

/** The workflow test's rule for previews, on its own: what a preview says must be true of the account. */
describe("the workflow model's check of a preview's plan", () => {
  const { live } = liveByPair([
    { kind: "access", id: 501, userId: 5, groupId: 11 },
    { kind: "access", id: 502, userId: 6, groupId: 11 },
  ]);
  const program: Resource[] = [
    { cls: "single", kind: "access", name: "five", userId: 5, groupId: 11 },
    { cls: "single", kind: "access", name: "seven", userId: 7, groupId: 11 },
    { cls: "whole", kind: "access", name: "all", groupId: 11, userIds: [5, 6, 7] },
  ];

  it("accepts lines that match the account", () => {
    expect(
      planViolations(program, live, [
        { name: "five", message: "will adopt existing membership 501 (no write)" },
        { name: "seven", message: "will create the membership (1 write): user 7 is not in access group 11" },
        { name: "all", message: "will adopt 2 existing members, add 1 (1 write)" },
      ]),
    ).to.deep.equal([]);
  });

  it("names each line that does not", () => {
    const problems = planViolations(program, live, [
      { name: "five", message: "will adopt existing membership 999 (no write)" },
      { name: "five", message: "will create the membership (1 write)" },
      { name: "seven", message: "will adopt existing membership 501 (no write)" },
      { name: "all", message: "will adopt 3 existing members (no write)" },
    ]);
    expect(problems).to.have.length(4);
    expect(problems[0]).to.contain("five adopts membership 999, but the live membership is 501");
    expect(problems[2]).to.contain("the live membership is absent");
  });
});
