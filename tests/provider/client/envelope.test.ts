import { expect } from "chai";
import { z } from "zod";
import { envelopeSchema, parseEnvelope, recordsOf, sourceOf } from "../../../provider/client/envelope";
import { KantataResponseShapeError } from "../../../provider/client/errors";

const record = z.looseObject({ id: z.string(), user_id: z.union([z.string(), z.number()]).transform(Number) });
const source = { method: "GET" as const, path: "/access_group_memberships" };

function body(results: Array<{ key: string; id: string | number }>, maps: Record<string, Record<string, unknown>>) {
  return { count: results.length, results, ...maps, meta: { count: results.length, page_count: 1, page_number: 1, page_size: 200 } };
}

async function shapeError(fn: () => unknown): Promise<KantataResponseShapeError> {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(KantataResponseShapeError);
    return err as KantataResponseShapeError;
  }
  throw new Error("expected a KantataResponseShapeError");
}

describe("envelopeSchema", () => {
  it("normalizes result ids to strings and keeps the maps", () => {
    const parsed = envelopeSchema.parse(body([{ key: "users", id: 5 }], { users: { "5": { id: "5" } } }));
    expect(parsed.results).to.deep.equal([{ key: "users", id: "5" }]);
    expect(parsed.users).to.deep.equal({ "5": { id: "5" } });
    expect(parsed.meta?.page_count).to.equal(1);
  });

  it("accepts an envelope without meta (a create may send none)", () => {
    expect(envelopeSchema.safeParse({ count: 0, results: [] }).success).to.equal(true);
  });
});

describe("recordsOf", () => {
  it("returns the records in the order of results, not of the map", () => {
    const b = body(
      [
        { key: "access_group_memberships", id: "3" },
        { key: "access_group_memberships", id: "1" },
        { key: "access_group_memberships", id: "2" },
      ],
      { access_group_memberships: { "1": { id: "1", user_id: "11" }, "2": { id: "2", user_id: 12 }, "3": { id: "3", user_id: "13" } } },
    );
    expect(recordsOf(b, "access_group_memberships", record, source).map((r) => r.id)).to.deep.equal(["3", "1", "2"]);
  });

  it("parses each record with the schema (string or number foreign keys alike)", () => {
    const b = body([{ key: "access_group_memberships", id: "1" }, { key: "access_group_memberships", id: "2" }], {
      access_group_memberships: { "1": { id: "1", user_id: "11" }, "2": { id: "2", user_id: 12 } },
    });
    expect(recordsOf(b, "access_group_memberships", record, source)).to.deep.equal([
      { id: "1", user_id: 11 },
      { id: "2", user_id: 12 },
    ]);
  });

  it("accepts numeric ids in results and finds the record under the string key", () => {
    const b = body([{ key: "access_group_memberships", id: 7 }], { access_group_memberships: { "7": { id: "7", user_id: 1 } } });
    expect(recordsOf(b, "access_group_memberships", record, source)).to.deep.equal([{ id: "7", user_id: 1 }]);
  });

  it("ignores other keys in results and side-loaded records of the same type", () => {
    const b = body([{ key: "users", id: "11" }, { key: "access_group_memberships", id: "1" }], {
      access_group_memberships: { "1": { id: "1", user_id: "11" }, "99": { id: "99", user_id: "not a number either way" } },
      users: { "11": { id: "11", full_name: "Ann" } },
    });
    expect(recordsOf(b, "access_group_memberships", record, source).map((r) => r.id)).to.deep.equal(["1"]);
  });

  it("returns nothing for an empty list", () => {
    expect(recordsOf({ count: 0, results: [], meta: { count: 0, page_count: 0, page_number: 0, page_size: 200 } }, "x", record, source)).to.deep.equal([]);
  });

  describe("shape errors", () => {
    it("throws when the body is not an envelope, naming the request", async () => {
      for (const bad of ["<html>", undefined, { results: "nope" }, { count: 1, results: [{ key: "x" }] }]) {
        const err = await shapeError(() => recordsOf(bad, "x", record, { ...source, status: 200, requestId: "r7" }));
        expect(err.message).to.match(/^Kantata API 200 response has an unexpected shape: GET \/access_group_memberships; request id r7\n/);
        expect(err.status).to.equal(200);
      }
    });

    it("throws when results names a record the map does not hold", async () => {
      const err = await shapeError(() => recordsOf(body([{ key: "x", id: "1" }], {}), "x", record, source));
      expect(err.issues[0]?.path).to.deep.equal(["x", "1"]);
      expect(err.message).to.contain("results lists x 1 but the map has no such record");
    });

    it("reports every record that does not fit, with paths from the body's root", async () => {
      const b = body([{ key: "x", id: "1" }, { key: "x", id: "2" }, { key: "x", id: "3" }], {
        x: { "1": { id: "1", user_id: "5" }, "2": { id: 2, user_id: "5" }, "3": { id: "3" } },
      });
      const err = await shapeError(() => recordsOf(b, "x", record, source));
      expect(err.issues.map((i) => i.path)).to.deep.equal([
        ["x", "2", "id"],
        ["x", "3", "user_id"],
      ]);
      expect(err.message).to.contain("→ at x.2.id");
    });
  });
});

describe("parseEnvelope and sourceOf", () => {
  it("name the response's request, status and request id in the error", async () => {
    const response = { status: 201, headers: { "x-request-id": "abc" }, body: [], request: { method: "POST" as const, path: "/y" } };
    expect(sourceOf(response)).to.deep.equal({ method: "POST", path: "/y", status: 201, requestId: "abc" });
    const err = await shapeError(() => parseEnvelope(response.body, sourceOf(response)));
    expect(err.requestId).to.equal("abc");
    expect(err.method).to.equal("POST");
  });
});
