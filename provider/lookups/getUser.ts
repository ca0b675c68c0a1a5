import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { lookupOutput } from "./output";
import { checkArgs, checkId, checkText, findByLabel, findById, loadFor, type Collection } from "./collection";
import { apiId, compact, optionalFlag, optionalId, optionalText } from "./fields";
import { KantataLookupArgumentError } from "./errors";
import { foldEmail } from "./matching";
import type { LookupOptions } from "./settings";

/** Arguments of {@link getUser}: exactly one of `email` and `id`. */
export interface GetUserArgs {
  /** The user's email address; compared ignoring case and surrounding spaces. */
  email?: string;
  /** The Kantata user id (a number, or a string of digits). */
  id?: number | string;
}

/** Arguments of {@link getUserOutput}: as {@link GetUserArgs}, each an `Input`. */
export interface GetUserOutputArgs {
  /** The user's email address; compared ignoring case and surrounding spaces. */
  email?: pulumi.Input<string>;
  /** The Kantata user id (a number, or a string of digits). */
  id?: pulumi.Input<number | string>;
}

/** A Kantata user, as `GET /users` returns it, camelCased. Fields the API leaves out are absent. */
export interface GetUserResult {
  /** The Kantata user id. */
  id: number;
  /** The same as `id`, named as the membership resources name it. */
  userId: number;
  /** The user's full name (`full_name`). */
  fullName: string;
  /** The email address as Kantata has it (`email_address`); empty when the API has none for this user. */
  emailAddress: string;
  /** The user's title or role line (`headline`). */
  headline?: string;
  /** URL of the user's picture (`photo_path`). */
  photoPath?: string;
  /** The Kantata account id (`account_id`). */
  accountId?: number;
  /** `administrator`, `project_lead`, `collaborator`, … */
  accountPermission?: string;
  /** True for a deactivated user (lookups find them too). */
  disabled?: boolean;
}

const userSchema = z
  .looseObject({
    id: apiId,
    full_name: z.string(),
    email_address: optionalText,
    headline: optionalText,
    photo_path: optionalText,
    account_id: optionalId,
    account_permission: optionalText,
    disabled: optionalFlag,
  })
  .transform(
    (u): GetUserResult =>
      compact({
        id: u.id,
        userId: u.id,
        fullName: u.full_name,
        emailAddress: u.email_address ?? "",
        headline: u.headline,
        photoPath: u.photo_path,
        accountId: u.account_id,
        accountPermission: u.account_permission,
        disabled: u.disabled,
      }),
  );

/** Every user of the account: `GET /users?on_my_account=true` (without it the API lists only users who share a project with the caller). */
export const users: Collection<GetUserResult> = {
  lookup: "getUser",
  noun: "user",
  plural: "users",
  path: "/users",
  key: "users",
  query: { on_my_account: true },
  schema: userSchema,
  maxItems: 200_000,
  labelArg: "email",
  labelOf: (u) => u.emailAddress,
  detailOf: (u) => u.fullName,
  fold: foldEmail,
  rule: "Emails match ignoring case and surrounding spaces.",
};

const EXAMPLE = `getUser({ email: "ada@example.com" })`;

/**
 * Finds one user of the Kantata OX account by email address or by id.
 *
 * - `email` matches ignoring case and surrounding spaces. Two users whose emails differ only in
 *   case are ambiguous unless one is written exactly as asked.
 * - Not found: a `KantataLookupNotFoundError` that names the email (or id) and the three
 *   closest emails (or ids) with their ids. Ambiguous: a `KantataLookupAmbiguousError` listing
 *   the candidates with their ids. Neither or both of `email` and `id`, an empty email or a bad
 *   id: a `KantataLookupArgumentError`, before any request.
 * - The first lookup of a program run reads the account's whole user list once (`per_page=200`,
 *   all pages) and every other `getUser` call, by email or id, is answered from it: 500 lookups
 *   in a 2,000-user account make 10 requests.
 * - No token, a bad base URL or a failed read (401, 403, network): a `KantataLookupReadError`
 *   whose `cause` is the `SettingsError` or the client's `KantataError`.
 * - Connection: stack config `kantata:baseUrl` / `kantata:apiToken`, else `KANTATA_BASE_URL` /
 *   `KANTATA_API_TOKEN`, as the resources read them; `opts` overrides both.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const ada = await kantata.getUser({ email: "ada.lovelace@example.com" });
 * new kantata.UserGroupMembership("ada-engineering", { userId: ada.id, workspaceGroupId: 5 });
 * ```
 */
export async function getUser(args: GetUserArgs, opts?: LookupOptions): Promise<GetUserResult> {
  const given = checkArgs(users.lookup, args, ["email", "id"], EXAMPLE);
  if (given.email !== undefined && given.id !== undefined) {
    throw new KantataLookupArgumentError(users.lookup, given, `getUser takes either email or id, not both; e.g. ${EXAMPLE} or getUser({ id: 42 }).`);
  }
  if (given.id !== undefined) {
    const id = checkId(users.lookup, given, "id");
    return findById(users, await loadFor(users, opts, given), id);
  }
  if (given.email === undefined) {
    throw new KantataLookupArgumentError(users.lookup, given, `getUser needs an email or an id; e.g. ${EXAMPLE} or getUser({ id: 42 }).`);
  }
  const email = checkText(users.lookup, given, "email", EXAMPLE);
  return findByLabel(users, await loadFor(users, opts, given), email);
}

/**
 * {@link getUser} for `Input`s: the lookup runs once `email` or `id` is known (at preview too,
 * when they are plain values) and the result is an `Output`.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const ada = kantata.getUserOutput({ email: "ada.lovelace@example.com" });
 * new kantata.UserGroupMembership("ada-engineering", { userId: ada.id, workspaceGroupId: 5 });
 * ```
 */
export function getUserOutput(args: GetUserOutputArgs, opts?: LookupOptions): pulumi.Output<GetUserResult> {
  return lookupOutput<GetUserArgs, GetUserResult>(args, (plain) => getUser(plain, opts));
}
