/**
 * `/user_group_memberships` (user ↔ workspace group): list, create (one, or a bulk of up to 100
 * under the plural key) and delete. There is no show and no update. Every endpoint is for
 * Account Administrators only.
 *
 * A bulk with bad rows answers 422 with one error per problem, each with the row's `index`;
 * `bulkMode` decides whether the good rows are written anyway (`partial`) or not at all.
 */
import { z } from "zod";
import { userGroupMembership as descriptor } from "../../provider/descriptors";
import { bodyId, isObject, rootObject, rootValue, validateFields } from "../body";
import { ApiObject, envelope, Include } from "../envelope";
import { detail, ErrorDetail, SimError } from "../errors";
import { fill } from "../messages";
import { SimulatorOptions } from "../options";
import { listQuery } from "../query";
import { defineRoute, Route, RouteContext } from "../router";
import { Store, UserGroupMembership } from "../store";
import { existenceErrors, filterMemberships, fk, idParam, membershipQuery, notFound, sortRows } from "./shared";
import { userInclude } from "./users";
import { presentWorkspaceGroup, WORKSPACE_GROUPS_KEY } from "./workspaceGroups";

const GROUP = descriptor.group.api;

function present(m: UserGroupMembership, options: SimulatorOptions, store: Store): ApiObject {
  return {
    created_at: store.clock.format(m.created_at),
    creator_id: fk(m.creator_id, options),
    user_id: fk(m.user_id, options),
    workspace_group_id: fk(m.workspace_group_id, options),
    id: String(m.id),
  };
}

function includes(store: Store, options: SimulatorOptions): Record<string, Include<UserGroupMembership>> {
  return {
    user: userInclude(store, options),
    workspace_group: {
      key: WORKSPACE_GROUPS_KEY,
      load: (m) => {
        const group = store.workspaceGroups.get(m.workspace_group_id);
        return group && presentWorkspaceGroup(group, store);
      },
    },
  };
}

const ORDER_FIELDS = { created_at: (m: UserGroupMembership) => m.created_at };
const rowFields = z.object({ [GROUP]: bodyId, user_id: bodyId });

/** A create request: the rows to write, and whether they came as a bulk (errors then carry `index`). */
interface CreateBody {
  rows: unknown[];
  bulk: boolean;
}

/** Reads `{user_group_membership: {...}}` or `{user_group_memberships: [...]}`. */
function parseCreateBody(json: unknown, ctx: RouteContext): CreateBody {
  const { messages, bulkLimit, bulkLimitStatus } = ctx.options;
  if (!(isObject(json) && descriptor.collectionKey in json)) {
    return { rows: [rootObject(json, descriptor.objectKey, messages)], bulk: false };
  }
  const rows = rootValue(json, descriptor.collectionKey, messages);
  if (!Array.isArray(rows)) throw new SimError(400, "syntax", messages.missingParameters);
  if (rows.length > bulkLimit) {
    throw new SimError(bulkLimitStatus, "validation", fill(messages.bulkTooLarge, { max: bulkLimit }), "base");
  }
  return { rows, bulk: true };
}

/** The routes of this collection. */
export const userGroupMembershipRoutes: Route[] = [
  defineRoute({
    method: "GET",
    path: descriptor.path,
    adminOnly: true,
    query: membershipQuery(descriptor, {}),
    handle: ({ store, options, query }) => {
      const table = store.userGroupMemberships;
      const matching = filterMemberships(table, (m) => m.workspace_group_id, query.userFilter, query.groupFilter);
      const rows = sortRows(matching, query.order, ORDER_FIELDS, "created_at:desc");
      return {
        status: 200,
        body: envelope({ key: descriptor.collectionKey, rows, query, present: (m) => present(m, options, store), includes: includes(store, options) }),
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: descriptor.path,
    adminOnly: true,
    query: listQuery,
    body: parseCreateBody,
    handle: (ctx) => {
      const { store, options } = ctx;
      const { rows, bulk } = ctx.body;
      const table = store.userGroupMemberships;
      const errors: ErrorDetail[] = [];
      const valid: { userId: number; groupId: number }[] = [];
      const seen = new Set<string>();
      rows.forEach((raw, i) => {
        const index = bulk ? i : undefined;
        const fields = validateFields(rowFields, raw, options.messages, descriptor.objectKey, index);
        if (!fields.ok) return void errors.push(...fields.errors);
        const userId = fields.value.user_id;
        const groupId = fields.value[GROUP];
        const missing = existenceErrors(ctx, userId, GROUP, store.workspaceGroups.has(groupId), index);
        if (missing.length > 0) return void errors.push(...missing);
        // A pair already stored, or given twice in this request, is a duplicate.
        const pair = `${userId}:${groupId}`;
        if (table.findPair(userId, groupId) || seen.has(pair)) {
          return void errors.push(detail("validation", options.messages.duplicate, "user_id", index));
        }
        seen.add(pair);
        valid.push({ userId, groupId });
      });
      if (errors.length > 0 && options.bulkMode === "all-or-nothing") throw SimError.many(422, errors);
      const created = valid.map(({ userId, groupId }) =>
        table.insert({ workspace_group_id: groupId, user_id: userId, creator_id: ctx.user.id, created_at: store.clock.tick() }),
      );
      if (errors.length > 0) throw SimError.many(422, errors);
      return {
        status: 200,
        body: envelope({
          key: descriptor.collectionKey,
          rows: created,
          query: ctx.query,
          unpaged: true,
          present: (m) => present(m, options, store),
          includes: includes(store, options),
        }),
      };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: `${descriptor.path}/:id`,
    adminOnly: true,
    query: listQuery,
    handle: (ctx) => {
      const id = idParam(ctx);
      if (!ctx.store.userGroupMemberships.delete(id)) throw notFound(ctx.options);
      ctx.store.clock.tick();
      return { status: 204 };
    },
  }),
];
