import { expect } from "chai";
import { call, records, useSimulator } from "./helpers";

describe("simulator: response envelope and query conventions", () => {
  const sim = useSimulator();

  describe("envelope shape", () => {
    it("sends count, results, the primary map, meta, then include maps, in that key order", async () => {
      const { body } = await call(sim(), "GET", "/access_group_memberships?include=user,access_group&per_page=3");
      expect(Object.keys(body)).to.deep.equal(["count", "results", "access_group_memberships", "meta", "users", "access_groups"]);
      expect(body.results).to.have.length(3);
      for (const r of body.results) expect(r).to.deep.equal({ key: "access_group_memberships", id: r.id });
    });

    it("keys every object by its id, and every id and foreign key is a string", async () => {
      const { body } = await call(sim(), "GET", "/access_group_memberships?per_page=5");
      for (const [key, record] of Object.entries<Record<string, unknown>>(body.access_group_memberships)) {
        expect(record.id).to.equal(key);
        expect(record.user_id).to.be.a("string");
        expect(record.access_group_id).to.be.a("string");
        expect(record.creator_id).to.be.a("string");
      }
    });

    it("reports the total count, page_count = ceil(count / page_size) and the page", async () => {
      const { body } = await call(sim(), "GET", "/users?on_my_account=true");
      expect(body.count).to.equal(2000);
      expect(body.meta).to.deep.equal({ count: 2000, page_count: 100, page_number: 1, page_size: 20 });
      expect(body.results).to.have.length(20);
    });

    it("answers with JSON, an X-Request-Id uuid and no caching", async () => {
      const { headers } = await call(sim(), "GET", "/workspace_groups");
      expect(headers.get("content-type")).to.equal("application/json; charset=utf-8");
      expect(headers.get("x-request-id")).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(headers.get("cache-control")).to.equal("no-cache, no-store");
    });
  });

  describe("pagination", () => {
    it("answers an empty list with count 0, page_count 0, page_number 0 and an empty map", async () => {
      const { body } = await call(sim(), "GET", "/access_group_memberships?user_id=999999");
      expect(body).to.deep.equal({
        count: 0,
        results: [],
        access_group_memberships: {},
        meta: { count: 0, page_count: 0, page_number: 0, page_size: 20 },
      });
    });

    it("returns the remainder on the last page", async () => {
      const { body } = await call(sim(), "GET", "/users?on_my_account=true&per_page=300&page=10");
      expect(body.meta).to.deep.equal({ count: 2000, page_count: 10, page_number: 10, page_size: 200 });
      expect(body.results).to.have.length(200);
      const last = await call(sim(), "GET", "/users?on_my_account=true&per_page=30&page=67");
      expect(last.body.meta.page_count).to.equal(67);
      expect(last.body.results).to.have.length(2000 - 30 * 66);
    });

    it("returns no results past the last page but still reports the count", async () => {
      const { body } = await call(sim(), "GET", "/workspace_groups?page=5");
      expect(body.count).to.equal(8);
      expect(body.results).to.deep.equal([]);
      expect(body.meta).to.deep.equal({ count: 8, page_count: 1, page_number: 5, page_size: 20 });
    });

    it("clamps per_page above 200 to 200", async () => {
      const { body } = await call(sim(), "GET", "/users?on_my_account=true&per_page=1000");
      expect(body.meta.page_size).to.equal(200);
      expect(body.results).to.have.length(200);
    });

    it("reads per_page below 1 (or not a number) as 20 and page below 1 as 1", async () => {
      for (const query of ["per_page=0&page=0", "per_page=-5&page=-2", "per_page=abc&page=xyz"]) {
        const { body } = await call(sim(), "GET", `/users?on_my_account=true&${query}`);
        expect(body.meta, query).to.deep.equal({ count: 2000, page_count: 100, page_number: 1, page_size: 20 });
      }
    });

    it("walks the pages in a stable order without gaps or repeats", async () => {
      const ids: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const { body } = await call(sim(), "GET", `/workspace_groups?per_page=3&page=${page}`);
        ids.push(...body.results.map((r: { id: string }) => r.id));
      }
      const all = await call(sim(), "GET", "/workspace_groups");
      expect(ids).to.deep.equal(all.body.results.map((r: { id: string }) => r.id));
    });

    it("uses limit and offset instead of the page when both are given", async () => {
      const all = await call(sim(), "GET", "/access_group_memberships?per_page=10");
      const { body } = await call(sim(), "GET", "/access_group_memberships?limit=3&offset=2");
      expect(body.results).to.deep.equal(all.body.results.slice(2, 5));
      expect(body.count).to.equal(all.body.count);
    });

    it("ignores limit without offset (and offset without limit)", async () => {
      const paged = await call(sim(), "GET", "/access_group_memberships?limit=3");
      expect(paged.body.results).to.have.length(20);
      const offsetOnly = await call(sim(), "GET", "/access_group_memberships?offset=3");
      expect(offsetOnly.body.results[0]).to.deep.equal(paged.body.results[0]);
    });
  });

  describe("only=", () => {
    it("returns exactly the given ids, without pagination", async () => {
      const { body } = await call(sim(), "GET", "/users?on_my_account=true&only=5,3,1&per_page=1&page=3");
      expect(body.results.map((r: { id: string }) => r.id).sort()).to.deep.equal(["1", "3", "5"]);
      expect(body.count).to.equal(3);
      // As Brainstem does: meta still echoes the page parameters, but nothing was cut.
      expect(body.meta).to.deep.equal({ count: 3, page_count: 3, page_number: 3, page_size: 1 });
    });

    it("never 404s for missing ids and drops non-numeric ones", async () => {
      const { status, body } = await call(sim(), "GET", "/workspace_groups?only=2,abc,999999");
      expect(status).to.equal(200);
      expect(body.results).to.deep.equal([{ key: "workspace_groups", id: "2" }]);
    });

    it("accepts the Rails array form only[]=", async () => {
      const { body } = await call(sim(), "GET", "/workspace_groups?only[]=2&only[]=3");
      expect(body.count).to.equal(2);
    });

    it("still applies the endpoint's filters", async () => {
      const { body } = await call(sim(), "GET", "/access_group_memberships?only=10001");
      expect(body.count, "membership 10001 is user 1's Account Administrators membership, hidden").to.equal(0);
    });
  });

  describe("include=", () => {
    it("side-loads each included association under its own key", async () => {
      const { body } = await call(sim(), "GET", "/user_group_memberships?include=user,workspace_group&per_page=5");
      for (const m of records(body, "user_group_memberships")) {
        expect(body.users[m.user_id].id).to.equal(m.user_id);
        expect(body.workspace_groups[m.workspace_group_id].id).to.equal(m.workspace_group_id);
      }
    });

    it("sends an empty map for an include with no data", async () => {
      const { body } = await call(sim(), "GET", "/user_group_memberships?include=user&user_ids=999999");
      expect(body.users).to.deep.equal({});
    });

    it("ignores unknown include names", async () => {
      const { status, body } = await call(sim(), "GET", "/workspace_groups?include=nonsense");
      expect(status).to.equal(200);
      expect(body).not.to.have.property("nonsense");
    });
  });

  describe("paths and parameters", () => {
    it("accepts the optional .json suffix on lists and on single records", async () => {
      const list = await call(sim(), "GET", "/workspace_groups.json");
      expect(list.body.count).to.equal(8);
      const one = await call(sim(), "GET", "/workspace_groups/3.json");
      expect(one.body.results).to.deep.equal([{ key: "workspace_groups", id: "3" }]);
      const me = await call(sim(), "GET", "/users/me.json");
      expect(me.body.results[0].id).to.equal("1");
    });

    it("ignores unknown query parameters", async () => {
      const plain = await call(sim(), "GET", "/workspace_groups");
      const extra = await call(sim(), "GET", "/workspace_groups?frobnicate=yes&sort=desc");
      expect(extra.body).to.deep.equal(plain.body);
    });

    it("falls back to the default order for an unknown order field", async () => {
      const plain = await call(sim(), "GET", "/workspace_groups");
      const bad = await call(sim(), "GET", "/workspace_groups?order=shoe_size:desc");
      expect(bad.body.results).to.deep.equal(plain.body.results);
    });
  });
});
