import { MembershipDescriptor } from "../descriptors";
import { KantataClient } from "../client";
import { CreateStage, MembershipApi } from "./membershipApi";
import { createMembershipReads } from "./membershipReads";
import { createMembershipWrites } from "./membershipWrites";
import { createTargetChecks } from "./targetChecks";

export { TargetError } from "./targetChecks";

/**
 * The MembershipApi of one type over the HTTP client, driven by the type's descriptor: read
 * coalescing (`membershipReads.ts`), target verification (`targetChecks.ts`) and writes
 * (`membershipWrites.ts`), each its own module. The writes of this process are applied to the
 * reads' snapshots, so a lookup never answers from a group read older than this process's own
 * create or delete.
 */
export function httpMembershipApi(d: MembershipDescriptor, client: () => KantataClient, windowMs: () => number = () => 50): MembershipApi {
  // Creates announced so far (by check, by a replacing diff, by an authoritative resource's joins):
  // once as many have reached a batching stage, it flushes without waiting for more.
  // Each stage expects the announced creates that have not been said to skip it.
  let announced = 0;
  const skipped: Record<CreateStage, number> = { lookup: 0, verify: 0, create: 0 };
  const expected = (stage: CreateStage) => () => announced - skipped[stage];
  const reads = createMembershipReads(d, client, windowMs, expected("lookup"));
  const writes = createMembershipWrites(d, client, windowMs, expected("create"));
  const targets = createTargetChecks(d, client, windowMs, expected("verify"));
  return {
    descriptor: d,
    expectNew(userId, groupId) {
      announced++;
      reads.expectNew(groupId);
      targets.expect(userId, groupId);
    },
    expectCreates(count) {
      announced += count;
    },
    skip(stages, count = 1) {
      for (const stage of stages) skipped[stage] += count;
      reads.poke();
      targets.poke();
      writes.poke();
    },
    findByUser: reads.findByUser,
    listGroup: reads.listGroup,
    get: reads.get,
    verify: targets.verify,
    async create(userId, groupId, fields) {
      const record = await writes.create(userId, groupId, fields);
      reads.written(record);
      return record;
    },
    async update(id, fields) {
      const record = await writes.update(id, fields);
      reads.written(record);
      return record;
    },
    async remove(id) {
      const removed = await writes.remove(id);
      reads.removed(id);
      return removed;
    },
  };
}
