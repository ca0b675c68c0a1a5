import * as pulumi from "@pulumi/pulumi";
import { holidayCalendarMembership as descriptor } from "../descriptors";
import { MembershipResource, typeToken } from "./membershipResource";
import { groupLookup } from "../lookups/groupLookup";
import type { LookupOptions } from "../lookups/settings";

/** Arguments of a {@link HolidayCalendarMembership}. */
export interface HolidayCalendarMembershipArgs {
  /** The Kantata user id (a number, or a string of digits). Changing it replaces the membership. */
  userId: pulumi.Input<number | string>;
  /** The Kantata holiday calendar id (`getHolidayCalendar({ name })` finds it). Changes in place. */
  holidayCalendarId: pulumi.Input<number | string>;
  /** The first day the calendar applies to the user, `YYYY-MM-DD`. Changes in place. */
  startDate: pulumi.Input<string>;
  /**
   * When the user already has a membership from this start date, take it over (moving it to
   * `holidayCalendarId` if it names another calendar) instead of failing. @default true
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Every property of a {@link HolidayCalendarMembership}, all optional (for `get`). */
export interface HolidayCalendarMembershipState {
  userId?: pulumi.Input<number | string>;
  holidayCalendarId?: pulumi.Input<number | string>;
  startDate?: pulumi.Input<string>;
  adoptExisting?: pulumi.Input<boolean>;
}

/**
 * Which holiday calendar applies to a Kantata OX user from a start date.
 *
 * A user's memberships form a series: each applies from its `startDate` to the day before the
 * next one's, and Kantata derives that `endDate` (an output that never shows as a change). The
 * calendar and the start date change in place with one request; a change of user replaces the
 * membership. A membership is told apart by its user and start date: declaring another calendar
 * for a start date the user already has adopts that membership and moves it.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const uk = kantata.getHolidayCalendarOutput({ name: "United Kingdom" });
 * new kantata.HolidayCalendarMembership("ada-uk", { userId: 101, holidayCalendarId: uk.id, startDate: "2027-01-01" });
 * ```
 */
export class HolidayCalendarMembership extends MembershipResource {
  /** @internal */
  public static readonly __pulumiType = typeToken(descriptor);

  /** True when `obj` is a HolidayCalendarMembership, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is HolidayCalendarMembership {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === HolidayCalendarMembership.__pulumiType;
  }

  /** Reads an existing membership by its Kantata id, without managing it. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: HolidayCalendarMembershipState, opts?: pulumi.CustomResourceOptions): HolidayCalendarMembership {
    return new HolidayCalendarMembership(name, state as HolidayCalendarMembershipArgs, { ...opts, id });
  }

  /** The Kantata user id. */
  declare public readonly userId: pulumi.Output<number>;
  /** The Kantata holiday calendar id. */
  declare public readonly holidayCalendarId: pulumi.Output<number>;
  /** The first day the calendar applies. */
  declare public readonly startDate: pulumi.Output<string>;
  /** Whether an existing membership may be adopted on create. */
  declare public readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** The last day it applies (derived by Kantata from the user's next start date), when there is one. */
  declare public readonly endDate: pulumi.Output<string | undefined>;
  /** Whether the membership is in effect. */
  declare public readonly inUse: pulumi.Output<boolean | undefined>;
  /** When the membership was created. */
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  /** When the membership last changed. */
  declare public readonly updatedAt: pulumi.Output<string | undefined>;
  /** True when create took over a membership that already existed. */
  declare public readonly adopted: pulumi.Output<boolean>;

  /** Declares which holiday calendar applies to a user from a start date. */
  constructor(name: string, args: HolidayCalendarMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    super(descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}

/** A Kantata holiday calendar, as `GET /holiday_calendars` returns it, camelCased. */
export interface GetHolidayCalendarResult {
  /** The Kantata holiday calendar id. */
  id: number;
  /** The same as `id`, named as `HolidayCalendarMembership` names it. */
  holidayCalendarId: number;
  /** The calendar's name as Kantata has it. */
  name: string;
  /** True for the account's default calendar. */
  isDefault?: boolean;
}

const calendars = groupLookup<GetHolidayCalendarResult>(descriptor);

/**
 * Finds one holiday calendar of the Kantata OX account by name: exact first, else ignoring case
 * and extra spaces; not found or ambiguous is an error naming the closest calendars with their
 * ids. The first lookup of a program run reads `/holiday_calendars` once.
 *
 * ## Example Usage
 * ```ts
 * const uk = await kantata.getHolidayCalendar({ name: "United Kingdom" });
 * new kantata.HolidayCalendarMembership("ada-uk", { userId: 101, holidayCalendarId: uk.id, startDate: "2027-01-01" });
 * ```
 */
export function getHolidayCalendar(args: { name: string }, opts?: LookupOptions): Promise<GetHolidayCalendarResult> {
  return calendars.get(args, opts);
}

/** {@link getHolidayCalendar} for `Input`s: the lookup runs once `name` is known and the result is an `Output`. */
export function getHolidayCalendarOutput(args: { name: pulumi.Input<string> }, opts?: LookupOptions): pulumi.Output<GetHolidayCalendarResult> {
  return calendars.getOutput(args, opts);
}
