import * as pulumi from "@pulumi/pulumi";
import { lookupOutput } from "./output";
import { findByName, type Collection } from "./collection";
import { groupCollection } from "./groupLookup";
import { accessGroupMembership } from "../descriptors";
import type { LookupOptions } from "./settings";

/** Arguments of {@link getAccessGroup}. */
export interface GetAccessGroupArgs {
  /** The group's name: exact first, else ignoring case and extra spaces. */
  name: string;
}

/** Arguments of {@link getAccessGroupOutput}. */
export interface GetAccessGroupOutputArgs {
  /** The group's name: exact first, else ignoring case and extra spaces. */
  name: pulumi.Input<string>;
}

/** A Kantata access group, as `GET /access_groups` returns it, camelCased. Fields the API leaves out are absent. */
export interface GetAccessGroupResult {
  /** The Kantata access group id. */
  id: number;
  /** The same as `id`, named as `AccessGroupMembership` names it. */
  accessGroupId: number;
  /** The group's name as Kantata has it. */
  name: string;
  /** The group's description (`description`). */
  description?: string;
  /**
   * True for the seven Account Default groups (Account Administrators, Reports Viewer With Cost,
   * Reports Viewer, Project Lead, Project Creator, Collaborator, Punch Clock): they follow a
   * user's account permission, and Kantata refuses memberships of them.
   */
  isAccountDefault?: boolean;
  /** When the group was created (`created_at`, ISO 8601). */
  createdAt?: string;
}

/** Every access group of the account: `GET /access_groups`, parsed as the descriptor says (`group.fields`). */
export const accessGroups: Collection<GetAccessGroupResult> = groupCollection<GetAccessGroupResult>(accessGroupMembership);

const EXAMPLE = `getAccessGroup({ name: "Finance Reviewers" })`;

/**
 * Finds one access group of the Kantata OX account by name.
 *
 * - A group whose name is exactly `name` wins; otherwise the name matches ignoring case and
 *   surrounding (or repeated) spaces. Two groups with the same name, or several that match only
 *   ignoring case, are ambiguous: a `KantataLookupAmbiguousError` lists them with their ids.
 * - Not found: a `KantataLookupNotFoundError` naming the three closest names (edit distance) with
 *   their ids. A missing or empty name: a `KantataLookupArgumentError`, before any request.
 * - The first lookup of a program run reads all access groups once; later ones use that read.
 * - No token, a bad base URL or a failed read (401, 403, network): a `KantataLookupReadError`
 *   whose `cause` is the `SettingsError` or the client's `KantataError`.
 * - Connection: as the resources (`kantata:baseUrl` / `kantata:apiToken`, else the
 *   `KANTATA_*` environment); `opts` overrides both.
 *
 * > **Note** The seven Account Default groups are found too (`isAccountDefault: true`), but
 * > Kantata refuses memberships of them: change the user's account permission instead.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const reviewers = await kantata.getAccessGroup({ name: "Finance Reviewers" });
 * new kantata.AccessGroupMembership("ada-reviewer", { userId: 101, accessGroupId: reviewers.id });
 * ```
 */
export function getAccessGroup(args: GetAccessGroupArgs, opts?: LookupOptions): Promise<GetAccessGroupResult> {
  return findByName(accessGroups, args, opts, EXAMPLE);
}

/**
 * {@link getAccessGroup} for `Input`s: the lookup runs once `name` is known and the result is an `Output`.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const reviewers = kantata.getAccessGroupOutput({ name: "Finance Reviewers" });
 * new kantata.AccessGroupMembership("ada-reviewer", { userId: 101, accessGroupId: reviewers.id });
 * ```
 */
export function getAccessGroupOutput(args: GetAccessGroupOutputArgs, opts?: LookupOptions): pulumi.Output<GetAccessGroupResult> {
  return lookupOutput<GetAccessGroupArgs, GetAccessGroupResult>(args, (plain) => getAccessGroup(plain, opts));
}
