/**
 * Generates the simulator's default fixture, `simulator/fixtures/default-account.json`: a
 * realistic account of 2,000 users with groups and memberships of each kind. The output depends
 * only on the seed, so running it again yields the same file byte for byte.
 *
 * Usage: node dist/scripts/make-fixture.js [--out FILE] [--seed N] [--users N]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatTimestamp } from "../simulator/clock";
import { FixtureInput, parseFixture, Permission } from "../simulator/fixture";
import { mulberry32, Random } from "../simulator/random";
import { FIRST_IDS } from "../simulator/store";

const OFFSET = "-07:00";
const DOMAIN = "lakeside-consulting.example";

const FIRST_NAMES = [
  "Ava", "Liam", "Noah", "Emma", "Olivia", "Mateo", "Sofia", "Lucas", "Mia", "Ethan", "Amara", "Kenji", "Priya", "Omar",
  "Chloe", "Diego", "Hannah", "Jonas", "Leila", "Marcus", "Nadia", "Oscar", "Paula", "Rafael", "Sara", "Tomas", "Uma",
  "Victor", "Wei", "Yara", "Zoe", "Aisha", "Bruno", "Carmen", "Daniel", "Elena", "Felix", "Grace", "Hugo", "Ines",
  "Jack", "Katarina", "Leo", "Maya", "Nikolai", "Ines", "Pedro", "Quinn", "Rosa", "Samuel", "Tara", "Ulrich", "Vera",
  "William", "Ximena", "Yusuf", "Zara", "Anya", "Ben", "Clara", "Dev", "Erin", "Farah", "Gabriel", "Hiro", "Isla",
];
const LAST_NAMES = [
  "Anderson", "Bakker", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen", "Kim", "Lopez",
  "Moreau", "Nakamura", "Okafor", "Patel", "Quintero", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Williams",
  "Xu", "Yilmaz", "Zimmermann", "Almeida", "Brown", "Costa", "Davies", "Eriksen", "Fernandes", "Gomez", "Horvat",
  "Iyer", "Johansson", "Kowalski", "Larsen", "Müller", "Nowak", "O'Brien", "Petrov", "Reyes", "Silva", "Thompson",
  "Urban", "Virtanen", "Walsh", "Young", "Zhang",
];
const TITLES = [
  "Consultant", "Senior Consultant", "Project Manager", "Engagement Manager", "Business Analyst", "Solutions Architect",
  "Resource Manager", "Delivery Lead", "Data Analyst", "Designer", "Developer", "QA Engineer", "Finance Analyst",
  "Account Director", "Principal Consultant", "Practice Lead", "Operations Coordinator", "Technical Writer",
];

/** Share of each permission among users who are not the fixed administrators. */
const PERMISSION_WEIGHTS: [Permission, number][] = [
  ["reports_viewer_with_cost", 2],
  ["reports_viewer", 4],
  ["project_lead", 10],
  ["project_creator", 8],
  ["collaborator", 71],
  ["punch_clock", 3],
  ["external_collaborator", 2],
];

/** The 7 Account Default access groups, in the order Kantata lists them, with the permission each mirrors. */
const DEFAULT_ACCESS_GROUPS: [string, Permission, string][] = [
  ["Account Administrators", "administrator", "Full access to every part of the account."],
  ["Reports Viewer With Cost", "reports_viewer_with_cost", "Reports, including cost and rate data."],
  ["Reports Viewer", "reports_viewer", "Reports without cost data."],
  ["Project Lead", "project_lead", "Leads projects and manages their teams."],
  ["Project Creator", "project_creator", "Creates projects."],
  ["Collaborator", "collaborator", "Works on the projects they join."],
  ["Punch Clock", "punch_clock", "Logs time only."],
];
const PRESET_ACCESS_GROUPS: [string, string][] = [
  ["View Only Resource Center", "See the Resource Center without changing allocations."],
  ["View My Allocations", "See one's own allocations."],
  ["Resource Requesters", "Request resources for projects."],
];
const CUSTOM_ACCESS_GROUPS: [string, string][] = [
  ["Finance Reviewers", "Review invoices and budgets."],
  ["EMEA Managers", "Managers of the EMEA practice."],
  ["Resource Planning Leads", "Plan staffing across projects."],
  ["Client Portal Users", "Access to the client portal."],
];
const INSIGHTS_GROUPS: [string, boolean, boolean][] = [
  ["Administrators (default)", true, false],
  ["Reports Viewers (default)", false, true],
  ["Finance Dashboards", false, false],
  ["Delivery Analytics", false, false],
  ["Executive Reporting", false, false],
];
const WORKSPACE_GROUPS: [string, boolean][] = [
  ["Northwind Traders", true],
  ["Contoso Ltd", true],
  ["Globex Corporation", true],
  ["Initech", true],
  ["Engineering", false],
  ["Design Studio", false],
  ["Strategy & Operations", false],
  ["Implementation Team", false],
];

