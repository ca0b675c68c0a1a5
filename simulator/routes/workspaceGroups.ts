/**
 * `GET /workspace_groups` and `GET /workspace_groups/{id}`: read-only lookups of workspace
 * groups (companies and internal groups). The real API also creates, updates and deletes them;
 * the provider only needs to resolve ids, so those are not simulated.
 */
import { ApiObject, envelope } from "../envelope";
import { boolParam, listQuery, textParam } from "../query";
import { defineRoute, Route } from "../router";
import { Store, WorkspaceGroup } from "../store";
import { idParam, notFound, sortRows } from "./shared";

/** The collection key of workspace groups. */
export const WORKSPACE_GROUPS_KEY = "workspace_groups";

/** A workspace group as the API shows it. */
export function presentWorkspaceGroup(group: WorkspaceGroup, store: Store): ApiObject {
  return {
    name: group.name,
    company: group.company,
    contact_name: group.contact_name,
    email: group.email,
    phone_number: group.phone_number,
    address: group.address,
    website: group.website,
    notes: group.notes,
    created_at: store.clock.format(group.created_at),
    updated_at: store.clock.format(group.updated_at),
    id: String(group.id),
  };
}

/** Sort fields of `order=`; the default is `name:asc`, as recorded traffic shows. */
const ORDER_FIELDS = {
  name: (g: WorkspaceGroup) => g.name,
  created_at: (g: WorkspaceGroup) => g.created_at,
  updated_at: (g: WorkspaceGroup) => g.updated_at,
  id: (g: WorkspaceGroup) => g.id,
};

const groupsQuery = listQuery.extend({ matching: textParam, companies_only: boolParam });

/** Filters of `GET /workspace_groups` that Kantata documents and the simulator does not imitate (refused with a 400). */
export const WORKSPACE_GROUPS_NOT_IMITATED = ["created_after", "created_before", "updated_after", "updated_before"] as const;

/** The routes of this collection. */
export const workspaceGroupRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/workspace_groups",
    query: groupsQuery,
    notImitated: WORKSPACE_GROUPS_NOT_IMITATED,
    handle: ({ store, query }) => {
      let groups = [...store.workspaceGroups.values()];
      // `matching`: the name contains the text, any case; `companies_only`: groups that are companies.
      if (query.matching !== undefined) groups = groups.filter((g) => g.name.toLowerCase().includes(query.matching!.toLowerCase()));
      if (query.companies_only === true) groups = groups.filter((g) => g.company === true);
      const rows = sortRows(groups, query.order, ORDER_FIELDS, "name:asc");
      return { status: 200, body: envelope({ key: WORKSPACE_GROUPS_KEY, rows, query, present: (g) => presentWorkspaceGroup(g, store) }) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/workspace_groups/:id",
    query: groupsQuery,
    notImitated: WORKSPACE_GROUPS_NOT_IMITATED,
    handle: (ctx) => {
      const group = ctx.store.workspaceGroups.get(idParam(ctx));
      if (!group) throw notFound(ctx.options);
      return {
        status: 200,
        body: envelope({ key: WORKSPACE_GROUPS_KEY, rows: [group], query: ctx.query, unpaged: true, present: (g) => presentWorkspaceGroup(g, ctx.store) }),
      };
    },
  }),
];
