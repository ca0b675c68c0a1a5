/**
 * The routes of a membership type made from its descriptor alone: list (its two filters, read as
 * single ids or lists as the descriptor says, its default order), create (one, or a bulk up to
 * `bulkCreateMax` under the plural key, where the API has bulk), show (where the API has it),
 * update (the updatable fields, and the group where it changes in place) and delete; and the
 * read-only list of its groups (`/skills`, `/holiday_calendars`). Writes are for Account
 * Administrators (the API documents no permission; this is the assumption of every type).
 *
 * Validation follows the descriptor: field schemas (ranges included), required fields, the cap
 * a group puts on a field (`cappedBy`), one membership per identity (user and group, or user and
 * start date), `maxPerUser`; a dated series derives its end date and whether it is current.
 */
import { z } from "zod";
import { identityApiKeys, MembershipDescriptor } from "../../provider/descriptors";
import { bodyId, isObject, rootObject, rootValue, validateFields } from "../body";
import { ApiObject, envelope } from "../envelope";
import { detail, ErrorDetail, SimError } from "../errors";
import { GenericGroup, GenericMembership } from "../genericTypes";
import { fill, humanize } from "../messages";
import { SimulatorOptions } from "../options";
import { listQuery, textParam } from "../query";
import { defineRoute, Route, RouteContext } from "../router";
import { Store } from "../store";
import { existenceErrors, filterMemberships, fk, idParam, membershipQuery, notFound, sortRows } from "./shared";
import { userInclude } from "./users";

