/**
 * `GET /access_groups`: read-only lookup of access groups. Not in the public reference, but the
 * official Ruby client reads this collection (kantata-api.md §6), so it is served here with the
 * fields that client knows. The Account Administrators group is listed like any other group.
 */
import { ApiObject, envelope } from "../envelope";
import { listQuery } from "../query";
import { defineRoute, Route } from "../router";
import { AccessGroup, Store } from "../store";
import { sortRows } from "./shared";

/** The collection key of access groups. */
export const ACCESS_GROUPS_KEY = "access_groups";

/** An access group as the API shows it. `is_account_default` marks the 7 Account Default groups. */
export function presentAccessGroup(group: AccessGroup, store: Store): ApiObject {
  return {
    name: group.name,
    description: group.description,
    is_account_default: group.account_permission !== null,
    created_at: store.clock.format(group.created_at),
    id: String(group.id),
  };
}

/** The routes of this collection. */
export const accessGroupRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/access_groups",
    query: listQuery,
    handle: ({ store, query }) => {
      const rows = sortRows([...store.accessGroups.values()], query.order, { id: (g) => g.id, name: (g) => g.name }, "id:asc");
      return { status: 200, body: envelope({ key: ACCESS_GROUPS_KEY, rows, query, present: (g) => presentAccessGroup(g, store) }) };
    },
  }),
];
