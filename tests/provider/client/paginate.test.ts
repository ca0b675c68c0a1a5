import { expect } from "chai";
import { z } from "zod";
import { KantataResponseShapeError } from "../../../provider/client/errors";
import { listAll, paginate, type Page } from "../../../provider/client/paginate";
import type { KantataRequest } from "../../../provider/client/types";
import { scriptedSend, type Step } from "./helpers/scriptedSend";

const record = z.looseObject({ id: z.string() });
const list: KantataRequest = { method: "GET", path: "/user_group_memberships", query: { user_ids: [5] } };

/** A page of `ids` out of `count` records in `pageCount` pages. */
function page(ids: string[], pageNumber: number, pageCount: number, count: number): Step {
  return {
    status: 200,
    body: {
      count,
      results: ids.map((id) => ({ key: "user_group_memberships", id })),
      user_group_memberships: Object.fromEntries(ids.map((id) => [id, { id }])),
      meta: { count, page_count: pageCount, page_number: pageNumber, page_size: 200 },
    },
  };
}

async function collect(it: AsyncGenerator<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  for await (const p of it) pages.push(p);
  return pages;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("paginate", () => {
  it("asks for page 1, 2, 3 with per_page=200, keeping the filters, until meta.page_count", async () => {
    const send = scriptedSend([page(["1"], 1, 3, 3), page(["2"], 2, 3, 3), page(["3"], 3, 3, 3)]);
    const pages = await collect(paginate(send, list));
    expect(send.log).to.deep.equal([
      "GET /user_group_memberships?user_ids=5&page=1&per_page=200",
      "GET /user_group_memberships?user_ids=5&page=2&per_page=200",
      "GET /user_group_memberships?user_ids=5&page=3&per_page=200",
    ]);
    expect(pages.map((p) => [p.pageNumber, p.pageCount])).to.deep.equal([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("makes one request for an empty list (page_count 0)", async () => {
    const send = scriptedSend([page([], 0, 0, 0)]);
    const pages = await collect(paginate(send, list));
    expect(pages).to.have.length(1);
    expect(pages[0]!.envelope.results).to.deep.equal([]);
    expect(send.log).to.have.length(1);
  });

  it("stops at an empty page even if page_count promised more", async () => {
    const send = scriptedSend([page(["1"], 1, 5, 5), page([], 2, 5, 5)]);
    expect(await collect(paginate(send, list))).to.have.length(2);
    expect(send.remaining()).to.equal(0);
  });

  it("takes a smaller perPage", async () => {
    const send = scriptedSend([page(["1"], 1, 1, 1)]);
    await collect(paginate(send, list, { perPage: 50 }));
    expect(send.log).to.deep.equal(["GET /user_group_memberships?user_ids=5&page=1&per_page=50"]);
  });

  it("sends an only= request once, without page or per_page, since the API does not paginate it", async () => {
    const send = scriptedSend([page(["4", "9"], 1, 1, 2)]);
    const pages = await collect(paginate(send, { method: "GET", path: "/user_group_memberships", query: { only: [4, 9] } }));
    expect(send.log).to.deep.equal(["GET /user_group_memberships?only=4,9"]);
    expect(pages).to.have.length(1);
  });

  it("refuses more than 200 ids in only=", async () => {
    const ids = Array.from({ length: 201 }, (_, i) => i + 1);
    const send = scriptedSend([]);
    const err = await rejection(collect(paginate(send, { method: "GET", path: "/x", query: { only: ids } })));
    expect(err).to.be.instanceOf(RangeError);
    expect(send.log).to.deep.equal([]);
  });

  it("throws a shape error for a list without meta", async () => {
    const send = scriptedSend([{ status: 200, body: { count: 0, results: [] } }]);
    const err = await rejection(collect(paginate(send, list)));
    expect(err).to.be.instanceOf(KantataResponseShapeError);
    expect((err as Error).message).to.contain("→ at meta");
  });
});

describe("listAll", () => {
  it("collects every record over all pages, in order", async () => {
    const send = scriptedSend([page(["3", "1"], 1, 2, 3), page(["2"], 2, 2, 3)]);
    const records = await listAll(send, list, "user_group_memberships", record, { maxItems: 3 });
    expect(records.map((r) => r.id)).to.deep.equal(["3", "1", "2"]);
  });

  it("throws before fetching more pages when count exceeds maxItems", async () => {
    const send = scriptedSend([page(["1"], 1, 3, 3), page(["2"], 2, 3, 3), page(["3"], 3, 3, 3)]);
    const err = await rejection(listAll(send, list, "user_group_memberships", record, { maxItems: 2 }));
    expect(err).to.be.instanceOf(RangeError);
    expect((err as Error).message).to.equal("GET /user_group_memberships lists 3 user_group_memberships, more than maxItems 2");
    expect(send.log).to.have.length(1);
  });

  it("throws when the records outgrow maxItems even if count said otherwise", async () => {
    const send = scriptedSend([page(["1", "2"], 1, 2, 2), page(["3"], 2, 2, 2)]);
    const err = await rejection(listAll(send, list, "user_group_memberships", record, { maxItems: 2 }));
    expect(err).to.be.instanceOf(RangeError);
  });

  it("returns an empty array for an empty list", async () => {
    expect(await listAll(scriptedSend([page([], 0, 0, 0)]), list, "user_group_memberships", record, { maxItems: 10 })).to.deep.equal([]);
  });
});
