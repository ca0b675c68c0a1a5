import { expect } from "chai";
import { describeExactness } from "../../../scripts/reliability/harness";
import { CrashScenario, type CrashFigures, type KillFigures } from "../../../scripts/reliability/scenarios";

/** 1,000 memberships: 400 user-group, 400 access-group, 200 Insights. */
const STACK_1000 = { userGroup: 400, accessGroup: 400, insights: 200 };

/**
 * The large-stack mode, `PULUMI_SKIP_CHECKPOINTS=true`: the engine writes the state once, at the
 * end of an up, so a kill in the middle leaves none of that up in the state, while hundreds of its
 * creates have reached Kantata. The recovery the README documents — `pulumi cancel --yes` (the
 * file backend keeps the killed update's lock), then `pulumi up` — adopts every one of them.
 */
describe("crash recovery in the large-stack mode: pulumi up of 1,000 killed with SIGKILL, PULUMI_SKIP_CHECKPOINTS=true", function () {
  this.timeout(900_000);

  let s: CrashScenario;
  let kill: KillFigures;
  let result: CrashFigures;

  before(async () => {
    s = await CrashScenario.start(undefined, { shape: STACK_1000, skipCheckpoints: true, name: "rellarge" });
  });
  after(async () => {
    await s?.close();
  });

  it("a kill once 500 memberships exist leaves them on Kantata and none of them in the state", async () => {
    kill = await s.killAndRecover(500);
    expect(kill.atCreated).to.be.at.least(500);
    expect(kill.liveAtKill).to.be.within(500, 999);
    expect(kill.inStateAtKill).to.equal(0);
    expect(kill.survivors).to.deep.equal([]);
    expect(kill.wasLocked).to.equal(true);
    expect(kill.orphans.length).to.equal(kill.liveAtKill);
  });

  it("the next pulumi up converges on exactly the declared 1,000: every orphan adopted, none duplicated, none lost", async () => {
    result = await s.finish();
    const f = result.final;
    expect(f.exitCode, f.output.slice(-4000)).to.equal(0);
    expect(f.exactness.live).to.equal(1000);
    expect(f.exactness.inState).to.equal(1000);
    expect(f.duplicates, describeExactness(f.exactness)).to.equal(0);
    expect(f.lost, describeExactness(f.exactness)).to.equal(0);
    expect(result.orphansNotAdopted).to.deep.equal([]);
    expect(result.orphansAdopted).to.equal(kill.orphans.length);
    expect(result.conflicts).to.equal(0);
    console.log(`      killed after ${kill.atCreated} creates (${(kill.wallMs / 1000).toFixed(1)} s with recovery); final up ${(f.wallMs / 1000).toFixed(1)} s, adopted ${result.orphansAdopted}`);
  });
});
