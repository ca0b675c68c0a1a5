import { expect } from "chai";
import { createScopeSnapshots, ScopeRead } from "../../../provider/dynamic/scopeSnapshots";
import { ApiRecord } from "../../../provider/dynamic/membershipApi";

const rec = (id: number, user: number, group: number): ApiRecord => ({ id, user_id: user, group_id: group });

/** A scripted whole read: each scope's records and page count, with a log of reads. */
function scripted(scopes: Record<string, { records: ApiRecord[]; pages?: number }>) {
  const reads: { scope: string; maxPages: number }[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const read = async (scope: string, maxPages: number): Promise<ScopeRead> => {
    reads.push({ scope, maxPages });
    if (hold) await new Promise<void>((r) => (release = r));
    const s = scopes[scope];
    const pages = s.pages ?? 1;
    return pages > maxPages ? { pages } : { records: s.records.map((r) => ({ ...r })) };
  };
  return { reads, read, holdReads: () => (hold = true), releaseRead: () => release?.() };
}

const belongs = (scope: string, r: ApiRecord) => String(r.group_id) === scope;

describe("scope snapshots (whole reads of a group shared by lookups)", () => {
  it("reads nothing for a scope in which check announced no new membership", async () => {
    const s = scripted({ "8": { records: [rec(1, 5, 8)] } });
    const snapshots = createScopeSnapshots({ read: s.read, belongs });
    expect(await snapshots.records("8")).to.equal(undefined);
    expect(s.reads).to.deep.equal([]);
  });

  it("answers every lookup of a scope with one read, allowing a page per announced membership", async () => {
    const s = scripted({ "8": { records: [rec(1, 5, 8), rec(2, 6, 8)], pages: 2 } });
    const snapshots = createScopeSnapshots({ read: s.read, belongs });
    snapshots.expect("8");
    snapshots.expect("8");
    const answers = await Promise.all([1, 2, 3].map(() => snapshots.records("8")));
    expect(answers.map((a) => a?.map((r) => r.id))).to.deep.equal([[1, 2], [1, 2], [1, 2]]);
    expect(s.reads).to.deep.equal([{ scope: "8", maxPages: 2 }]);
  });

  it("gives up on a scope with more pages than announced memberships, and does not read it again until enough are announced", async () => {
    const s = scripted({ "8": { records: [rec(1, 5, 8)], pages: 3 } });
    const snapshots = createScopeSnapshots({ read: s.read, belongs });
    snapshots.expect("8");
    expect(await snapshots.records("8")).to.equal(undefined);
    expect(await snapshots.records("8")).to.equal(undefined);
    expect(s.reads).to.have.length(1);
    snapshots.expect("8");
    snapshots.expect("8");
    expect((await snapshots.records("8"))?.map((r) => r.id)).to.deep.equal([1]);
    expect(s.reads).to.have.length(2);
  });

  it("applies this process's own creates and deletes, also to a read still in flight", async () => {
    const s = scripted({ "8": { records: [rec(1, 5, 8), rec(2, 6, 8)] }, "9": { records: [] } });
    const snapshots = createScopeSnapshots({ read: s.read, belongs });
    snapshots.expect("8");
    snapshots.expect("9");
    await snapshots.records("9");
    s.holdReads();
    const inFlight = snapshots.records("8");
    await new Promise((r) => setImmediate(r));
    snapshots.removed(1);
    snapshots.written(rec(3, 7, 8));
    snapshots.written(rec(4, 7, 9));
    s.releaseRead();
    expect((await inFlight)?.map((r) => r.id)).to.deep.equal([2, 3]);
    expect((await snapshots.records("9"))?.map((r) => r.id)).to.deep.equal([4]);
    snapshots.removed(2);
    expect((await snapshots.records("8"))?.map((r) => r.id)).to.deep.equal([3]);
  });

  it("reads a scope again once its snapshot is older than the time to live", async () => {
    let now = 0;
    const s = scripted({ "8": { records: [rec(1, 5, 8)] } });
    const snapshots = createScopeSnapshots({ read: s.read, belongs, ttlMs: 1000, now: () => now });
    snapshots.expect("8");
    await snapshots.records("8");
    now = 999;
    await snapshots.records("8");
    expect(s.reads).to.have.length(1);
    now = 1000;
    await snapshots.records("8");
    expect(s.reads).to.have.length(2);
  });

  it("forgets a failed read, so the next lookup reads again", async () => {
    let fail = true;
    const snapshots = createScopeSnapshots({
      read: async () => {
        if (fail) throw new Error("503");
        return { records: [rec(1, 5, 8)] };
      },
      belongs,
    });
    snapshots.expect("8");
    let error: unknown;
    await snapshots.records("8")!.catch((e) => (error = e));
    expect(String(error)).to.contain("503");
    fail = false;
    expect((await snapshots.records("8"))?.map((r) => r.id)).to.deep.equal([1]);
  });
});
