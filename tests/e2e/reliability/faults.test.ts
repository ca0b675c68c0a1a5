import { expect } from "chai";
import { ADMIN_TOKEN } from "../../helpers/simulator";
import { describeExactness } from "../../../scripts/reliability/harness";
import { DOWN_SETTINGS, FaultScenario, OutageScenario, type OutageFigures, type PhaseFigures } from "../../../scripts/reliability/scenarios";

/** The simulator holds exactly the declared memberships beyond its fixture, and the state holds their ids. */
function expectExact(p: PhaseFigures): void {
  const why = `${p.phase}: ${describeExactness(p.exactness)}`;
  expect(p.exactness.missing, why).to.deep.equal([]);
  expect(p.exactness.duplicates, why).to.deep.equal([]);
  expect(p.exactness.strays, why).to.deep.equal([]);
  expect(p.exactness.wrongCanEdit, why).to.deep.equal([]);
  expect(p.exactness.fixtureLost, why).to.deep.equal([]);
  expect(p.exactness.stateWrong, why).to.deep.equal([]);
  expect(p.exactness.stateExtra, why).to.deep.equal([]);
  expect(p.exactness.pendingOperations, why).to.equal(0);
  expect(p.exact, why).to.equal(true);
}

function expectSucceeded(p: PhaseFigures): void {
  expect(p.exitCode, `${p.phase} failed:\n${p.output.slice(-4000)}`).to.equal(0);
}

/** Requests whose write happened on the server but whose answer the client never got. */
const lostAnswers = (p: PhaseFigures, method: string) =>
  Object.entries(p.faults)
    .filter(([kind]) => kind.endsWith(`after ${method}`))
    .reduce((n, [, v]) => n + v, 0);

describe("reliability under API faults (real engine, seeded simulator faults)", function () {
  // Each step drives the real engine over hundreds of resources; the figures script reports the times.
  this.timeout(600_000);

  describe("a stack of 300 memberships of mixed types, run with --parallel 50 under 503s, 429 storms, dropped connections and answers slower than the client timeout", () => {
    let s: FaultScenario;

    before(async () => {
      s = await FaultScenario.start();
    });
    after(async () => {
      await s?.close();
    });

    it("creates all 300 with pulumi up: each declared membership exists once, nothing else was added, and the state holds the live ids", async () => {
      const p = await s.createAll();
      expectSucceeded(p);
      expect(p.exactness.declared).to.equal(300);
      expect(p.exactness.live).to.equal(300);
      expect(p.exactness.inState).to.equal(300);
      expectExact(p);
      // The faults did happen: 503s, 429 storms, and creates that happened but whose answer was lost.
      expect(p.faults["503 before"]).to.be.greaterThan(0);
      expect(p.faults["429 storm (Retry-After)"]).to.be.greaterThan(0);
      expect(lostAnswers(p, "POST")).to.be.greaterThan(0);
      expect(p.faultedShare).to.be.greaterThan(0.2);
    });

    it("applies a change of 100 (40 canEdit flips, 30 memberships moved to other users, 30 removed) exactly", async () => {
      const p = await s.changeSome();
      expectSucceeded(p);
      expect(p.exactness.declared).to.equal(270);
      expectExact(p);
      expect(p.requests.byMethod.PUT).to.be.greaterThanOrEqual(40);
      expect(p.requests.byMethod.DELETE).to.be.greaterThanOrEqual(60);
      expect(p.faults["503 before"]).to.be.greaterThan(0);
    });

    it("destroys the stack: none of its memberships is left, the rest of the account is untouched, the state is empty", async () => {
      const p = await s.destroyAll();
      expectSucceeded(p);
      expect(p.exactness.live).to.equal(0);
      expect(p.exactness.inState).to.equal(0);
      expectExact(p);
      // Deletes that happened but whose answer was lost were retried and found gone (404 = done).
      expect(lostAnswers(p, "DELETE")).to.be.greaterThan(0);
      expect(p.requests.byStatus["404"] ?? 0).to.be.greaterThan(0);
    });
  });

  describe("when the API goes down during pulumi up (503 on everything, kantata:maxRetries 2)", () => {
    let s: OutageScenario;
    let down: OutageFigures;

    before(async () => {
      s = await OutageScenario.start();
    });
    after(async () => {
      await s?.close();
    });

    it("fails the up with errors that name the resource, the attempts and the time spent, and never the token", async () => {
      down = await s.upWhileDown();
      expect(down.exitCode, down.output.slice(-3000)).to.not.equal(0);
      expect(down.failedResources).to.be.greaterThan(0);
      expect(down.output).to.match(/Kantata failed creating (AccessGroupMembership|UserGroupMembership|InsightsAccessGroupMembership) \(user \d+, [a-zA-Z ]+ \d+\)/);
      expect(down.output).to.contain("503 Service Unavailable");
      expect(down.gaveUp.length).to.be.greaterThan(0);
      const attempts = DOWN_SETTINGS.maxRetries + 1;
      for (const phrase of down.gaveUp) {
        expect(phrase).to.match(new RegExp(`^gave up after ${attempts} attempt\\(s\\) over \\d+\\.\\d s \\(retry limit of ${DOWN_SETTINGS.maxRetries} reached\\)$`));
      }
      expect(down.tokenInOutput).to.equal(false);
      expect(down.output).to.not.contain(ADMIN_TOKEN);
    });

    it("stops after a bounded number of attempts: at most maxRetries + 1 tries of each lookup and create per failed resource", () => {
      const attempts = DOWN_SETTINGS.maxRetries + 1;
      // Each failed create makes at most `attempts` rounds of (lookup ≤ attempts tries, one POST, canEdit PUT ≤ attempts tries).
      expect(down.requestsWhileDown).to.be.greaterThan(0);
      expect(down.requestsWhileDown).to.be.at.most(down.failedResources * attempts * (2 * attempts + 1));
    });

    it("keeps in state only what exists, with its live id, and duplicates nothing", () => {
      const e = down.exactness;
      expect(e.duplicates).to.deep.equal([]);
      expect(e.fixtureLost).to.deep.equal([]);
      expect(e.stateExtra).to.deep.equal([]);
      expect(e.stateWrong.filter((w) => !w.endsWith(": not in state"))).to.deep.equal([]);
      expect(e.strays).to.deep.equal([]);
      expect(e.inState).to.be.greaterThan(0);
      expect(e.inState).to.be.lessThan(e.declared);
      // What exists beyond the state (a create whose POST went through and whose canEdit PUT then met the outage) is declared.
      expect(e.live - e.inState).to.equal(down.stranded.length);
    });

    it("finishes the job exactly with a later pulumi up once the API is back, adopting what the failed run created", async () => {
      const p = await s.upAfterRecovery();
      expectSucceeded(p);
      expect(p.exactness.live).to.equal(60);
      expectExact(p);
      for (const id of down.stranded) expect(p.adoptedIds, `membership ${id}`).to.include(id);
      expect(p.requests.byStatus["422"] ?? 0).to.equal(0);
    });
  });
});
