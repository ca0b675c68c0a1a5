/**
 * `GET /insights_access_groups`: read-only lookup of classic Insights access groups. Not in the
 * public reference; the official Ruby client reads it (kantata-api.md §6).
 */
import { ApiObject, envelope } from "../envelope";
import { listQuery } from "../query";
import { defineRoute, Route } from "../router";
import { InsightsAccessGroup, Store } from "../store";
import { sortRows } from "./shared";

/** The collection key of Insights access groups. */
export const INSIGHTS_ACCESS_GROUPS_KEY = "insights_access_groups";

/** An Insights access group as the API shows it; `group_member_count` is live. */
export function presentInsightsAccessGroup(group: InsightsAccessGroup, store: Store): ApiObject {
  return {
    name: group.name,
    group_member_count: store.insightsAccessGroupMemberships.countOfGroup(group.id),
    is_admin_default: group.is_admin_default,
    is_reports_viewer_default: group.is_reports_viewer_default,
    id: String(group.id),
  };
}

/** The routes of this collection. */
export const insightsAccessGroupRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/insights_access_groups",
    query: listQuery,
    handle: ({ store, query }) => {
      const rows = sortRows([...store.insightsAccessGroups.values()], query.order, { id: (g) => g.id, name: (g) => g.name }, "id:asc");
      return {
        status: 200,
        body: envelope({ key: INSIGHTS_ACCESS_GROUPS_KEY, rows, query, present: (g) => presentInsightsAccessGroup(g, store) }),
      };
    },
  }),
];
