// Declares whatever the test wrote to the JSON file named by KANTATA_E2E_SPEC, so one program
// serves every end-to-end scenario: [{ type, name, args, opts? }].
import * as fs from "fs";
import * as kantata from "pulumi-kantata";

interface Declared {
  type: "AccessGroupMembership" | "InsightsAccessGroupMembership" | "UserGroupMembership" | "AccessGroupMembers" | "WorkspaceGroupMembers";
  name: string;
  args: Record<string, unknown>;
  opts?: { retainOnDelete?: boolean };
}

const specFile = process.env.KANTATA_E2E_SPEC;
if (!specFile) throw new Error("KANTATA_E2E_SPEC is not set");
const declared = JSON.parse(fs.readFileSync(specFile, "utf8")) as Declared[];
const classes = {
  AccessGroupMembership: kantata.AccessGroupMembership,
  InsightsAccessGroupMembership: kantata.InsightsAccessGroupMembership,
  UserGroupMembership: kantata.UserGroupMembership,
  AccessGroupMembers: kantata.AccessGroupMembers,
  WorkspaceGroupMembers: kantata.WorkspaceGroupMembers,
};
for (const d of declared) {
  const Class = classes[d.type] as unknown as new (name: string, args: unknown, opts?: unknown) => unknown;
  new Class(d.name, d.args, d.opts);
}
export const count = declared.length;
