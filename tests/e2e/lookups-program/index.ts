// Memberships declared by email and group name, from stack config, for tests/e2e/lookups.test.ts:
//   members:  [{ email, workspaceGroup }]  → UserGroupMembership, through the Output forms;
//   reviewer: { email, accessGroup }       → AccessGroupMembership, through the promise forms.
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

export const workspaceMemberships = config.requireObject<Member[]>("members").map((m) => {
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
