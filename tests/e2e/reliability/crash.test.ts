import { expect } from "chai";
import { describeExactness } from "../../../scripts/reliability/harness";
import { CrashScenario, type CrashFigures, KILL_AFTER_CREATED, type KillFigures } from "../../../scripts/reliability/scenarios";

describe("crash recovery: pulumi killed with SIGKILL in the middle of an up of 300 memberships", function () {
  // Each step drives the real engine over hundreds of resources; the figures script reports the times.
  this.timeout(600_000);

  let s: CrashScenario;
  const kills: KillFigures[] = [];
  let result: CrashFigures;

  before(async () => {
    s = await CrashScenario.start();
  });
  after(async () => {
    await s?.close();
  });

  // Recovery is what Pulumi documents for an interrupted update: `pulumi cancel --yes` (the file
  // backend keeps the killed update's lock), then `pulumi refresh --clear-pending-creates`, then
  // `pulumi up`. One more step is sometimes needed, and is recorded in the figures: a kill that
  // lands while the file backend rewrites a checkpoint's `.attrs` sidecar leaves it empty, and
  // the CLI then fails with "failed to load checkpoint: EOF" until it is deleted
  // (`Harness.runRepairing`). That is the backend's, not the provider's.
  KILL_AFTER_CREATED.forEach((point, i) => {
    it(`crash ${i + 1}, once ${point} memberships exist: no engine or provider process survives, and cancel + refresh --clear-pending-creates recover the stack without dropping a resource`, async () => {
      const k = await s.killAndRecover(point);
      kills.push(k);
      expect(k.processesKilled.some((c) => c.includes("cmd/dynamic-provider")), k.processesKilled.join(", ")).to.equal(true);
      expect(k.processesKilled.some((c) => c === "pulumi")).to.equal(true);
      expect(k.survivors).to.deep.equal([]);
      expect(s.h.stackProcesses()).to.deep.equal([]);
      // The file backend keeps the lock of the killed update; `pulumi cancel` releases it.
      expect(k.wasLocked).to.equal(true);
      expect(k.cancelOutput).to.match(/has been canceled/);
      // The kill interrupted creates in flight, and refresh kept every recorded resource that exists.
      expect(k.pendingAtKill).to.be.greaterThan(0);
      expect(k.liveAtKill).to.be.lessThan(300);
      expect(k.droppedByRefresh).to.equal(0);
    });
  });

  it("converges on the next up to exactly the declared 300: none missing, none duplicated, none lost from state", async () => {
    result = await s.finish();
    const f = result.final;
    expect(f.exitCode, f.output.slice(-4000)).to.equal(0);
    expect(f.exactness.live).to.equal(300);
    expect(f.exactness.inState).to.equal(300);
    expect(f.duplicates, describeExactness(f.exactness)).to.equal(0);
    expect(f.lost, describeExactness(f.exactness)).to.equal(0);
    expect(f.exact, describeExactness(f.exactness)).to.equal(true);
  });

  it("adopts every membership created on the server whose create never reached state, with no 422 conflict", () => {
    const orphans = kills.flatMap((k) => k.orphans);
    expect(orphans.length, "no kill left a membership outside the state; the scenario tested nothing").to.be.greaterThan(0);
    expect(result.orphansNotAdopted).to.deep.equal([]);
    expect(result.orphansAdopted).to.equal(new Set(orphans).size);
    expect(result.conflicts).to.equal(0);
    expect(result.final.output).to.match(/adopted existing membership \d+/);
  });

  it("leaves no process of the stack running", () => {
    expect(s.h.stackProcesses()).to.deep.equal([]);
  });
});
