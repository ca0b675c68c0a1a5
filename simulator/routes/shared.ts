/**
 * Small pieces the route files share: rendering foreign keys, reading the `:id` parameter, the
 * 403/404/422 errors, `order=` sorting, and the query and filtering of membership lists.
 */
import { z } from "zod";
import { MembershipDescriptor } from "../../provider/descriptors";
import { detail, ErrorDetail, SimError } from "../errors";
import { MembershipRow, MembershipTable } from "../membershipTable";
import { fill, humanize } from "../messages";
import { SimulatorOptions } from "../options";
import { idListParam, intParam, listQuery, RawQuery } from "../query";
import { RouteContext } from "../router";
import { compareText } from "../store";

/** A foreign key as the `foreignKeys` option says: a string (the platform norm) or a number. */
export function fk(id: number | null, options: SimulatorOptions): string | number | null {
  if (id === null) return null;
  return options.foreignKeys === "number" ? id : String(id);
}

/** The 404 of the API: `{errors:[{type:"system",message:"Not found"}]}`. */
export function notFound(options: SimulatorOptions): SimError {
  return new SimError(404, "system", options.messages.notFound);
}

/** The numeric `:id` of the path; anything else cannot name a record, so 404. */
export function idParam(ctx: RouteContext): number {
  const raw = ctx.params.id ?? "";
  if (!/^\d+$/.test(raw)) throw notFound(ctx.options);
  return Number(raw);
}

/** Fails with 403 unless the token's user is an Account Administrator. */
export function requireAdministrator(ctx: RouteContext): void {
  if (ctx.user.account_permission !== "administrator") throw new SimError(403, "system", ctx.options.messages.notAdministrator);
}

/** A sort key of a row. */
export type SortKey<R> = (row: R) => number | string;

/**
 * Sorts rows by `order=<field>:<asc|desc>` (kantata-api.md §2): an unknown field falls back to
 * `fallback`, any direction but `desc` means ascending, and ties keep id order (rows arrive in
 * id order and the sort is stable).
 */
export function sortRows<R>(rows: R[], order: string | undefined, fields: Record<string, SortKey<R>>, fallback: string): R[] {
  const [requestedField, requestedDir] = (order ?? "").split(":");
  const [field, dir] = Object.hasOwn(fields, requestedField) ? [requestedField, requestedDir] : fallback.split(":");
  const key = fields[field];
  const sign = dir?.toLowerCase() === "desc" ? -1 : 1;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === "number" && typeof kb === "number" ? ka - kb : compareText(String(ka), String(kb));
    return sign * c;
  });
}

/**
 * The 422s for ids that name nothing: an unknown user and an unknown group, both reported when
 * both are wrong (Rails validates every attribute).
 */
export function existenceErrors(
  ctx: RouteContext,
  userId: number,
  groupField: string,
  groupExists: boolean,
  index?: number,
): ErrorDetail[] {
  const { messages } = ctx.options;
  const errors: ErrorDetail[] = [];
  if (!ctx.store.users.has(userId)) errors.push(detail("validation", messages.unknownUser, "user_id", index));
  if (!groupExists) errors.push(detail("validation", fill(messages.unknownGroup, { label: humanize(groupField) }), groupField, index));
  return errors;
}

/** Throws the 422 made of `errors` when there are any. */
export function throwIfAny(errors: ErrorDetail[]): void {
  if (errors.length > 0) throw SimError.many(422, errors);
}

/**
 * A filter that takes one id, read as Rails reads it (`to_i`): `user_id=1,2,3` is user 1. A
 * client that sends a list where the API takes one id gets the first id's rows only, as it
 * would from Kantata, so the mistake fails its tests instead of passing them.
 */
const singleIdParam = intParam.transform((n) => (n === undefined ? undefined : [n]));

/**
 * The list query of a membership type: the shared list parameters plus its two filters, read
 * under the names its descriptor gives (`user_id`/`access_group_id`, `user_ids`/`group_ids`,
 * ...) and handed to the handler as `userFilter`/`groupFilter`.
 */
export function membershipQuery<E extends z.ZodRawShape>(descriptor: MembershipDescriptor, extra: E) {
  const schema = listQuery
    .extend({
      userFilter: descriptor.filters.userList ? idListParam : singleIdParam,
      groupFilter: descriptor.filters.groupList ? idListParam : singleIdParam,
    })
    .extend(extra);
  return z.preprocess((raw) => {
    const query = raw as RawQuery;
    return { ...query, userFilter: query[descriptor.filters.user], groupFilter: query[descriptor.filters.group] };
  }, schema);
}

/**
 * The rows matching the user and group filters, ids ascending, read through the table's indexes
 * (never a scan when a filter is given). `undefined` means "no filter".
 */
export function filterMemberships<R extends MembershipRow>(
  table: MembershipTable<R>,
  groupOf: (row: R) => number,
  userIds: number[] | undefined,
  groupIds: number[] | undefined,
): R[] {
  let rows: R[];
  if (userIds !== undefined) {
    rows = userIds.flatMap((id) => table.ofUser(id));
    if (groupIds !== undefined) {
      const groups = new Set(groupIds);
      rows = rows.filter((r) => groups.has(groupOf(r)));
    }
    if (userIds.length > 1) rows.sort((a, b) => a.id - b.id);
  } else if (groupIds !== undefined) {
    rows = groupIds.flatMap((id) => table.ofGroup(id));
    if (groupIds.length > 1) rows.sort((a, b) => a.id - b.id);
  } else {
    rows = [...table.all()];
  }
  return rows;
}
