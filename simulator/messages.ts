/**
 * Every message text the simulator sends. The real texts of most 422s are not published
 * (kantata-api.md §8.1), so each can be replaced through the `messages` option; the defaults
 * follow Rails' wording and the few texts the sources quote verbatim.
 */

/** The message catalogue. Values with `{label}` get the humanised field name (Rails style). */
export interface Messages {
  /** 401, verbatim from the API reference. */
  invalidToken: string;
  /** 403 when the token's user is not an Account Administrator. */
  notAdministrator: string;
  /** 404, verbatim from recorded traffic. */
  notFound: string;
  /** 405 for a known path with a method it does not have. */
  methodNotAllowed: string;
  /** 500 when the simulator itself fails. */
  internalError: string;
  /** 413 for a request body above 1 MiB. */
  bodyTooLarge: string;
  /** 400 `syntax` for a body that is not JSON (text of a public note). */
  malformedJson: string;
  /** 400 `syntax` when the root key is missing (from the official gem's stubs). */
  missingParameters: string;
  /** 422 for a required field that is absent or null. */
  blank: string;
  /** 422 for a field of the wrong type. */
  invalid: string;
  /** 422 for a user id that is not on the account. */
  unknownUser: string;
  /** 422 for a group id that does not exist. */
  unknownGroup: string;
  /** 422 when the user already belongs to the group. */
  duplicate: string;
  /** 422 when joining the non-editable Account Administrators group. */
  administratorsJoin: string;
  /** 422 when leaving the non-editable Account Administrators group. */
  administratorsLeave: string;
  /** 422 when joining another Account Default access group. */
  accountDefaultJoin: string;
  /** 422 when leaving another Account Default access group. */
  accountDefaultLeave: string;
  /** 422 when a user already belongs to another classic Insights access group. */
  oneInsightsGroup: string;
  /** 422 for a value above its cap (a level above the skill's max level); `{max}` is the cap. */
  aboveCap: string;
  /** 422 when a user would hold more memberships of a type than it allows; `{max}` is the limit. */
  tooMany: string;
  /** 422 (or 400) for a bulk create above the limit; `{max}` is the limit. */
  bulkTooLarge: string;
  /** 429 from the rate limit or a fault rule. */
  rateLimited: string;
  /** 503 from a fault rule. */
  unavailable: string;
}

/** The default texts. */
export const DEFAULT_MESSAGES: Messages = {
  invalidToken: "Invalid OAuth 2 Request",
  notAdministrator: "You must be an Account Administrator to perform this action.",
  notFound: "Not found",
  methodNotAllowed: "Method not allowed",
  internalError: "Something went wrong. Please try again later.",
  bodyTooLarge: "Request body too large",
  malformedJson: "malformed JSON detected, please lint your request params",
  missingParameters: "Missing required parameters. Please see our documentation at http://developer.mavenlink.com",
  blank: "{label} can't be blank",
  invalid: "{label} is invalid",
  unknownUser: "User does not exist on this account",
  unknownGroup: "{label} does not exist",
  duplicate: "User has already been added to this group",
  administratorsJoin:
    "To add a user to the Account Administrators access group, update the user's account membership permission instead.",
  administratorsLeave:
    "To remove a user from the Account Administrators access group, update the user's account membership permission instead.",
  accountDefaultJoin:
    "Users join Account Default access groups through their account permission; update the user's account membership instead.",
  accountDefaultLeave:
    "Users leave Account Default access groups through their account permission; update the user's account membership instead.",
  oneInsightsGroup: "User can only belong to one Insights Access Group at a time",
  aboveCap: "{label} must be less than or equal to {max}",
  tooMany: "User cannot have more than {max} of these",
  bulkTooLarge: "You can create at most {max} objects in one request",
  rateLimited: "Too many requests. Please retry your request after a small delay.",
  unavailable: "The service is temporarily unavailable. Please try again later.",
};

/** Rails' `humanize` of an attribute: `workspace_group_id` → `Workspace group`. */
export function humanize(field: string): string {
  const words = field.replace(/_id$/, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fills `{name}` placeholders of a message. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
