import { expect } from "chai";
import { accessGroupMembership, insightsAccessGroupMembership, userGroupMembership } from "../../../provider/descriptors";
import { checkInputs, UNKNOWN } from "../../../provider/dynamic/inputs";

describe("checkInputs", () => {
  it("accepts numeric ids and normalises numeric strings to numbers", () => {
    const { inputs, failures } = checkInputs(accessGroupMembership, { userId: "101", accessGroupId: 7 });
    expect(failures).to.deep.equal([]);
    expect(inputs).to.deep.equal({ userId: 101, accessGroupId: 7 });
  });

  it("keeps canEdit and adoptExisting when given and drops nothing else", () => {
    const { inputs, failures } = checkInputs(insightsAccessGroupMembership, { userId: 5, insightsAccessGroupId: " 3 ", canEdit: true, adoptExisting: false });
    expect(failures).to.deep.equal([]);
    expect(inputs).to.deep.equal({ userId: 5, insightsAccessGroupId: 3, canEdit: true, adoptExisting: false });
  });

  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    ["zero", { userId: 0, workspaceGroupId: 1 }, "userId", /positive whole number, got 0/],
    ["a negative id", { userId: -4, workspaceGroupId: 1 }, "userId", /positive whole number/],
    ["a fractional id", { userId: 1.5, workspaceGroupId: 1 }, "userId", /positive whole number/],
    ["an id above int32", { userId: 2147483648, workspaceGroupId: 1 }, "userId", /1 to 2147483647/],
    ["a non-numeric string", { userId: "bob", workspaceGroupId: 1 }, "userId", /positive whole number, got "bob"/],
    ["a boolean id", { userId: true, workspaceGroupId: 1 }, "userId", /must be a Kantata user id/],
    ["null", { userId: null, workspaceGroupId: 1 }, "userId", /must be a Kantata user id/],
    ["a missing group", { userId: 1 }, "workspaceGroupId", /requires workspaceGroupId/],
    ["a missing user", { workspaceGroupId: 1 }, "userId", /requires userId/],
    ["a non-boolean adoptExisting", { userId: 1, workspaceGroupId: 1, adoptExisting: "yes" }, "adoptExisting", /must be true or false/],
  ];
  for (const [what, news, property, reason] of bad) {
    it(`refuses ${what}, naming ${property} and the fix`, () => {
      const { failures } = checkInputs(userGroupMembership, news);
      const failure = failures.find((f) => f.property === property);
      expect(failure, JSON.stringify(failures)).to.exist;
      expect(failure!.reason).to.match(reason);
      expect(failure!.reason).to.match(/UserGroupMembership|Fix:/);
    });
  }

  it("refuses unknown argument names and lists the allowed ones", () => {
    const { failures } = checkInputs(userGroupMembership, { userId: 1, workspaceGroupId: 2, groupId: 3 });
    expect(failures).to.have.length(1);
    expect(failures[0].property).to.equal("groupId");
    expect(failures[0].reason).to.contain("Allowed arguments: userId, workspaceGroupId, adoptExisting");
  });

  it("refuses canEdit on a type that has no such field", () => {
    const { failures } = checkInputs(accessGroupMembership, { userId: 1, accessGroupId: 2, canEdit: true });
    expect(failures.map((f) => f.property)).to.deep.equal(["canEdit"]);
  });

  it("lets values that are unknown at preview through and still checks the others", () => {
    const { inputs, failures } = checkInputs(accessGroupMembership, { userId: UNKNOWN, accessGroupId: -1 });
    expect(failures.map((f) => f.property)).to.deep.equal(["accessGroupId"]);
    expect(inputs.userId).to.equal(UNKNOWN);
  });

  it("ignores the reserved __provider key", () => {
    const { failures } = checkInputs(accessGroupMembership, { userId: 1, accessGroupId: 2, __provider: "code" });
    expect(failures).to.deep.equal([]);
  });
});
