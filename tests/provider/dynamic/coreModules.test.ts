import { expect } from "chai";
import { KantataClient, withErrors } from "../../../provider/client";
import { accessGroupMembership, userGroupMembership } from "../../../provider/descriptors";
import { createMembershipReads } from "../../../provider/dynamic/membershipReads";
import { createMembershipWrites } from "../../../provider/dynamic/membershipWrites";
import { createTargetChecks } from "../../../provider/dynamic/targetChecks";
import { scriptedSend, ScriptedSend, Step } from "../client/helpers/scriptedSend";

type Row = Record<string, unknown> & { id: number };

/** A Kantata envelope of `rows` under `key`, one page. */
function page(key: string, rows: Row[]): Step {
  const byId = Object.fromEntries(rows.map((r) => [String(r.id), { ...r, id: String(r.id) }]));
  return { status: 200, body: { count: rows.length, results: rows.map((r) => ({ key, id: String(r.id) })), [key]: byId, meta: { count: rows.length, page_count: rows.length ? 1 : 0, page_number: rows.length ? 1 : 0, page_size: 200 } } };
}

/** A client over a scripted Send, with the errors layer (so a 422 becomes its error). */
function clientOf(send: ScriptedSend): () => KantataClient {
  const client = { send: withErrors(send), tokenFingerprint: () => "fingerprint" } as unknown as KantataClient;
  return () => client;
}
const noWindow = () => 1;

