import { z } from "zod";
import { MembershipDescriptor } from "./descriptor";

/** An ISO date, `YYYY-MM-DD`, that names a real day. */
const isoDate = z.iso.date();

/**
 * A user's holiday calendar from a start date. A user's memberships form a series: each applies
 * from its `start_date` until the day before the next one's, and the server derives that
 * `end_date`. The calendar and the start date change in place; the user never changes. No bulk.
 */
export const holidayCalendarMembership: MembershipDescriptor = {
  typeName: "HolidayCalendarMembership",
  exportType: "holiday-calendar",
  path: "/holiday_calendar_memberships",
  collectionKey: "holiday_calendar_memberships",
  objectKey: "holiday_calendar_membership",
  group: {
    arg: "holidayCalendarId",
    api: "holiday_calendar_id",
    noun: "holiday calendar",
    path: "/holiday_calendars",
    key: "holiday_calendars",
    updatable: true,
    lookup: "getHolidayCalendar",
    example: "United Kingdom",
    fields: [{ arg: "isDefault", api: "default", schema: z.boolean().nullish(), doc: "True for the account's default calendar." }],
  },
  filters: { user: "by_user_id", group: "by_holiday_calendar_id", userList: false, groupList: false },
  updatable: [
    {
      arg: "startDate",
      api: "start_date",
      schema: isoDate,
      input: { expected: "an ISO date (YYYY-MM-DD)", fix: `a date such as "2027-01-01"` },
      doc: "The first day the calendar applies to the user (YYYY-MM-DD).",
      required: true,
      sentOnCreate: true,
    },
  ],
  computed: [
    { arg: "endDate", api: "end_date", schema: z.string().nullish(), doc: "The last day it applies: the day before the user's next start date (derived by Kantata; never diffs)." },
    { arg: "inUse", api: "in_use", schema: z.boolean().nullish(), doc: "Whether the membership is in effect." },
    { arg: "createdAt", api: "created_at", schema: z.string().nullish(), doc: "When the membership was created." },
    { arg: "updatedAt", api: "updated_at", schema: z.string().nullish(), doc: "When the membership last changed." },
  ],
  readById: "show",
  defaultOrder: "start_date:desc",
  identity: ["startDate"],
  series: { start: "start_date", end: "end_date", current: "in_use" },
  unusedFilters: ["created_after", "created_before", "updated_after", "updated_before"],
};
