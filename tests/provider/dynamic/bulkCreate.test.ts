import { expect } from "chai";
import { createClient } from "../../../provider/client";
import { userGroupMembership } from "../../../provider/descriptors";
import { httpMembershipApi } from "../../../provider/dynamic/httpMembershipApi";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../../helpers/simulator";

/**
 * Bulk creates (user group memberships, up to 100 per POST): rows that arrive together share one
 * POST, and when Kantata refuses a whole bulk because of some rows, only those rows fail and the
 * good rows are sent again.
 */
describe("bulk creates through the membership API", () => {
  let sim: TestSimulator;
  const api = () => httpMembershipApi(userGroupMembership, () => createClient({ baseUrl: sim.url, token: () => ADMIN_TOKEN }), () => 20);
  const freeUsers = async (group: number, count: number) => {
    const members = new Set((await sim.memberships("user_group_memberships", `group_ids=${group}`)).map((m) => Number(m.user_id)));
    const users: number[] = [];
    for (let u = 1001; users.length < count; u++) if (!members.has(u)) users.push(u);
    return users;
  };

  before(async () => (sim = await startTestSimulator()));
  after(async () => sim.close());

  {
    it("sends the good rows of a bulk refused for one bad row again, and fails that row alone", async () => {
      await sim.reset();
      await sim.control("PUT", "options", { bulkMode: "all-or-nothing" });
      const [a, b] = await freeUsers(5, 2);
      const membershipApi = api();
      const results = await Promise.allSettled([a, 999999, b].map((u) => membershipApi.create(u, 5)));
      expect(results.map((r) => r.status)).to.deep.equal(["fulfilled", "rejected", "fulfilled"]);
      expect(String((results[1] as PromiseRejectedResult).reason.message)).to.match(/user/i);
      const live = await sim.memberships("user_group_memberships", `group_ids=5&user_ids=${a},${b}`);
      expect(live.map((m) => Number(m.user_id)).sort()).to.deep.equal([a, b].sort());
      const posts = (await sim.writes()).filter((w) => w.method === "POST");
      // The refused bulk, then the good rows again.
      expect(posts).to.have.length(2);
    });
  }
});
