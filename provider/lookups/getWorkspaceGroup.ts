import * as pulumi from "@pulumi/pulumi";
import { lookupOutput } from "./output";
import { findByName, type Collection } from "./collection";
import { groupCollection } from "./groupLookup";
import { userGroupMembership } from "../descriptors";
import type { LookupOptions } from "./settings";

/** Arguments of {@link getWorkspaceGroup}. */
export interface GetWorkspaceGroupArgs {
  /** The group's name: exact first, else ignoring case and extra spaces. */
  name: string;
}

/** Arguments of {@link getWorkspaceGroupOutput}. */
export interface GetWorkspaceGroupOutputArgs {
  /** The group's name: exact first, else ignoring case and extra spaces. */
  name: pulumi.Input<string>;
}

/** A workspace group (a company or an internal group), as `GET /workspace_groups` returns it, camelCased. Fields the API leaves out are absent. */
export interface GetWorkspaceGroupResult {
  /** The Kantata workspace group id. */
  id: number;
  /** The same as `id`, named as `UserGroupMembership` names it. */
  workspaceGroupId: number;
  /** The group's name as Kantata has it. */
  name: string;
  /** True for a company (a client), false for an internal group. */
  company?: boolean;
  /** The group's contact person (`contact_name`). */
  contactName?: string;
  /** The group's contact email (`email`). */
  email?: string;
  /** The group's phone number (`phone_number`). */
  phoneNumber?: string;
  /** The group's postal address (`address`). */
  address?: string;
  /** The group's website (`website`). */
  website?: string;
  /** Free-text notes (`notes`). */
  notes?: string;
  /** When the group was created (`created_at`, ISO 8601). */
  createdAt?: string;
  /** When the group last changed (`updated_at`, ISO 8601). */
  updatedAt?: string;
}

/** Every workspace group: `GET /workspace_groups`, parsed as the descriptor says (`group.fields`). */
export const workspaceGroups: Collection<GetWorkspaceGroupResult> = groupCollection<GetWorkspaceGroupResult>(userGroupMembership);

const EXAMPLE = `getWorkspaceGroup({ name: "Engineering" })`;

/**
 * Finds one workspace group (a company or an internal group) of the Kantata OX account by name.
 *
 * - A group whose name is exactly `name` wins; otherwise the name matches ignoring case and
 *   surrounding (or repeated) spaces. Kantata keeps workspace group names unique ignoring case,
 *   so an ambiguous match (`KantataLookupAmbiguousError`, listing the candidates with their ids)
 *   should not happen there, but is reported if it does.
 * - Not found: a `KantataLookupNotFoundError` naming the three closest names (edit distance) with
 *   their ids. A missing or empty name: a `KantataLookupArgumentError`, before any request.
 * - The first lookup of a program run reads all workspace groups once; later ones use that read.
 * - No token, a bad base URL or a failed read (401, 403, network): a `KantataLookupReadError`
 *   whose `cause` is the `SettingsError` or the client's `KantataError`.
 * - Connection: as the resources (`kantata:baseUrl` / `kantata:apiToken`, else the
 *   `KANTATA_*` environment); `opts` overrides both.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const engineering = await kantata.getWorkspaceGroup({ name: "Engineering" });
 * new kantata.UserGroupMembership("ada-engineering", { userId: 101, workspaceGroupId: engineering.id });
 * ```
 */
export function getWorkspaceGroup(args: GetWorkspaceGroupArgs, opts?: LookupOptions): Promise<GetWorkspaceGroupResult> {
  return findByName(workspaceGroups, args, opts, EXAMPLE);
}

/**
 * {@link getWorkspaceGroup} for `Input`s: the lookup runs once `name` is known and the result is an `Output`.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const ada = kantata.getUserOutput({ email: "ada.lovelace@example.com" });
 * const engineering = kantata.getWorkspaceGroupOutput({ name: "Engineering" });
 * new kantata.UserGroupMembership("ada-engineering", { userId: ada.id, workspaceGroupId: engineering.id });
 * ```
 */
export function getWorkspaceGroupOutput(args: GetWorkspaceGroupOutputArgs, opts?: LookupOptions): pulumi.Output<GetWorkspaceGroupResult> {
  return lookupOutput<GetWorkspaceGroupArgs, GetWorkspaceGroupResult>(args, (plain) => getWorkspaceGroup(plain, opts));
}
