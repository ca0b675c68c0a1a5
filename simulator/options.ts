/**
 * Every behaviour the sources leave open (kantata-api.md §8 and the [I] items) as an option
 * with a documented default. Change them at start (`startSimulator({options})`), from code
 * (`sim.setOptions`) or over HTTP (`PUT /__simulator/options`); `reset` restores the start values.
 */
import { z } from "zod";
import { DEFAULT_MESSAGES, Messages } from "./messages";

/** Who may use `/access_group_memberships` (§8.7: the OAS says nothing). */
export type AccessGroupMembershipAccess = "admin-writes" | "admin-only" | "everyone";

/** The sort orders `/access_group_memberships` may default to (§8.6: it has no `order` param). */
export type AccessGroupMembershipOrder = "id:asc" | "id:desc" | "created_at:asc" | "created_at:desc";

/** The simulator's open behaviours. */
export interface SimulatorOptions {
  /**
   * Status of a successful `DELETE /access_group_memberships/{id}` (§8.3: the spec says both).
   * `200` answers `{success: "..."}`.
   * @default 204
   */
  accessGroupMembershipDeleteStatus: 204 | 200;
  /**
   * How foreign keys (`user_id`, `access_group_id`, `creator_id`, ...) are sent (§8.5). Primary
   * `id`s are always strings.
   * @default "string"
   */
  foreignKeys: "string" | "number";
  /**
   * Bulk user-group create with bad rows (§8.2): `all-or-nothing` writes nothing; `partial`
   * writes the good rows. Either way the answer is 422 listing each bad row with its `index`.
   * @default "all-or-nothing"
   */
  bulkMode: "all-or-nothing" | "partial";
  /** Largest bulk create accepted (§8.2). @default 100 */
  bulkLimit: number;
  /** Status of a bulk create above `bulkLimit` (§8.2: 400 or 422). @default 422 */
  bulkLimitStatus: 400 | 422;
  /** Default (and only) order of `/access_group_memberships` (§8.6). @default "id:asc" */
  accessGroupMembershipOrder: AccessGroupMembershipOrder;
  /**
   * Who may use `/access_group_memberships` (§8.7): `admin-writes` lets every user read and only
   * Account Administrators write; `admin-only` guards reads too; `everyone` guards nothing.
   * @default "admin-writes"
   */
  accessGroupMembershipAccess: AccessGroupMembershipAccess;
  /**
   * `GET /users` without `on_my_account=true`: the real API returns users visible through shared
   * projects, which the simulator does not model. `self` returns only the token's user; `all`
   * returns every user. @default "self"
   */
  usersWithoutOnMyAccount: "self" | "all";
  /** Refuse to join or leave Account Default access groups through memberships. @default true */
  protectAccountDefaultGroups: boolean;
  /** A user belongs to at most one classic Insights access group. @default true */
  oneInsightsGroupPerUser: boolean;
  /**
   * `can_edit` of a new Insights membership created without one: `administrators` means true
   * for Account Administrators and false for everyone else. @default "administrators"
   */
  insightsCanEditDefault: "administrators" | "never" | "always";
  /**
   * Status for a known path called with a method it does not have. Rails apps often answer 404;
   * 405 tells a client developer more. @default 405
   */
  wrongMethodStatus: 404 | 405;
  /** How far the simulated clock moves on each write, in milliseconds. @default 1000 */
  clockStepMs: number;
  /** Replacement texts for any message (§8.1: the real 422 texts are unknown). */
  messages: Messages;
}

/** The defaults, as documented on each field. */
export const DEFAULT_OPTIONS: SimulatorOptions = {
  accessGroupMembershipDeleteStatus: 204,
  foreignKeys: "string",
  bulkMode: "all-or-nothing",
  bulkLimit: 100,
  bulkLimitStatus: 422,
  accessGroupMembershipOrder: "id:asc",
  accessGroupMembershipAccess: "admin-writes",
  usersWithoutOnMyAccount: "self",
  protectAccountDefaultGroups: true,
  oneInsightsGroupPerUser: true,
  insightsCanEditDefault: "administrators",
  wrongMethodStatus: 405,
  clockStepMs: 1000,
  messages: DEFAULT_MESSAGES,
};

/** Options as a caller gives them: any subset, and any subset of the messages. */
export type SimulatorOptionsInput = Partial<Omit<SimulatorOptions, "messages">> & { messages?: Partial<Messages> };

const messageKeys = Object.keys(DEFAULT_MESSAGES) as (keyof Messages)[];

/** Validates options given over HTTP or from code; unknown names are errors, to catch typos. */
export const optionsInputSchema: z.ZodType<SimulatorOptionsInput> = z.strictObject({
  accessGroupMembershipDeleteStatus: z.union([z.literal(204), z.literal(200)]).optional(),
  foreignKeys: z.enum(["string", "number"]).optional(),
  bulkMode: z.enum(["all-or-nothing", "partial"]).optional(),
  bulkLimit: z.number().int().positive().optional(),
  bulkLimitStatus: z.union([z.literal(400), z.literal(422)]).optional(),
  accessGroupMembershipOrder: z.enum(["id:asc", "id:desc", "created_at:asc", "created_at:desc"]).optional(),
  accessGroupMembershipAccess: z.enum(["admin-writes", "admin-only", "everyone"]).optional(),
  usersWithoutOnMyAccount: z.enum(["self", "all"]).optional(),
  protectAccountDefaultGroups: z.boolean().optional(),
  oneInsightsGroupPerUser: z.boolean().optional(),
  insightsCanEditDefault: z.enum(["administrators", "never", "always"]).optional(),
  wrongMethodStatus: z.union([z.literal(404), z.literal(405)]).optional(),
  clockStepMs: z.number().int().nonnegative().optional(),
  messages: z.strictObject(Object.fromEntries(messageKeys.map((k) => [k, z.string().min(1).optional()]))).optional(),
});

/** Applies a validated subset on top of `base` (messages merge key by key). */
export function mergeOptions(base: SimulatorOptions, input: SimulatorOptionsInput): SimulatorOptions {
  const { messages, ...rest } = input;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const definedMessages = Object.fromEntries(Object.entries(messages ?? {}).filter(([, v]) => v !== undefined));
  return { ...base, ...defined, messages: { ...base.messages, ...definedMessages } };
}
