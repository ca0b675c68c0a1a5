import { MembershipDescriptor } from "../descriptors";
import { KantataClient } from "../client";
import { MembershipApi } from "./membershipApi";
import { createAnnouncements } from "./announcements";
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
  const announcements = createAnnouncements(() => {
    reads.poke();
    targets.poke();
    writes.poke();
  });
  const reads = createMembershipReads(d, client, windowMs, announcements.expected("lookup"));
  const writes = createMembershipWrites(d, client, windowMs, announcements.expected("create"));
  const targets = createTargetChecks(d, client, windowMs, announcements.expected("verify"));
  return {
    descriptor: d,
    expectNew(userId, groupId) {
      announcements.announce(1, true);
      reads.expectNew(groupId);
      targets.expect(userId, groupId);
    },
    expectCreates: (count) => announcements.announce(count, false),
    skip: (stages, count = 1) => announcements.skip(stages, count),
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
