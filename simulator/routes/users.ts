/**
 * `GET /users` and `GET /users/me`: read-only lookups of the account's users.
 *
 * Without `on_my_account=true` the real API lists only the users the caller shares projects
 * with; the simulator has no projects, so it lists only the caller (option
 * `usersWithoutOnMyAccount`).
 */
import { ApiObject, envelope, Include } from "../envelope";
import { SimulatorOptions } from "../options";
import { boolParam, intParam, listQuery, textParam } from "../query";
import { notFound, idParam } from "./shared";
import { defineRoute, Route } from "../router";
import { Store, User } from "../store";

/** The collection key of users. */
export const USERS_KEY = "users";

/** A user as the API shows it (also used when another route includes `user`). */
export function presentUser(user: User, store: Store, options: SimulatorOptions): ApiObject {
  return {
    full_name: user.full_name,
    photo_path: user.photo_path,
    email_address: user.email_address,
    headline: user.headline,
    account_id: options.foreignKeys === "number" ? store.account.id : String(store.account.id),
    account_permission: user.account_permission,
    disabled: user.disabled,
    id: String(user.id),
  };
}

/** The `include=user` association of a membership: the member, presented as `GET /users` does. */
export function userInclude<M extends { user_id: number }>(store: Store, options: SimulatorOptions): Include<M> {
  return {
    key: USERS_KEY,
    load: (m) => {
      const user = store.users.get(m.user_id);
      return user && presentUser(user, store, options);
    },
  };
}

const usersQuery = listQuery.extend({
  on_my_account: boolParam,
  by_email_address: textParam,
  by_email_addresses: textParam,
  by_full_name: textParam,
  account_id: intParam,
});

/** Filters of `GET /users` that Kantata documents and the simulator does not imitate (refused with a 400). */
export const USERS_NOT_IMITATED = ["with_users", "without_users", "can_view_reports", "is_project_lead", "by_full_name_or_account_role"] as const;

/** The users a request may see: everyone on the account with `on_my_account=true` (or option `all`), else the caller. */
function visibleUsers(store: Store, options: SimulatorOptions, user: User, onMyAccount: boolean | undefined): readonly User[] {
  return onMyAccount === true || options.usersWithoutOnMyAccount === "all" ? store.usersByName() : [user];
}

/** The routes of this collection. */
export const userRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: "/users",
    query: usersQuery,
    notImitated: USERS_NOT_IMITATED,
    handle: ({ store, options, user, query }) => {
      let rows = visibleUsers(store, options, user, query.on_my_account);
      if (query.account_id !== undefined && query.account_id !== store.account.id) rows = [];
      if (query.by_email_address !== undefined) {
        const wanted = query.by_email_address.toLowerCase();
        rows = rows.filter((u) => u.email_address.toLowerCase() === wanted);
      }
      if (query.by_email_addresses !== undefined) {
        const wanted = new Set(query.by_email_addresses.split(",").map((e) => e.trim().toLowerCase()));
        rows = rows.filter((u) => wanted.has(u.email_address.toLowerCase()));
      }
      if (query.by_full_name !== undefined) {
        const wanted = query.by_full_name.toLowerCase();
        rows = rows.filter((u) => u.full_name.toLowerCase().includes(wanted));
      }
      // Default order is alphabetical:asc (rows arrive sorted); only the direction can change.
      if (query.order?.toLowerCase() === "alphabetical:desc") rows = [...rows].reverse();
      return { status: 200, body: envelope({ key: USERS_KEY, rows, query, present: (u) => presentUser(u, store, options) }) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/users/me",
    query: listQuery,
    handle: ({ store, options, user, query }) => ({
      status: 200,
      body: envelope({ key: USERS_KEY, rows: [user], query, unpaged: true, present: (u) => presentUser(u, store, options) }),
    }),
  }),
  defineRoute({
    method: "GET",
    path: "/users/:id",
    query: usersQuery,
    notImitated: USERS_NOT_IMITATED,
    handle: (ctx) => {
      // Filters (and the visibility default) apply to the show route as to the list.
      const wanted = idParam(ctx);
      const found = visibleUsers(ctx.store, ctx.options, ctx.user, ctx.query.on_my_account).find((u) => u.id === wanted);
      if (!found) throw notFound(ctx.options);
      return { status: 200, body: envelope({ key: USERS_KEY, rows: [found], query: ctx.query, unpaged: true, present: (u) => presentUser(u, ctx.store, ctx.options) }) };
    },
  }),
];
