import { MembershipDescriptor, recordSchema } from "../descriptors";
import { KantataClient, recordsOf, sourceOf, listAll } from "../client";
import { ApiRecord, MembershipApi } from "./membershipApi";

/** A user's memberships of one type number in the tens at most; this guards against a runaway list. */
const MAX_PER_USER = 10_000;

/** The MembershipApi of one type over the HTTP client, driven by the type's descriptor. */
export function httpMembershipApi(d: MembershipDescriptor, client: () => KantataClient): MembershipApi {
  const schema = recordSchema(d);
  const one = (body: unknown, res: Parameters<typeof sourceOf>[0]): ApiRecord => {
    const [record] = recordsOf(body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[];
    if (!record) throw new Error(`Kantata answered ${res.request.method} ${res.request.path} without a ${d.objectKey}`);
    return record;
  };

  return {
    descriptor: d,

    async findByUser(userId, groupId) {
      const query: Record<string, string | number> = { [d.filters.user]: userId };
      if (groupId !== undefined) query[d.filters.group] = groupId;
      const records = (await listAll(client().send, { method: "GET", path: d.path, query }, d.collectionKey, schema, { maxItems: MAX_PER_USER })) as ApiRecord[];
      // Filter again locally: a filter the server ignored must never make us adopt the wrong record.
      return records.filter((r) => r.user_id === userId && (groupId === undefined || r[d.group.api] === groupId));
    },

    async get(id) {
      if (d.readById === "show") {
        try {
          const res = await client().send({ method: "GET", path: `${d.path}/${id}` });
          return one(res.body, res);
        } catch (err) {
          if ((err as { status?: number }).status === 404) return undefined;
          throw err;
        }
      }
      const res = await client().send({ method: "GET", path: d.path, query: { only: id } });
      return (recordsOf(res.body, d.collectionKey, schema, sourceOf(res)) as ApiRecord[]).find((r) => r.id === id);
    },

    async create(userId, groupId) {
      const res = await client().send({
        method: "POST",
        path: d.path,
        body: { [d.objectKey]: { user_id: userId, [d.group.api]: groupId } },
      });
      return one(res.body, res);
    },

    async update(id, fields) {
      const res = await client().send({ method: "PUT", path: `${d.path}/${id}`, body: { [d.objectKey]: fields } });
      return one(res.body, res);
    },

    async remove(id) {
      try {
        await client().send({ method: "DELETE", path: `${d.path}/${id}` });
        return true;
      } catch (err) {
        if ((err as { status?: number }).status === 404) return false;
        throw err;
      }
    },
  };
}
