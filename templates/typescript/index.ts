// Who belongs to which Kantata OX group, declared by email address and group name.
// The defaults name people and groups of the simulator's account (`npx pulumi-kantata simulator`);
// set your own with `pulumi config set memberEmail ...` and `pulumi config set workspaceGroup ...`.
// The API token: `pulumi config set --secret kantata:apiToken <token of an Account Administrator>`.
import * as pulumi from "@pulumi/pulumi";
import * as kantata from "pulumi-kantata";

const config = new pulumi.Config();
const email = config.get("memberEmail") ?? "leo.larsen@lakeside-consulting.example";
const groupName = config.get("workspaceGroup") ?? "Engineering";

const user = kantata.getUserOutput({ email });
const group = kantata.getWorkspaceGroupOutput({ name: groupName });

const membership = new kantata.UserGroupMembership("member", { userId: user.id, workspaceGroupId: group.id });

/** The Kantata id of the membership. */
export const membershipId = membership.id;
/** True when the membership existed and was adopted rather than created. */
export const adopted = membership.adopted;
