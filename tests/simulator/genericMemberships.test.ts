import { expect } from "chai";
import { call, control, useSimulator } from "./helpers";

/**
 * The routes the simulator makes from a descriptor alone (SkillMembership and
 * HolidayCalendarMembership): filters as the descriptor says (one id or a list), the
 * descriptor's rules as 422s, bulk only where the API has it, derived dates.
 */
describe("simulator: membership types served from their descriptors", () => {
  const sim = useSimulator();
  const send = (method: string, path: string, body?: unknown) => call(sim(), method, path, body === undefined ? {} : { body });
  const messages = (body: { errors: { message: string }[] }) => body.errors.map((e) => e.message);

  describe("/skill_memberships", () => {
    it("filters by a list of users (user_ids) and a list of skills (by_skill_ids)", async () => {
      const one = await send("GET", "/skill_memberships?user_ids=7&per_page=200");
      const two = await send("GET", "/skill_memberships?user_ids=10&per_page=200");
      const both = await send("GET", "/skill_memberships?user_ids=7,10&per_page=200");
      expect(one.body.count + two.body.count).to.equal(both.body.count).and.be.greaterThan(1);
      const skills = await send("GET", "/skill_memberships?by_skill_ids=1,2&per_page=200");
      const rows = skills.body.results.map((r: { id: string }) => skills.body.skill_memberships[r.id]);
      expect(new Set(rows.map((r: { skill_id: string }) => r.skill_id))).to.deep.equal(new Set(["1", "2"]));
    });

    it("refuses documented filters it does not imitate with a 400 naming them", async () => {
      const { status, body } = await send("GET", "/skill_memberships?by_skill_name=Python");
      expect(status).to.equal(400);
      expect(JSON.stringify(body)).to.contain("by_skill_name");
    });

    it("stores level 0 when a create leaves it out, and refuses a level above the skill's max_level", async () => {
      const created = await send("POST", "/skill_memberships", { skill_membership: { user_id: 500, skill_id: 2 } });
      expect(created.status).to.equal(200);
      expect(Object.values(created.body.skill_memberships)[0]).to.include({ level: 0, cached_skill_name: "Python", max_level: 5 });
      const above = await send("POST", "/skill_memberships", { skill_membership: { user_id: 500, skill_id: 8, level: 2 } });
      expect(above.status).to.equal(422);
      expect(messages(above.body)).to.deep.equal(["Level must be less than or equal to 1"]);
      const range = await send("POST", "/skill_memberships", { skill_membership: { user_id: 501, skill_id: 2, level: 6 } });
      expect(range.status).to.equal(422);
    });

    it("refuses a second membership of the same user and skill, and a user's 201st skill", async () => {
      const original = (await control(sim(), "GET", "state")).body.account;
      await send("POST", "/skill_memberships", { skill_membership: { user_id: 500, skill_id: 2 } });
      const again = await send("POST", "/skill_memberships", { skill_membership: { user_id: 500, skill_id: 2 } });
      expect(again.status).to.equal(422);
      const fixture = { ...original };
      fixture.skills = Array.from({ length: 201 }, (_, i) => ({ id: i + 1, name: `Skill ${i + 1}`, max_level: 5 }));
      fixture.skill_memberships = Array.from({ length: 200 }, (_, i) => ({ id: 70001 + i, user_id: 500, skill_id: i + 1, level: 1, created_at: fixture.clock_start }));
      const loaded = await control(sim(), "POST", "fixture", fixture);
      expect(loaded.status, loaded.text).to.equal(200);
      const over = await send("POST", "/skill_memberships", { skill_membership: { user_id: 500, skill_id: 201 } });
      expect(over.status).to.equal(422);
      expect(messages(over.body)).to.deep.equal(["User cannot have more than 200 of these"]);
      await control(sim(), "POST", "fixture", original);
    });

    it("takes a bulk of up to 200 rows under the plural key, and refuses 201", async () => {
      const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ user_id: 300 + i, skill_id: 3, level: 2 }));
      const ok = await send("POST", "/skill_memberships", { skill_memberships: rows(200) });
      expect(ok.status).to.equal(200);
      expect(ok.body.count).to.equal(200);
      const tooMany = await send("POST", "/skill_memberships", { skill_memberships: rows(201) });
      expect(tooMany.status).to.equal(422);
    });

    it("changes only the level with a PUT (user and skill stay)", async () => {
      const created = await send("POST", "/skill_memberships", { skill_membership: { user_id: 500, skill_id: 2, level: 1 } });
      const id = created.body.results[0].id;
      const put = await send("PUT", `/skill_memberships/${id}`, { skill_membership: { level: 4, skill_id: 3, user_id: 9 } });
      expect(put.body.skill_memberships[id]).to.include({ level: 4, skill_id: "2", user_id: "500" });
      expect((await send("GET", `/skill_memberships/${id}`)).body.skill_memberships[id]).to.include({ level: 4 });
    });
  });

  describe("/holiday_calendar_memberships", () => {
    it("reads by_user_id=A,B as user A only, as Rails' to_i does", async () => {
      const a = await send("GET", "/holiday_calendar_memberships?by_user_id=1");
      const both = await send("GET", "/holiday_calendar_memberships?by_user_id=1,2");
      expect(a.body.count).to.be.greaterThan(0);
      expect(both.body.results).to.deep.equal(a.body.results);
    });

    it("has no bulk create: a plural body is a 400", async () => {
      const { status } = await send("POST", "/holiday_calendar_memberships", {
        holiday_calendar_memberships: [{ user_id: 500, holiday_calendar_id: 1, start_date: "2026-01-01" }],
      });
      expect(status).to.equal(400);
    });

    it("requires a start date, refuses a second membership of one user from the same date, and derives end dates", async () => {
      const blank = await send("POST", "/holiday_calendar_memberships", { holiday_calendar_membership: { user_id: 500, holiday_calendar_id: 1 } });
      expect(messages(blank.body)).to.deep.equal(["Start date can't be blank"]);
      const first = await send("POST", "/holiday_calendar_memberships", { holiday_calendar_membership: { user_id: 500, holiday_calendar_id: 1, start_date: "2026-01-01" } });
      const same = await send("POST", "/holiday_calendar_memberships", { holiday_calendar_membership: { user_id: 500, holiday_calendar_id: 2, start_date: "2026-01-01" } });
      expect(same.status).to.equal(422);
      await send("POST", "/holiday_calendar_memberships", { holiday_calendar_membership: { user_id: 500, holiday_calendar_id: 2, start_date: "2026-03-01" } });
      const id = first.body.results[0].id;
      const read = await send("GET", `/holiday_calendar_memberships/${id}`);
      expect(read.body.holiday_calendar_memberships[id]).to.include({ start_date: "2026-01-01", end_date: "2026-02-28" });
      const list = await send("GET", "/holiday_calendar_memberships?by_user_id=500");
      expect(list.body.results.map((r: { id: string }) => list.body.holiday_calendar_memberships[r.id].start_date)).to.deep.equal(["2026-03-01", "2026-01-01"]);
    });

    it("moves a membership to another calendar in place with a PUT", async () => {
      const first = await send("POST", "/holiday_calendar_memberships", { holiday_calendar_membership: { user_id: 500, holiday_calendar_id: 1, start_date: "2026-01-01" } });
      const id = first.body.results[0].id;
      const put = await send("PUT", `/holiday_calendar_memberships/${id}`, { holiday_calendar_membership: { holiday_calendar_id: 3 } });
      expect(put.body.holiday_calendar_memberships[id]).to.include({ holiday_calendar_id: "3" });
      const byCalendar = await send("GET", "/holiday_calendar_memberships?by_holiday_calendar_id=3&per_page=200");
      expect(byCalendar.body.results.map((r: { id: string }) => r.id)).to.include(id);
    });
  });

  describe("groups", () => {
    it("lists skills and holiday calendars by name, filtered by matching", async () => {
      const skills = await send("GET", "/skills?matching=cert");
      expect(skills.body.results.map((r: { id: string }) => skills.body.skills[r.id].name)).to.deep.equal(["AWS Certified Solutions Architect", "PMP Certification"]);
      const calendars = await send("GET", "/holiday_calendars");
      expect(calendars.body.count).to.equal(4);
    });
  });
});
