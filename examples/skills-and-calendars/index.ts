// A delivery team's skills and holiday calendars, as a staffing lead keeps them in a spreadsheet:
// by email, skill name and calendar name. The lookups find the Kantata ids at preview. The names
// are those of the Kantata OX simulator's default account; use your own account's.
//
// Skill levels change in place (one request each); creates that arrive together share bulk
// requests of up to 200. A holiday calendar applies from its start date until the user's next one.
import * as kantata from "pulumi-kantata";

const team = [
  { email: "felix.ivanova@lakeside-consulting.example", skills: { Python: 4, SQL: 3 }, calendar: "Germany" },
  { email: "grace.fernandes@lakeside-consulting.example", skills: { TypeScript: 5, "PMP Certification": 1 }, calendar: "United Kingdom" },
  { email: "anya.hansen@lakeside-consulting.example", skills: { "Data Analysis": 3, French: 2 }, calendar: "United States" },
];
const calendarsFrom = "2027-01-01";

/** A resource name from an email and a label: `felix.ivanova@…`, `Python` → `felix-ivanova-python`. */
const handle = (...parts: string[]) => parts.join("-").toLowerCase().replace(/@.*?(-|$)/, "$1").replace(/[^a-z0-9]+/g, "-");

for (const member of team) {
  const user = kantata.getUserOutput({ email: member.email });
  for (const [name, level] of Object.entries(member.skills)) {
    const skill = kantata.getSkillOutput({ name });
    new kantata.SkillMembership(handle(member.email, name), { userId: user.id, skillId: skill.id, level });
  }
  const calendar = kantata.getHolidayCalendarOutput({ name: member.calendar });
  new kantata.HolidayCalendarMembership(handle(member.email, "calendar"), { userId: user.id, holidayCalendarId: calendar.id, startDate: calendarsFrom });
}
