// Memberships declared by email and group name, from stack config, for tests/e2e/lookups.test.ts:
//   members:  [{ email, workspaceGroup }]  → UserGroupMembership, through the Output forms;
//   reviewer: { email, accessGroup }       → AccessGroupMembership, through the promise forms;
//   byEmail:  [{ email, workspaceGroupId }] → UserGroupMembership, only the user looked up (the README's main pattern).
import * as pulumi from "@pulumi/pulumi";
import * as kantata from "pulumi-kantata";

interface Member {
  email: string;
  workspaceGroup: string;
}
interface Reviewer {
  email: string;
  accessGroup: string;
}

const config = new pulumi.Config();
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

// Not exported, as in most programs: the program's run then ends before the lookup fails.
for (const m of config.getObject<{ email: string; workspaceGroupId: number }[]>("byEmail") ?? []) {
  new kantata.UserGroupMembership(`by-email-${slug(m.email)}`, { userId: kantata.getUserOutput({ email: m.email }).id, workspaceGroupId: m.workspaceGroupId });
}

export const workspaceMemberships = (config.getObject<Member[]>("members") ?? []).map((m) => {
  const user = kantata.getUserOutput({ email: m.email });
  const group = kantata.getWorkspaceGroupOutput({ name: m.workspaceGroup });
  const membership = new kantata.UserGroupMembership(`${slug(m.email.split("@")[0]!)}-${slug(m.workspaceGroup)}`, {
    userId: user.id,
    workspaceGroupId: group.id,
  });
  return { userId: user.id, workspaceGroupId: group.id, membershipId: membership.id };
});

const reviewer = config.getObject<Reviewer>("reviewer");
export const reviewerMembershipId = reviewer
  ? new kantata.AccessGroupMembership(`${slug(reviewer.email.split("@")[0]!)}-${slug(reviewer.accessGroup)}`, {
      userId: kantata.getUser({ email: reviewer.email }).then((u) => u.id),
      accessGroupId: kantata.getAccessGroup({ name: reviewer.accessGroup }).then((g) => g.id),
    }).id
  : undefined;
