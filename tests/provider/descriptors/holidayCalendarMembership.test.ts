import { expect } from "chai";
import { resetForTests } from "../../../provider/dynamic/handlers";
import { providerHooks } from "../../helpers/providerHooks";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../../helpers/simulator";

// Users of the default fixture beyond the first 60 have no holiday calendar membership.
const FREE_USER = 500;
const US = 1;
const UK = 2;
const GERMANY = 3;

describe("HolidayCalendarMembership (descriptor only) against the simulator", function () {
  let sim: TestSimulator;
  let config: Record<string, string>;
  const hooks = () => providerHooks("HolidayCalendarMembership", () => config);
  const writesSince = async (before: number) => (await sim.writes()).slice(before).map((r) => `${r.method} ${r.path.replace("/api/v1", "")}`);

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());
  beforeEach(async () => {
    await sim.reset();
    resetForTests();
    config = { "kantata:apiToken": ADMIN_TOKEN, "kantata:baseUrl": sim.url, "kantata:maxRetries": "3" };
  });

  it("requires startDate, a real ISO date, at check, naming the field and the fix", async () => {
    const missing = await hooks().check({}, { userId: FREE_USER, holidayCalendarId: UK });
    expect(missing.failures).to.deep.equal([{ property: "startDate", reason: `HolidayCalendarMembership requires startDate. Fix: set startDate to a date such as "2027-01-01".` }]);
    for (const startDate of ["2027-02-30", "01/02/2027", 20270101, "2027-1-1"]) {
      const { failures } = await hooks().check({}, { userId: FREE_USER, holidayCalendarId: UK, startDate });
      expect(failures.map((f: { property: string }) => f.property), String(startDate)).to.deep.equal(["startDate"]);
      expect(failures[0].reason).to.contain("must be an ISO date (YYYY-MM-DD)");
    }
    expect(await sim.requests()).to.deep.equal([]);
  });

  it("creates with the start date in the one POST; the end date is derived from the user's next start", async () => {
    const p = hooks();
    const first = await p.create({ userId: FREE_USER, holidayCalendarId: US, startDate: "2026-01-01" });
    expect(first.outs).to.include({ userId: FREE_USER, holidayCalendarId: US, startDate: "2026-01-01", adopted: false });
    expect(first.outs.endDate).to.equal(undefined);
    const second = await p.create({ userId: FREE_USER, holidayCalendarId: UK, startDate: "2026-07-01" });
    expect(second.outs.endDate).to.equal(undefined);
    expect(await writesSince(0)).to.deep.equal(["POST /holiday_calendar_memberships", "POST /holiday_calendar_memberships"]);
    const refreshed = await p.read(first.id, first.outs);
    expect(refreshed.props.endDate).to.equal("2026-06-30");
    // A derived end date is an output only: it never shows as a change.
    expect(await p.diff(first.id, refreshed.props, { userId: FREE_USER, holidayCalendarId: US, startDate: "2026-01-01" })).to.deep.include({ changes: false, replaces: [] });
  });

  it("plans at preview: adopt the user's membership of that start date, else create one, saying why", async () => {
    const [existing] = await sim.memberships("holiday_calendar_memberships", "by_user_id=1");
    const adopt = await hooks().check({}, { userId: 1, holidayCalendarId: Number(existing.holiday_calendar_id), startDate: existing.start_date, kantataPreview: true });
    expect(adopt.inputs.plannedAction).to.include({ action: "adopt", membershipId: Number(existing.id), writes: 0 });
    const create = await hooks().check({}, { userId: FREE_USER, holidayCalendarId: UK, startDate: "2027-01-01", kantataPreview: true });
    expect(create.inputs.plannedAction).to.deep.include({
      action: "create",
      message: "will create the membership (1 write): user 500 has no holiday calendar membership with startDate 2027-01-01",
    });
    expect(await sim.writes()).to.deep.equal([]);
  });

  it("moves a membership to another calendar, or another start date, in place with one PUT", async () => {
    const p = hooks();
    const { id, outs } = await p.create({ userId: FREE_USER, holidayCalendarId: US, startDate: "2026-01-01" });
    const moved = { userId: FREE_USER, holidayCalendarId: GERMANY, startDate: "2026-03-01" };
    expect(await p.diff(id, outs, moved)).to.deep.include({ changes: true, replaces: [] });
    expect((await p.diff(id, outs, { ...moved, userId: FREE_USER + 1 })).replaces).to.deep.equal(["userId"]);
    const before = (await sim.writes()).length;
    const { outs: after } = await p.update(id, outs, moved);
    expect(after).to.include(moved);
    expect(await writesSince(before)).to.deep.equal([`PUT /holiday_calendar_memberships/${id}`]);
  });

  it("adopts the user's membership of the same start date, moving it to the declared calendar with one PUT", async () => {
    const [existing] = await sim.memberships("holiday_calendar_memberships", "by_user_id=1");
    const other = Number(existing.holiday_calendar_id) === UK ? GERMANY : UK;
    const { id, outs } = await hooks().create({ userId: 1, holidayCalendarId: other, startDate: existing.start_date });
    expect(id).to.equal(existing.id);
    expect(outs).to.include({ adopted: true, holidayCalendarId: other });
    expect(await writesSince(0)).to.deep.equal([`PUT /holiday_calendar_memberships/${existing.id}`]);
  });

  it("never deletes a membership another resource of the program declares (same user and start date)", async () => {
    const p = hooks();
    const { id, outs } = await p.create({ userId: FREE_USER, holidayCalendarId: US, startDate: "2026-01-01" });
    // The program now declares the same membership under another resource name (with another calendar).
    await p.check({}, { userId: FREE_USER, holidayCalendarId: UK, startDate: "2026-01-01" });
    const before = (await sim.writes()).length;
    await p.delete(id, outs);
    expect(await writesSince(before)).to.deep.equal([]);
    expect(await sim.memberships("holiday_calendar_memberships", `by_user_id=${FREE_USER}`)).to.have.length(1);
  });
});
