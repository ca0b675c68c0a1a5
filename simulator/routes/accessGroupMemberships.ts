/**
 * `/access_group_memberships`: list, create, show and delete (there is no update). The
 * non-editable Account Administrators group never appears: its memberships are left out of
 * lists and a show of one is a 404, as the reference says. Joining or leaving any Account
 * Default group is refused (option `protectAccountDefaultGroups`).
 */
import { z } from "zod";
import { accessGroupMembership as descriptor } from "../../provider/descriptors";
import { bodyId, rootObject, validateFields } from "../body";
import { ApiObject, envelope, Include } from "../envelope";
import { SimError } from "../errors";
import { listQuery } from "../query";
import { defineRoute, Route, RouteContext } from "../router";
import { AccessGroupMembership, Store } from "../store";
import { SimulatorOptions } from "../options";
import { presentAccessGroup, ACCESS_GROUPS_KEY } from "./accessGroups";
import { existenceErrors, fk, filterMemberships, idParam, membershipQuery, notFound, requireAdministrator, sortRows, throwIfAny } from "./shared";
import { userInclude } from "./users";

const GROUP = descriptor.group.api;

function present(m: AccessGroupMembership, store: Store, options: SimulatorOptions): ApiObject {
  return {
    access_group_id: fk(m.access_group_id, options),
    access_group_name: store.accessGroups.get(m.access_group_id)?.name ?? null,
    created_at: store.clock.format(m.created_at),
    creator_id: fk(m.creator_id, options),
    user_id: fk(m.user_id, options),
    user_name: store.users.get(m.user_id)?.full_name ?? null,
    id: String(m.id),
  };
}

function includes(store: Store, options: SimulatorOptions): Record<string, Include<AccessGroupMembership>> {
  return {
    access_group: {
      key: ACCESS_GROUPS_KEY,
      load: (m) => {
        const group = store.accessGroups.get(m.access_group_id);
        return group && presentAccessGroup(group, store);
      },
    },
    user: userInclude(store, options),
  };
}

/** True for memberships of the Account Administrators group, which the API never shows. */
function hidden(store: Store, m: AccessGroupMembership): boolean {
  const group = store.accessGroups.get(m.access_group_id);
  return group !== undefined && store.isAdministratorsGroup(group);
}

/** A visible membership by the `:id` of the path, or 404. */
function find(ctx: RouteContext): AccessGroupMembership {
  const membership = ctx.store.accessGroupMemberships.get(idParam(ctx));
  if (!membership || hidden(ctx.store, membership)) throw notFound(ctx.options);
  return membership;
}

const ORDER_FIELDS = { id: (m: AccessGroupMembership) => m.id, created_at: (m: AccessGroupMembership) => m.created_at };

const createFields = z.object({ [GROUP]: bodyId, user_id: bodyId });

const readsAdminOnly = (options: SimulatorOptions) => options.accessGroupMembershipAccess === "admin-only";
const writesAdminOnly = (options: SimulatorOptions) => options.accessGroupMembershipAccess !== "everyone";

/** The routes of this collection. */
export const accessGroupMembershipRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: descriptor.path,
    adminOnly: readsAdminOnly,
    query: membershipQuery(descriptor, {}),
    handle: ({ store, options, query }) => {
      const table = store.accessGroupMemberships;
      const matching = filterMemberships(table, (m) => m.access_group_id, query.userFilter, query.groupFilter);
      // No `order` parameter exists on this endpoint; the `accessGroupMembershipOrder` option decides.
      const rows = sortRows(
        matching.filter((m) => !hidden(store, m)),
        options.accessGroupMembershipOrder,
        ORDER_FIELDS,
        "id:asc",
      );
      return {
        status: 200,
        body: envelope({ key: descriptor.collectionKey, rows, query, present: (m) => present(m, store, options), includes: includes(store, options) }),
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: `${descriptor.path}/:id`,
    adminOnly: readsAdminOnly,
    query: listQuery,
    handle: (ctx) => reply(ctx, find(ctx), ctx.query.include),
  }),
  defineRoute({
    method: "POST",
    path: descriptor.path,
    adminOnly: writesAdminOnly,
    query: listQuery,
    body: (json, ctx) => rootObject(json, descriptor.objectKey, ctx.options.messages),
    handle: (ctx) => {
      const { store, options } = ctx;
      const fields = validateFields(createFields, ctx.body, options.messages, descriptor.objectKey);
      if (!fields.ok) throw SimError.many(422, fields.errors);
      const userId = fields.value.user_id;
      const groupId = fields.value[GROUP];
      const group = store.accessGroups.get(groupId);
      throwIfAny(existenceErrors(ctx, userId, GROUP, group !== undefined));
      // Account Administrators is never joined this way (the reference says so); the other
      // Account Default groups only while `protectAccountDefaultGroups` holds.
      if (store.isAdministratorsGroup(group!)) throw new SimError(422, "validation", options.messages.administratorsJoin, GROUP);
      if (options.protectAccountDefaultGroups && group!.account_permission !== null) {
        throw new SimError(422, "validation", options.messages.accountDefaultJoin, GROUP);
      }
      if (store.accessGroupMemberships.findPair(userId, groupId)) {
        throw new SimError(422, "validation", options.messages.duplicate, "user_id");
      }
      const created = store.accessGroupMemberships.insert({
        access_group_id: groupId,
        user_id: userId,
        creator_id: ctx.user.id,
        created_at: store.clock.tick(),
      });
      return reply(ctx, created, ctx.query.include);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: `${descriptor.path}/:id`,
    adminOnly: writesAdminOnly,
    query: listQuery,
    handle: (ctx) => {
      const { store, options } = ctx;
      const membership = store.accessGroupMemberships.get(idParam(ctx));
      if (!membership) throw notFound(options);
      const group = store.accessGroups.get(membership.access_group_id)!;
      if (store.isAdministratorsGroup(group)) throw new SimError(422, "validation", options.messages.administratorsLeave, "base");
      if (options.protectAccountDefaultGroups && group.account_permission !== null) {
        throw new SimError(422, "validation", options.messages.accountDefaultLeave, "base");
      }
      store.accessGroupMemberships.delete(membership.id);
      store.clock.tick();
      if (options.accessGroupMembershipDeleteStatus === 200) {
        return {
          status: 200,
          body: { success: `Access group membership ${membership.id} (user ${membership.user_id} in "${group.name}") was deleted.` },
        };
      }
      return { status: 204 };
    },
  }),
];

function reply(ctx: RouteContext, membership: AccessGroupMembership, include: string[]) {
  const { store, options } = ctx;
  return {
    status: 200,
    body: envelope({
      key: descriptor.collectionKey,
      rows: [membership],
      query: { include },
      unpaged: true,
      present: (m) => present(m, store, options),
      includes: includes(store, options),
    }),
  };
}
