// A finance team's memberships, declared by email address and group name: the lookups find the
// Kantata ids at preview, so nobody types one. The emails and names are those of the Kantata OX
// simulator's default account; use your own account's.
//
// Each kind of lookup reads its whole list once per run (users: one request per 200 users), and
// every later lookup of that kind is answered from that read.
import * as kantata from "pulumi-kantata";

const team = [
  { email: "leo.larsen@lakeside-consulting.example", reviewsFinance: true },
  { email: "Emma.Moreau@lakeside-consulting.example", reviewsFinance: true }, // emails match ignoring case
  { email: "maya.nakamura@lakeside-consulting.example", reviewsFinance: false },
];
const analyst = "maya.nakamura@lakeside-consulting.example";

const strategy = kantata.getWorkspaceGroupOutput({ name: "Strategy & Operations" });
const reviewers = kantata.getAccessGroupOutput({ name: "Finance Reviewers" });
const dashboards = kantata.getInsightsAccessGroupOutput({ name: "Finance Dashboards" });

/** A resource name from an email: `leo.larsen@…` → `leo-larsen`. */
const handle = (email: string) => email.split("@")[0]!.toLowerCase().replace(/[^a-z0-9]+/g, "-");

for (const member of team) {
  const user = kantata.getUserOutput({ email: member.email });
  new kantata.UserGroupMembership(`${handle(member.email)}-strategy`, { userId: user.id, workspaceGroupId: strategy.id });
  if (member.reviewsFinance) {
    new kantata.AccessGroupMembership(`${handle(member.email)}-finance-reviewer`, { userId: user.id, accessGroupId: reviewers.id });
  }
}

new kantata.InsightsAccessGroupMembership(`${handle(analyst)}-finance-dashboards`, {
  userId: kantata.getUserOutput({ email: analyst }).id,
  insightsAccessGroupId: dashboards.id,
  canEdit: false,
});

/** The ids the lookups found. */
export const workspaceGroupId = strategy.id;
export const accessGroupId = reviewers.id;
export const insightsAccessGroupId = dashboards.id;