/** The day before an ISO date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The routes of one descriptor-driven membership type and of its groups. */
export function genericRoutes(d: MembershipDescriptor): Route[] {
  const GROUP = d.group.api;
  const identityKeys = identityApiKeys(d);
  const tableOf = (store: Store) => store.tables.get(d.typeName)!;
  const groupsOf = (store: Store) => store.groups.get(d.group.key)!;
  const groupOf = (m: GenericMembership) => m[GROUP] as number;
  const groupFieldKeys = new Set((d.group.fields ?? []).map((f) => f.api));

  /** Where a dated series derives them: the end (the day before the user's next start) and whether it is current. */
  function seriesFields(m: GenericMembership, store: Store): Record<string, unknown> {
    if (!d.series) return {};
    const start = m[d.series.start] as string;
    const later = tableOf(store)
      .ofUser(m.user_id)
      .map((o) => o[d.series!.start] as string)
      .filter((s) => s > start)
      .sort();
    const end = later.length > 0 ? dayBefore(later[0]) : null;
    const today = store.clock.format(store.clock.now()).slice(0, 10);
    const out: Record<string, unknown> = { [d.series.end]: end };
    if (d.series.current) out[d.series.current] = start <= today && (end === null || today <= end);
    return out;
  }

  function present(m: GenericMembership, store: Store, options: SimulatorOptions): ApiObject {
    const group = groupsOf(store).get(groupOf(m));
    const object: Record<string, unknown> = {};
    for (const f of d.updatable) object[f.api] = m[f.api] ?? null;
    const derived = seriesFields(m, store);
    for (const f of d.computed) {
      if (f.api in derived) object[f.api] = derived[f.api];
      else if (f.api === d.group.nameKey) object[f.api] = group?.name ?? null;
      else if (groupFieldKeys.has(f.api)) object[f.api] = group?.[f.api] ?? null;
      else if (f.api === "created_at" || f.api === "updated_at") object[f.api] = store.clock.format(m[f.api]);
      else if (f.api === "creator_id") object[f.api] = fk(m.creator_id, options);
      else object[f.api] = m[f.api] ?? null;
    }
    return { ...object, user_id: fk(m.user_id, options), [GROUP]: fk(groupOf(m), options), id: String(m.id) };
  }

  const presentGroup = (g: GenericGroup): ApiObject => ({ ...g, id: String(g.id) });

  const reply = (ctx: RouteContext & { query: z.output<typeof listQuery> }, rows: GenericMembership[], status = 200) => ({
    status,
    body: envelope({
      key: d.collectionKey,
      rows,
      query: ctx.query,
      unpaged: true,
      present: (m: GenericMembership) => present(m, ctx.store, ctx.options),
      includes: { user: userInclude<GenericMembership>(ctx.store, ctx.options) },
    }),
  });

  function find(ctx: RouteContext): GenericMembership {
    const m = tableOf(ctx.store).get(idParam(ctx));
    if (!m) throw notFound(ctx.options);
    return m;
  }

  const ORDER_FIELDS: Record<string, (m: GenericMembership) => number | string> = {
    id: (m) => m.id,
    created_at: (m) => m.created_at,
    updated_at: (m) => m.updated_at,
    ...(d.series ? { [d.series.start]: (m: GenericMembership) => m[d.series!.start] as string } : {}),
  };

  const createFields = z.object({
    user_id: bodyId,
    [GROUP]: bodyId,
    ...Object.fromEntries(d.updatable.map((f) => [f.api, f.required ? f.schema : f.schema.optional()])),
  });
  const updateFields = z.object({
    ...(d.group.updatable ? { [GROUP]: bodyId.optional() } : {}),
    ...Object.fromEntries(d.updatable.map((f) => [f.api, f.schema.optional()])),
  });

  /** The 422s of a row about to be stored: its group's caps, its identity taken, the user's limit. */
  function ruleErrors(ctx: RouteContext, row: Record<string, unknown>, others: Record<string, unknown>[], index?: number, adding = true): ErrorDetail[] {
    const { messages } = ctx.options;
    const errors: ErrorDetail[] = [];
    const group = groupsOf(ctx.store).get(row[GROUP] as number);
    for (const f of d.updatable) {
      const cap = f.cappedBy === undefined ? NaN : Number(group?.[f.cappedBy]);
      if (typeof row[f.api] === "number" && Number.isFinite(cap) && (row[f.api] as number) > cap) {
        errors.push(detail("validation", fill(messages.aboveCap, { label: humanize(f.api), max: cap }), f.api, index));
      }
    }
    const identity = (r: Record<string, unknown>) => identityKeys.map((k) => String(r[k])).join("|");
    if (others.some((o) => o.id !== row.id && identity(o) === identity(row))) {
      errors.push(detail("validation", messages.duplicate, identityKeys.find((k) => k !== GROUP) ?? "user_id", index));
    }
    if (adding && d.maxPerUser !== undefined && others.filter((o) => o.id !== row.id).length >= d.maxPerUser) {
      errors.push(detail("validation", fill(messages.tooMany, { max: d.maxPerUser }), "user_id", index));
    }
    return errors;
  }

  /** Reads `{object: {...}}`, or `{collection: [...]}` where the API has bulk create. */
  function parseCreateBody(json: unknown, ctx: RouteContext): { rows: unknown[]; bulk: boolean } {
    const { messages, bulkLimitStatus } = ctx.options;
    if (!(d.bulkCreateMax && isObject(json) && d.collectionKey in json)) return { rows: [rootObject(json, d.objectKey, messages)], bulk: false };
    const rows = rootValue(json, d.collectionKey, messages);
    if (!Array.isArray(rows)) throw new SimError(400, "syntax", messages.missingParameters);
    if (rows.length > d.bulkCreateMax) throw new SimError(bulkLimitStatus, "validation", fill(messages.bulkTooLarge, { max: d.bulkCreateMax }), "base");
    return { rows, bulk: true };
  }

  const query = membershipQuery(d, {});
  const routes: Route[] = [
    defineRoute({
      method: "GET",
      path: d.path,
      query,
      notImitated: d.unusedFilters,
      handle: (ctx) => {
        const matching = filterMemberships(tableOf(ctx.store), groupOf, ctx.query.userFilter, ctx.query.groupFilter);
        const rows = sortRows(matching, ctx.query.order, ORDER_FIELDS, d.defaultOrder);
        return {
          status: 200,
          body: envelope({
            key: d.collectionKey,
            rows,
            query: ctx.query,
            present: (m) => present(m, ctx.store, ctx.options),
            includes: { user: userInclude<GenericMembership>(ctx.store, ctx.options) },
          }),
        };
      },
    }),
    defineRoute({
      method: "POST",
      path: d.path,
      adminOnly: true,
      query: listQuery,
      body: parseCreateBody,
      handle: (ctx) => {
        const { store, options } = ctx;
        const table = tableOf(store);
        const errors: ErrorDetail[] = [];
        const valid: Record<string, unknown>[] = [];
        ctx.body.rows.forEach((raw, i) => {
          const index = ctx.body.bulk ? i : undefined;
          const fields = validateFields(createFields, raw, options.messages, d.objectKey, index);
          if (!fields.ok) return void errors.push(...fields.errors);
          const row: Record<string, unknown> = { ...fields.value };
          for (const f of d.updatable) if (row[f.api] === undefined && f.serverDefault !== undefined) row[f.api] = f.serverDefault;
          const missing = existenceErrors(ctx, row.user_id as number, GROUP, groupsOf(store).has(row[GROUP] as number), index);
          if (missing.length > 0) return void errors.push(...missing);
          const others = [...table.ofUser(row.user_id as number), ...valid.filter((v) => v.user_id === row.user_id)];
          const broken = ruleErrors(ctx, row, others, index);
          if (broken.length > 0) return void errors.push(...broken);
          valid.push(row);
        });
        if (errors.length > 0 && options.bulkMode === "all-or-nothing") throw SimError.many(422, errors);
        const created = valid.map((row) => {
          const now = store.clock.tick();
          return table.insert({ ...row, creator_id: ctx.user.id, created_at: now, updated_at: now } as Omit<GenericMembership, "id">);
        });
        if (errors.length > 0) throw SimError.many(422, errors);
        return reply(ctx, created);
      },
    }),
    defineRoute({
      method: "PUT",
      path: `${d.path}/:id`,
      adminOnly: true,
      query: listQuery,
      body: (json, ctx) => rootObject(json, d.objectKey, ctx.options.messages),
      handle: (ctx) => {
        const m = find(ctx);
        const fields = validateFields(updateFields, ctx.body, ctx.options.messages, d.objectKey);
        if (!fields.ok) throw SimError.many(422, fields.errors);
        const changed = { ...m, ...Object.fromEntries(Object.entries(fields.value).filter(([, v]) => v !== undefined)) } as GenericMembership;
        if (!groupsOf(ctx.store).has(changed[GROUP] as number)) throw SimError.many(422, existenceErrors(ctx, m.user_id, GROUP, false));
        const broken = ruleErrors(ctx, changed, tableOf(ctx.store).ofUser(m.user_id), undefined, false);
        if (broken.length > 0) throw SimError.many(422, broken);
        changed.updated_at = ctx.store.clock.tick();
        tableOf(ctx.store).update(changed);
        return reply(ctx, [changed]);
      },
    }),
    defineRoute({
      method: "DELETE",
      path: `${d.path}/:id`,
      adminOnly: true,
      query: listQuery,
      handle: (ctx) => {
        if (!tableOf(ctx.store).delete(idParam(ctx))) throw notFound(ctx.options);
        ctx.store.clock.tick();
        return { status: 204 };
      },
    }),
    defineRoute({
      method: "GET",
      path: d.group.path,
      query: listQuery.extend({ matching: textParam }),
      handle: ({ store, query }) => {
        let groups = [...groupsOf(store).values()];
        // `matching`: the name contains the text, any case.
        if (query.matching !== undefined) groups = groups.filter((g) => g.name.toLowerCase().includes(query.matching!.toLowerCase()));
        const rows = sortRows(groups, query.order, { name: (g) => g.name, id: (g) => g.id }, "name:asc");
        return { status: 200, body: envelope({ key: d.group.key, rows, query, present: presentGroup }) };
      },
    }),
    defineRoute({
      method: "GET",
      path: `${d.group.path}/:id`,
      query: listQuery,
      handle: (ctx) => {
        const group = groupsOf(ctx.store).get(idParam(ctx));
        if (!group) throw notFound(ctx.options);
        return { status: 200, body: envelope({ key: d.group.key, rows: [group], query: ctx.query, unpaged: true, present: presentGroup }) };
      },
    }),
  ];
  if (d.readById === "show") {
    routes.push(
      defineRoute({
        method: "GET",
        path: `${d.path}/:id`,
        query: listQuery,
        handle: (ctx) => reply(ctx, [find(ctx)]),
      }),
    );
  }
  return routes;
}