/** Builds the fixture; every random choice comes from `seed`. */
export function makeFixture(seed: number, userCount: number): FixtureInput {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const time = timeline(Date.parse("2021-03-01T16:00:00Z"));

  const users = makeUsers(random, pick, userCount);
  const admins = users.filter((u) => u.account_permission === "administrator").map((u) => u.id);

  const accessGroups = [
    ...DEFAULT_ACCESS_GROUPS.map(([name, permission, description]) => ({ name, description, account_permission: permission })),
    ...[...PRESET_ACCESS_GROUPS, ...CUSTOM_ACCESS_GROUPS].map(([name, description]) => ({ name, description, account_permission: null })),
  ].map((g, i) => ({ id: i + 1, ...g, created_at: time(3_600_000) }));

  const accessGroupMemberships: FixtureInput["access_group_memberships"] = [];
  let nextId = FIRST_IDS.accessGroupMemberships;
  const addAccess = (groupId: number, userId: number) =>
    accessGroupMemberships.push({ id: nextId++, access_group_id: groupId, user_id: userId, creator_id: 1, created_at: time(600_000) });
  for (const user of users) {
    const group = DEFAULT_ACCESS_GROUPS.findIndex(([, permission]) => permission === user.account_permission);
    if (group >= 0) addAccess(group + 1, user.id);
  }
  const firstOptionalGroup = DEFAULT_ACCESS_GROUPS.length + 1;
  for (let groupId = firstOptionalGroup; groupId <= accessGroups.length; groupId++) {
    const size = 15 + Math.floor(random() * 45);
    for (const userId of sample(random, users.filter((u) => u.account_permission !== "external_collaborator"), size)) {
      addAccess(groupId, userId.id);
    }
  }

  const insightsAccessGroups = INSIGHTS_GROUPS.map(([name, isAdmin, isReports], i) => ({
    id: i + 1,
    name,
    is_admin_default: isAdmin,
    is_reports_viewer_default: isReports,
  }));
  const insights: FixtureInput["insights_access_group_memberships"] = [];
  let insightsId = FIRST_IDS.insightsAccessGroupMemberships;
  const addInsights = (groupId: number, userId: number, canEdit: boolean) => {
    const at = time(900_000);
    insights.push({ id: insightsId++, insights_access_group_id: groupId, user_id: userId, can_edit: canEdit, created_at: at, updated_at: at });
  };
  for (const userId of admins) addInsights(1, userId, true);
  for (const user of users.filter((u) => u.account_permission.startsWith("reports_viewer"))) addInsights(2, user.id, false);
  for (const user of sample(random, users.filter((u) => u.account_permission === "project_lead"), 30)) {
    addInsights(3 + Math.floor(random() * 3), user.id, random() < 0.2);
  }

  const workspaceGroups = WORKSPACE_GROUPS.map(([name, company], i) => {
    const at = time(86_400_000);
    return {
      id: i + 1,
      name,
      company,
      contact_name: company ? `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}` : null,
      email: company ? `projects@${name.toLowerCase().replace(/[^a-z]+/g, "")}.example` : null,
      phone_number: company ? `+1 555 01${String(10 + i).padStart(2, "0")}` : null,
      address: null,
      website: company ? `https://www.${name.toLowerCase().replace(/[^a-z]+/g, "")}.example` : null,
      notes: null,
      created_at: at,
      updated_at: at,
    };
  });
  const userGroups: FixtureInput["user_group_memberships"] = [];
  let userGroupId = FIRST_IDS.userGroupMemberships;
  for (const user of users) {
    const memberships = new Set<number>();
    if (random() < 0.6) memberships.add(5 + Math.floor(random() * 4));
    if (user.account_permission === "project_lead" || random() < 0.15) memberships.add(1 + Math.floor(random() * 4));
    for (const groupId of [...memberships].sort((a, b) => a - b)) {
      userGroups.push({ id: userGroupId++, workspace_group_id: groupId, user_id: user.id, creator_id: pick(admins), created_at: time(300_000) });
    }
  }

  // Skills and holiday calendars (the descriptor-driven types): drawn last, so the rows above do
  // not change when these are added to.
  const skills = SKILLS.map(([name, max_level, description], i) => ({ id: i + 1, name, max_level, description }));
  const skillMemberships: Record<string, unknown>[] = [];
  let skillMembershipId = 70001;
  for (const user of users.slice(0, 120)) {
    if (random() < 0.5) continue;
    const held = new Set<number>();
    const count = 1 + Math.floor(random() * 3);
    while (held.size < count) held.add(1 + Math.floor(random() * skills.length));
    for (const skillId of [...held].sort((a, b) => a - b)) {
      const level = 1 + Math.floor(random() * skills[skillId - 1].max_level);
      skillMemberships.push({ id: skillMembershipId++, user_id: user.id, skill_id: skillId, level, creator_id: pick(admins), created_at: time(300_000) });
    }
  }
  const holidayCalendars = CALENDARS.map((name, i) => ({ id: i + 1, name, default: i === 0 }));
  const calendarMemberships: Record<string, unknown>[] = [];
  let calendarMembershipId = 90001;
  for (const user of users.slice(0, 60)) {
    if (random() < 0.5) continue;
    const first = 1 + Math.floor(random() * holidayCalendars.length);
    calendarMemberships.push({ id: calendarMembershipId++, user_id: user.id, holiday_calendar_id: first, start_date: "2024-01-01", creator_id: pick(admins), created_at: time(300_000) });
    if (random() < 0.25) {
      const moved = (first % holidayCalendars.length) + 1;
      calendarMemberships.push({ id: calendarMembershipId++, user_id: user.id, holiday_calendar_id: moved, start_date: "2025-07-01", creator_id: pick(admins), created_at: time(300_000) });
    }
  }

  return {
    account: { id: 1, name: "Lakeside Consulting (simulated)", utc_offset: OFFSET },
    clock_start: "2025-01-06T09:00:00-07:00",
    tokens: { "sim-admin-token": 1, "sim-member-token": 2 },
    users,
    access_groups: accessGroups,
    insights_access_groups: insightsAccessGroups,
    workspace_groups: workspaceGroups,
    access_group_memberships: accessGroupMemberships,
    insights_access_group_memberships: insights,
    user_group_memberships: userGroups,
    skills,
    skill_memberships: skillMemberships,
    holiday_calendars: holidayCalendars,
    holiday_calendar_memberships: calendarMemberships,
  } as FixtureInput;
}