describe("the membership API's modules, each on a scripted Send", () => {
  describe("reads (membershipReads.ts)", () => {
    it("answers lookups that arrive together with one list request filtered by all their users", async () => {
      const send = scriptedSend([page("user_group_memberships", [{ id: 1, user_id: 5, workspace_group_id: 7 }, { id: 2, user_id: 6, workspace_group_id: 8 }])]);
      const reads = createMembershipReads(userGroupMembership, clientOf(send), noWindow);
      const [a, b, c] = await Promise.all([reads.findByUser(5, 7), reads.findByUser(6, 7), reads.findByUser(6, 8)]);
      expect([a.map((r) => r.id), b.map((r) => r.id), c.map((r) => r.id)]).to.deep.equal([[1], [], [2]]);
      expect(send.log).to.deep.equal(["GET /user_group_memberships?user_ids=5,6&group_ids=7,8&page=1&per_page=200"]);
    });

    it("reads ids that arrive together with one only= request", async () => {
      const send = scriptedSend([page("access_group_memberships", [{ id: 3, user_id: 5, access_group_id: 11 }])]);
      const reads = createMembershipReads(accessGroupMembership, clientOf(send), noWindow);
      const [found, gone] = await Promise.all([reads.get(3), reads.get(4)]);
      expect(found?.id).to.equal(3);
      expect(gone).to.equal(undefined);
      expect(send.log).to.deep.equal(["GET /access_group_memberships?only=3,4"]);
    });

    it("answers the lookups of announced new memberships from one read of their group, and applies its own writes to it", async () => {
      const send = scriptedSend([page("access_group_memberships", [{ id: 3, user_id: 5, access_group_id: 11 }])]);
      const reads = createMembershipReads(accessGroupMembership, clientOf(send), noWindow);
      reads.expectNew(11);
      reads.expectNew(11);
      expect((await reads.findByUser(5, 11)).map((r) => r.id)).to.deep.equal([3]);
      expect(await reads.findByUser(6, 11)).to.deep.equal([]);
      reads.written({ id: 9, user_id: 6, access_group_id: 11 });
      reads.removed(3);
      expect((await reads.findByUser(6, 11)).map((r) => r.id)).to.deep.equal([9]);
      expect(await reads.findByUser(5, 11)).to.deep.equal([]);
      expect(send.log).to.deep.equal(["GET /access_group_memberships?access_group_id=11&page=1&per_page=200"]);
    });
  });

  describe("target checks (targetChecks.ts)", () => {
    const me = (permission: string) => page("users", [{ id: 1, account_permission: permission }]);
    const respond = (byPath: Record<string, Step>): Step[] =>
      Array.from({ length: 3 }, () => (request: { path: string }) => {
        const step = byPath[request.path] as { status: number; body: unknown };
        return { status: step.status, headers: {}, body: step.body, request } as never;
      });

    it("passes a known user and a custom group, reading users, groups and the token's user once for creates that arrive together", async () => {
      const send = scriptedSend(respond({ "/users/me": me("administrator"), "/users": page("users", [{ id: 5 }, { id: 6 }]), "/access_groups": page("access_groups", [{ id: 11, name: "Finance" }]) }));
      const checks = createTargetChecks(accessGroupMembership, clientOf(send), noWindow);
      await Promise.all([checks.verify(5, 11), checks.verify(6, 11)]);
      expect([...send.log].sort()).to.deep.equal(["GET /access_groups?only=11", "GET /users/me", "GET /users?on_my_account=true&only=5,6"]);
    });

    for (const [what, byPath, message] of [
      ["an unknown user", { "/users/me": me("administrator"), "/users": page("users", []), "/access_groups": page("access_groups", [{ id: 11, name: "Finance" }]) }, "user 5 is not on this Kantata account"],
      ["an Account Default group", { "/users/me": me("administrator"), "/users": page("users", [{ id: 5 }]), "/access_groups": page("access_groups", [{ id: 11, name: "Reports Viewer", is_account_default: true }]) }, "is an Account Default group"],
      ["a token that is not an administrator's", { "/users/me": me("collaborator"), "/users": page("users", [{ id: 5 }]), "/access_groups": page("access_groups", [{ id: 11, name: "Finance" }]) }, "whose account permission is collaborator"],
    ] as const) {
      it(`refuses ${what}, saying so with the fix`, async () => {
        const checks = createTargetChecks(accessGroupMembership, clientOf(scriptedSend(respond(byPath as Record<string, Step>))), noWindow);
        let error: Error | undefined;
        await checks.verify(5, 11).catch((e) => (error = e));
        expect(error?.message).to.contain(message).and.contain("Fix:");
      });
    }
  });

  describe("writes (membershipWrites.ts)", () => {
    it("matches a bulk answer to its rows by user and group, not by position", async () => {
      const send = scriptedSend([page("user_group_memberships", [{ id: 21, user_id: 6, workspace_group_id: 7 }, { id: 20, user_id: 5, workspace_group_id: 7 }])]);
      const writes = createMembershipWrites(userGroupMembership, clientOf(send), noWindow);
      const [a, b] = await Promise.all([writes.create(5, 7), writes.create(6, 7)]);
      expect([a.id, b.id]).to.deep.equal([20, 21]);
      expect(send.requests[0].body).to.deep.equal({ user_group_memberships: [{ user_id: 5, workspace_group_id: 7 }, { user_id: 6, workspace_group_id: 7 }] });
    });

    it("sends the good rows of a bulk refused for some rows again, failing only the bad ones with their own message", async () => {
      const refused: Step = { status: 422, body: { errors: [{ type: "validation", message: "User does not exist", field: "user_id", index: 1 }] } };
      const send = scriptedSend([refused, page("user_group_memberships", [{ id: 30, user_id: 5, workspace_group_id: 7 }, { id: 31, user_id: 7, workspace_group_id: 7 }])]);
      const writes = createMembershipWrites(userGroupMembership, clientOf(send), noWindow);
      const results = await Promise.allSettled([writes.create(5, 7), writes.create(999, 7), writes.create(7, 7)]);
      expect(results.map((r) => r.status)).to.deep.equal(["fulfilled", "rejected", "fulfilled"]);
      expect(String((results[1] as PromiseRejectedResult).reason.message)).to.contain("User does not exist");
      expect(send.requests.map((r) => (r.body as { user_group_memberships: { user_id: number }[] }).user_group_memberships.map((x) => x.user_id))).to.deep.equal([
        [5, 999, 7],
        [5, 7],
      ]);
    });

    it("counts a DELETE answered 404 as already gone", async () => {
      const send = scriptedSend([{ status: 404, body: { errors: [{ type: "system", message: "not found" }] } }]);
      const writes = createMembershipWrites(accessGroupMembership, clientOf(send), noWindow);
      expect(await writes.remove(3)).to.equal(false);
    });
  });
});
