import * as pulumi from "@pulumi/pulumi";
import { lookupOutput } from "./output";
import { findByName, type Collection } from "./collection";
import { groupCollection } from "./groupLookup";
import { insightsAccessGroupMembership } from "../descriptors";
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

/** Every classic Insights access group: `GET /insights_access_groups`, parsed as the descriptor says (`group.fields`). */
export const insightsAccessGroups: Collection<GetInsightsAccessGroupResult> = groupCollection<GetInsightsAccessGroupResult>(insightsAccessGroupMembership);

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