/** The default account's skills: name, max_level (1: no levels), description. */
const SKILLS: [string, number, string][] = [
  ["TypeScript", 5, "Typed JavaScript for applications and tooling."],
  ["Python", 5, "Data work, scripting and services."],
  ["SQL", 5, "Querying and modelling relational data."],
  ["Project Management", 5, "Planning, tracking and delivering client projects."],
  ["Data Analysis", 5, "Turning data into findings for clients."],
  ["Spanish", 5, "Working proficiency in Spanish."],
  ["French", 5, "Working proficiency in French."],
  ["PMP Certification", 1, "Project Management Professional, PMI."],
  ["AWS Certified Solutions Architect", 1, "Amazon Web Services certification."],
  ["Salesforce Administration", 5, "Configuring and running Salesforce orgs."],
];

/** The default account's holiday calendars; the first is the account default. */
const CALENDARS = ["United States", "United Kingdom", "Germany", "India"];

type User = FixtureInput["users"][number] & { id: number; account_permission: Permission };

/** User 1 is the administrator of `sim-admin-token`, user 2 the collaborator of `sim-member-token`. */
function makeUsers(random: Random, pick: <T>(items: readonly T[]) => T, count: number): User[] {
  const emails = new Set<string>();
  const fixedAdmins = new Set([1, 17, 230, 611, 1024, 1555]);
  const users: User[] = [];
  for (let id = 1; id <= count; id++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
    let email = `${base}@${DOMAIN}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${DOMAIN}`;
    emails.add(email);
    const permission: Permission = fixedAdmins.has(id) ? "administrator" : id === 2 ? "collaborator" : weighted(random, PERMISSION_WEIGHTS);
    users.push({
      id,
      full_name: `${first} ${last}`,
      email_address: email,
      headline: permission === "administrator" ? "Operations Director" : pick(TITLES),
      photo_path: null,
      account_permission: permission,
      disabled: false,
    });
  }
  return users;
}

function weighted<T>(random: Random, weights: [T, number][]): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) if ((r -= w) < 0) return value;
  return weights[weights.length - 1][0];
}

/** `size` distinct items, in their original order. */
function sample<T>(random: Random, items: T[], size: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(size, items.length)) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
}

/** A clock that only moves forward: each call advances by up to `maxStepMs` and returns the time. */
function timeline(startMs: number): (maxStepMs: number) => string {
  let now = startMs;
  const random = mulberry32(7);
  return (maxStepMs) => {
    now += 1000 + Math.floor(random() * maxStepMs / 1000) * 1000;
    return formatTimestamp(now, OFFSET);
  };
}

/** One record per line: readable diffs, smaller than pretty-printing every field. */
function render(fixture: FixtureInput): string {
  const lines = Object.entries(fixture).map(([key, value]) =>
    Array.isArray(value)
      ? `  ${JSON.stringify(key)}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(",\n")}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${lines.join(",\n")}\n}\n`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: join(__dirname, "..", "..", "simulator", "fixtures", "default-account.json") },
      seed: { type: "string", default: "20250106" },
      users: { type: "string", default: "2000" },
    },
  });
  const fixture = makeFixture(Number(values.seed), Number(values.users));
  parseFixture(fixture, "generated fixture");
  writeFileSync(values.out, render(fixture));
  process.stderr.write(`wrote ${values.out}\n`);
}

if (require.main === module) main();
