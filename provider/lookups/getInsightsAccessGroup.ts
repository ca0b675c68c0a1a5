import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { lookupOutput } from "./output";
import { findByName, type Collection } from "./collection";
import { apiId, compact, optionalCount, optionalFlag } from "./fields";
import { foldName } from "./matching";
import type { LookupOptions } from "./settings";

/** Arguments of {@link getInsightsAccessGroup}. */
export interface GetInsightsAccessGroupArgs {
  /** The group's name: exact first, else ignoring case and extra spaces. */
  name: string;
}

/** Arguments of {@link getInsightsAccessGroupOutput}. */
export interface GetInsightsAccessGroupOutputArgs {
  /** The group's name: exact first, else ignoring case and extra spaces. */
  name: pulumi.Input<string>;
}

/** A classic Insights access group, as `GET /insights_access_groups` returns it, camelCased. Fields the API leaves out are absent. */
export interface GetInsightsAccessGroupResult {
  /** The Kantata Insights access group id. */
  id: number;
  /** The same as `id`, named as `InsightsAccessGroupMembership` names it. */
  insightsAccessGroupId: number;
  /** The group's name as Kantata has it. */
  name: string;
  /** Members when the list was read (once per program run). */
  groupMemberCount?: number;
  /** The default group of Account Administrators. */
  isAdminDefault?: boolean;
  /** The default group of Reports Viewers. */
  isReportsViewerDefault?: boolean;
  /** Dashboards the group sees, when the API lists them. */
  dashboardNames?: string[];
}

const schema = z
  .looseObject({
    id: apiId,
    name: z.string(),
    group_member_count: optionalCount,
    is_admin_default: optionalFlag,
    is_reports_viewer_default: optionalFlag,
    dashboard_names: z.array(z.string()).nullish().transform((v) => v ?? undefined),
  })
  .transform(
    (g): GetInsightsAccessGroupResult =>
      compact({
        id: g.id,
        insightsAccessGroupId: g.id,
        name: g.name,
        groupMemberCount: g.group_member_count,
        isAdminDefault: g.is_admin_default,
        isReportsViewerDefault: g.is_reports_viewer_default,
        dashboardNames: g.dashboard_names,
      }),
  );

/** Every classic Insights access group of the account: `GET /insights_access_groups`. */
export const insightsAccessGroups: Collection<GetInsightsAccessGroupResult> = {
  lookup: "getInsightsAccessGroup",
  noun: "Insights access group",
  plural: "Insights access groups",
  path: "/insights_access_groups",
  key: "insights_access_groups",
  query: {},
  schema,
  maxItems: 50_000,
  labelArg: "name",
  labelOf: (g) => g.name,
  fold: foldName,
  rule: "Names match exactly, else ignoring case and extra spaces.",
};

const EXAMPLE = `getInsightsAccessGroup({ name: "Finance Dashboards" })`;

/**
 * Finds one classic Insights access group of the Kantata OX account by name.
 *
 * - A group whose name is exactly `name` wins; otherwise the name matches ignoring case and
 *   surrounding (or repeated) spaces. Two groups with the same name, or several that match only
 *   ignoring case, are ambiguous: a `KantataLookupAmbiguousError` lists them with their ids.
 * - Not found: a `KantataLookupNotFoundError` naming the three closest names (edit distance) with
 *   their ids. A missing or empty name: a `KantataLookupArgumentError`, before any request.
 * - The first lookup of a program run reads all Insights access groups once; later ones use that
 *   read (so `groupMemberCount` is the count at that moment).
 * - No token, a bad base URL or a failed read (401, 403, network): a `KantataLookupReadError`
 *   whose `cause` is the `SettingsError` or the client's `KantataError`.
 * - Connection: as the resources (`kantata:baseUrl` / `kantata:apiToken`, else the
 *   `KANTATA_*` environment); `opts` overrides both.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const dashboards = await kantata.getInsightsAccessGroup({ name: "Finance Dashboards" });
 * new kantata.InsightsAccessGroupMembership("ada-dashboards", { userId: 101, insightsAccessGroupId: dashboards.id });
 * ```
 */
export function getInsightsAccessGroup(args: GetInsightsAccessGroupArgs, opts?: LookupOptions): Promise<GetInsightsAccessGroupResult> {
  return findByName(insightsAccessGroups, args, opts, EXAMPLE);
}

/**
 * {@link getInsightsAccessGroup} for `Input`s: the lookup runs once `name` is known and the result is an `Output`.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const dashboards = kantata.getInsightsAccessGroupOutput({ name: "Finance Dashboards" });
 * new kantata.InsightsAccessGroupMembership("ada-dashboards", { userId: 101, insightsAccessGroupId: dashboards.id });
 * ```
 */
export function getInsightsAccessGroupOutput(args: GetInsightsAccessGroupOutputArgs, opts?: LookupOptions): pulumi.Output<GetInsightsAccessGroupResult> {
  return lookupOutput<GetInsightsAccessGroupArgs, GetInsightsAccessGroupResult>(args, (plain) => getInsightsAccessGroup(plain, opts));
}
