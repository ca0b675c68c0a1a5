import { expect } from "chai";
import { AccountSnapshot, KINDS } from "../../../provider/cli/account";
import { generateProgram } from "../../../provider/cli/generateProgram";
import { exportedResources } from "../../helpers/exportedProgram";

/** A small account: two users, one group of each kind, one membership each (two dated ones). */
function snapshot(): AccountSnapshot {
  const groups: AccountSnapshot["groups"] = Object.fromEntries(Object.keys(KINDS).map((k) => [k, new Map([[1, { id: 1, name: `Team ${k}`, accountDefault: false }]])]));
  groups.access.set(2, { id: 2, name: "Project Lead", accountDefault: true });
  const memberships: AccountSnapshot["memberships"] = Object.fromEntries(Object.keys(KINDS).map((k) => [k, [{ id: 100, userId: 7, groupId: 1, fields: {} }]]));
  memberships.access.push({ id: 101, userId: 8, groupId: 2, fields: {} });
  memberships.insights[0].fields = { canEdit: true };
  memberships.skill[0].fields = { level: 4 };
  memberships["holiday-calendar"] = [
    { id: 200, userId: 7, groupId: 1, fields: { startDate: "2026-01-01" } },
    { id: 201, userId: 7, groupId: 1, fields: { startDate: "2027-01-01" } },
  ];
  const users = new Map([7, 8].map((id) => [id, { id, fullName: `User ${id}`, email: `user${id}@example.com` }]));
  return { users, groups, memberships };
}

const options = { groupIds: [], authoritative: false, retain: false, source: "test", date: "2026-11-30" };

describe("generateProgram", () => {
  it("declares every membership of every kind with the fields its descriptor makes arguments", () => {
    const { text, summary } = generateProgram(snapshot(), Object.keys(KINDS), options);
    const declared = exportedResources(text);
    expect(declared.map((d) => `${d.cls} ${d.groupId} ${d.userIds} ${JSON.stringify(d.fields)}`)).to.deep.equal([
      `AccessGroupMembership 1 7 {}`,
      `InsightsAccessGroupMembership 1 7 {"canEdit":true}`,
      `UserGroupMembership 1 7 {}`,
      `SkillMembership 1 7 {"level":4}`,
      `HolidayCalendarMembership 1 7 {"startDate":"2026-01-01"}`,
      `HolidayCalendarMembership 1 7 {"startDate":"2027-01-01"}`,
    ]);
    expect(summary.memberships).to.deep.equal({ access: 1, insights: 1, workspace: 1, skill: 1, "holiday-calendar": 2 });
  });

  it("leaves Account Default access groups out, naming them in a comment", () => {
    const { text, summary } = generateProgram(snapshot(), ["access"], options);
    expect(summary.skipped).to.equal(1);
    expect(text).to.contain("//   Project Lead (access group 2): 1 membership(s)");
    expect(exportedResources(text).map((d) => d.groupId)).to.deep.equal([1]);
  });

  it("gives two memberships of one user in one group distinct, stable names", () => {
    const a = generateProgram(snapshot(), ["holiday-calendar"], options);
    const names = exportedResources(a.text).map((d) => d.name);
    expect(names).to.deep.equal(["holiday-calendar-team-holiday-calendar-user7", "holiday-calendar-team-holiday-calendar-user7-7"]);
    expect(generateProgram(snapshot(), ["holiday-calendar"], options).text).to.equal(a.text);
  });

  it("writes an authoritative resource only for kinds that have one, with retainOnDelete when asked", () => {
    const { text } = generateProgram(snapshot(), Object.keys(KINDS), { ...options, authoritative: true, retain: true });
    const declared = exportedResources(text);
    expect(declared.map((d) => d.cls)).to.deep.equal([
      "AccessGroupMembers",
      "InsightsAccessGroupMembership",
      "WorkspaceGroupMembers",
      "SkillMembers",
      "HolidayCalendarMembership",
      "HolidayCalendarMembership",
    ]);
    expect(declared.every((d) => d.retained)).to.equal(true);
  });
});
