// Bringing existing memberships under management: declare them as they are. On `pulumi up`
// each is found by (user, group) and adopted (output `adopted: true`) with no write request.
// These pairs exist in the Kantata OX simulator's default account.
// `retainOnDelete` keeps the people in their groups if this stack is ever destroyed.
import * as kantata from "pulumi-kantata";

const keep = { retainOnDelete: true };

const strategy = new kantata.UserGroupMembership("bruno-strategy", { userId: 1, workspaceGroupId: 7 }, keep);
const northwind = new kantata.UserGroupMembership("william-northwind", { userId: 3, workspaceGroupId: 1 }, keep);
const admin = new kantata.InsightsAccessGroupMembership("bruno-insights-admin", { userId: 1, insightsAccessGroupId: 1 }, keep);

export const adopted = [strategy.adopted, northwind.adopted, admin.adopted];
export const ids = [strategy.id, northwind.id, admin.id];
