/**
 * `/insights_access_group_memberships` (classic Insights): list, create, show, update
 * (`can_edit`) and delete. Writes are for Account Administrators only. A user belongs to at
 * most one classic Insights group (option `oneInsightsGroupPerUser`).
 */
import { z } from "zod";
import { insightsAccessGroupMembership as descriptor } from "../../provider/descriptors";
import { bodyBoolean, bodyId, rootObject, validateFields } from "../body";
import { ApiObject, envelope, Include } from "../envelope";
import { SimError } from "../errors";
import { SimulatorOptions } from "../options";
import { listQuery, textParam } from "../query";
import { defineRoute, Route, RouteContext } from "../router";
import { InsightsAccessGroupMembership, Store, User } from "../store";
import { existenceErrors, filterMemberships, fk, idParam, membershipQuery, notFound, sortRows, throwIfAny } from "./shared";
import { userInclude } from "./users";

const GROUP = descriptor.group.api;

/** Fields shown only when asked for through `optional_fields`. */
const OPTIONAL_FIELDS = ["user_name", "account_permission"] as const;

function present(m: InsightsAccessGroupMembership, store: Store, options: SimulatorOptions, optional: string[]): ApiObject {
  const object: Record<string, unknown> = {
    can_edit: m.can_edit,
    created_at: store.clock.format(m.created_at),
    updated_at: store.clock.format(m.updated_at),
    insights_access_group_id: fk(m.insights_access_group_id, options),
    insights_access_group_name: store.insightsAccessGroups.get(m.insights_access_group_id)?.name ?? null,
    user_id: fk(m.user_id, options),
  };
  const user = store.users.get(m.user_id);
  for (const field of OPTIONAL_FIELDS) {
    if (!optional.includes(field)) continue;
    object[field] = field === "user_name" ? (user?.full_name ?? null) : (user?.account_permission ?? null);
  }
  return { ...object, id: String(m.id) };
}

function includes(store: Store, options: SimulatorOptions): Record<string, Include<InsightsAccessGroupMembership>> {
  return {
    user: userInclude(store, options),
  };
}

function find(ctx: RouteContext): InsightsAccessGroupMembership {
  const membership = ctx.store.insightsAccessGroupMemberships.get(idParam(ctx));
  if (!membership) throw notFound(ctx.options);
  return membership;
}

/** `can_edit` of a new membership when the request does not set it. */
function defaultCanEdit(user: User, options: SimulatorOptions): boolean {
  if (options.insightsCanEditDefault === "always") return true;
  if (options.insightsCanEditDefault === "never") return false;
  return user.account_permission === "administrator";
}

const ORDER_FIELDS = { created_at: (m: InsightsAccessGroupMembership) => m.created_at };
// Two schemas: the group key comes from the descriptor, so it cannot share a typed object with `can_edit`.
const idFields = z.object({ [GROUP]: bodyId, user_id: bodyId });
const canEditFields = z.object({ can_edit: bodyBoolean.optional() });

/** The routes of this collection. */
export const insightsAccessGroupMembershipRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: descriptor.path,
    query: membershipQuery(descriptor, { by_user_name: textParam }),
    handle: ({ store, options, query }) => {
      const table = store.insightsAccessGroupMemberships;
      let rows = filterMemberships(table, (m) => m.insights_access_group_id, query.userFilter, query.groupFilter);
      if (query.by_user_name !== undefined) {
        const wanted = query.by_user_name.toLowerCase();
        rows = rows.filter((m) => store.users.get(m.user_id)?.full_name.toLowerCase().includes(wanted));
      }
      rows = sortRows(rows, query.order, ORDER_FIELDS, "created_at:desc");
      return {
        status: 200,
        body: envelope({
          key: descriptor.collectionKey,
          rows,
          query,
          present: (m) => present(m, store, options, query.optional_fields),
          includes: includes(store, options),
        }),
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: `${descriptor.path}/:id`,
    query: listQuery,
    handle: (ctx) => reply(ctx, [find(ctx)]),
  }),
  defineRoute({
    method: "POST",
    path: descriptor.path,
    adminOnly: true,
    query: listQuery,
    body: (json, ctx) => rootObject(json, descriptor.objectKey, ctx.options.messages),
    handle: (ctx) => {
      const { store, options } = ctx;
      const ids = validateFields(idFields, ctx.body, options.messages, descriptor.objectKey);
      const flags = validateFields(canEditFields, ctx.body, options.messages, descriptor.objectKey);
      if (!ids.ok || !flags.ok) throw SimError.many(422, [...(ids.ok ? [] : ids.errors), ...(flags.ok ? [] : flags.errors)]);
      const userId = ids.value.user_id;
      const groupId = ids.value[GROUP];
      throwIfAny(existenceErrors(ctx, userId, GROUP, store.insightsAccessGroups.has(groupId)));
      const table = store.insightsAccessGroupMemberships;
      if (table.findPair(userId, groupId)) throw new SimError(422, "validation", options.messages.duplicate, "user_id");
      if (options.oneInsightsGroupPerUser && table.ofUser(userId).length > 0) {
        throw new SimError(422, "validation", options.messages.oneInsightsGroup, "user_id");
      }
      const now = store.clock.tick();
      const created = table.insert({
        insights_access_group_id: groupId,
        user_id: userId,
        can_edit: flags.value.can_edit ?? defaultCanEdit(store.users.get(userId)!, options),
        created_at: now,
        updated_at: now,
      });
      return reply(ctx, [created]);
    },
  }),
  defineRoute({
    method: "PUT",
    path: `${descriptor.path}/:id`,
    adminOnly: true,
    query: listQuery,
    body: (json, ctx) => rootObject(json, descriptor.objectKey, ctx.options.messages),
    handle: (ctx) => {
      const membership = find(ctx);
      const fields = validateFields(canEditFields, ctx.body, ctx.options.messages, descriptor.objectKey);
      if (!fields.ok) throw SimError.many(422, fields.errors);
      const canEdit = fields.value.can_edit;
      if (canEdit !== undefined && canEdit !== membership.can_edit) {
        membership.can_edit = canEdit;
        membership.updated_at = ctx.store.clock.tick();
      }
      return reply(ctx, [membership]);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: `${descriptor.path}/:id`,
    adminOnly: true,
    query: listQuery,
    handle: (ctx) => {
      const membership = find(ctx);
      ctx.store.insightsAccessGroupMemberships.delete(membership.id);
      ctx.store.clock.tick();
      return { status: 204 };
    },
  }),
];

function reply(ctx: RouteContext & { query: z.output<typeof listQuery> }, rows: InsightsAccessGroupMembership[]) {
  const { store, options, query } = ctx;
  return {
    status: 200,
    body: envelope({
      key: descriptor.collectionKey,
      rows,
      query,
      unpaged: true,
      present: (m) => present(m, store, options, query.optional_fields),
      includes: includes(store, options),
    }),
  };
}
