import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
const USER = 500; // holds no skill and no holiday calendar in the default fixture
const PYTHON = 2;
const SQL = 3;
const US = 1;
const UK = 2;
const GERMANY = 3;

/**
 * The two types added from descriptors alone, through the real engine: create and adopt, change
 * in place (a level, a calendar, a start date), refresh with a derived end date, destroy.
 */
describe("SkillMembership and HolidayCalendarMembership through the Pulumi engine", function () {
  let sim: TestSimulator;
  let stack: PulumiStack;
  let specFile: string;
  let adoptedSkill: Record<string, any>;
  let adoptedCalendar: Record<string, any>;
  const declare = (resources: unknown[]) => writeFileSync(specFile, JSON.stringify(resources));
  const writes = async (since: number) => (await sim.writes()).slice(since).map((w) => `${w.method} ${w.path.replace("/api/v1", "").replace(/\/\d+$/, "/:id")}`);
  const program = (level: number, calendar: number, start: string) => [
    { type: "SkillMembership", name: "ada-python", args: { userId: USER, skillId: PYTHON, level } },
    { type: "SkillMembership", name: "ada-sql", args: { userId: USER, skillId: SQL } },
    { type: "SkillMembership", name: "adopted-skill", args: { userId: Number(adoptedSkill.user_id), skillId: Number(adoptedSkill.skill_id) } },
    { type: "HolidayCalendarMembership", name: "ada-2026", args: { userId: USER, holidayCalendarId: calendar, startDate: start } },
    { type: "HolidayCalendarMembership", name: "ada-2027", args: { userId: USER, holidayCalendarId: UK, startDate: "2027-01-01" } },
    { type: "HolidayCalendarMembership", name: "adopted-calendar", args: { userId: Number(adoptedCalendar.user_id), holidayCalendarId: Number(adoptedCalendar.holiday_calendar_id), startDate: adoptedCalendar.start_date } },
  ];
  const outputs = async (name: string) => (await stack.exportState()).deployment.resources!.find((r) => r.urn.endsWith(`::${name}`))!.outputs as Record<string, unknown>;

  before(async () => {
    sim = await startTestSimulator();
    [adoptedSkill] = await sim.memberships("skill_memberships", `by_skill_ids=${PYTHON}`);
    [adoptedCalendar] = await sim.memberships("holiday_calendar_memberships", "by_user_id=1");
    specFile = path.join(mkdtempSync(path.join(tmpdir(), "kantata-types-")), "spec.json");
    stack = await PulumiStack.init({
      projectDir: PROGRAM,
      stackName: `types${process.pid}`,
      // A wide batching window: the engine may hand out the two skill creates far apart on a loaded
      // machine, and the bulk they share is what the first test checks.
      env: { KANTATA_E2E_SPEC: specFile, KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url, KANTATA_BULK_WINDOW_MS: "3000" },
    });
  });
  after(async () => {
    stack?.killAll();
    stack?.dispose();
    await sim?.close();
  });

  it("creates what is missing and adopts what exists with no write", async () => {
    declare(program(3, US, "2026-01-01"));
    await stack.up();
    const posts = (await writes(0)).sort();
    // The two skill creates share one bulk POST (holiday calendars have no bulk create).
    expect(posts).to.deep.equal(["POST /holiday_calendar_memberships", "POST /holiday_calendar_memberships", "POST /skill_memberships"]);
    const skills = await sim.memberships("skill_memberships", `user_ids=${USER}`);
    expect(skills.map((s) => [Number(s.skill_id), s.level]).sort()).to.deep.equal([[PYTHON, 3], [SQL, 0]]);
    expect(await outputs("adopted-skill")).to.include({ adopted: true });
    expect(await outputs("adopted-calendar")).to.include({ adopted: true });
  });

  it("changes a level, a calendar and a start date in place: PUTs only, nothing deleted", async () => {
    const before = (await sim.writes()).length;
    declare(program(5, GERMANY, "2026-02-01"));
    const { json } = await stack.previewJson();
    // The preview lists the steps that change something: two updates, no replace.
    const ops = (json.steps ?? []).filter((s) => s.urn.includes("kantata:") && s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort();
    expect(ops).to.deep.equal(["update ada-2026", "update ada-python"]);
    await stack.up();
    expect((await writes(before)).sort()).to.deep.equal(["PUT /holiday_calendar_memberships/:id", "PUT /skill_memberships/:id"]);
    const calendars = await sim.memberships("holiday_calendar_memberships", `by_user_id=${USER}`);
    expect(calendars.map((c) => [c.start_date, Number(c.holiday_calendar_id), c.end_date])).to.deep.equal([
      ["2027-01-01", UK, null],
      ["2026-02-01", GERMANY, "2026-12-31"],
    ]);
  });

  it("refreshes the derived end date without showing a change, then destroys with one DELETE each", async () => {
    await stack.refresh();
    expect(await outputs("ada-2026")).to.include({ endDate: "2026-12-31", startDate: "2026-02-01" });
    const { json } = await stack.previewJson(["--expect-no-changes"]);
    expect(json.changeSummary).to.not.have.any.keys("update", "replace", "create", "delete");
    const before = (await sim.writes()).length;
    await stack.destroy();
    expect((await writes(before)).filter((w) => w.startsWith("DELETE")).length).to.equal(6);
    expect(await sim.memberships("skill_memberships", `user_ids=${USER}`)).to.deep.equal([]);
    expect(await sim.memberships("holiday_calendar_memberships", `by_user_id=${USER}`)).to.deep.equal([]);
  });
});
