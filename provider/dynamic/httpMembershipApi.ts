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
  // Lookups and verifications in flight: the creates among them come to the create stage next,
  // so a bulk stays open for them (see `upstream` in batcher.ts).
  let upstream = 0;
  async function onTheWay<T>(work: Promise<T>): Promise<T> {
    upstream++;
    try {
      return await work;
    } finally {
      if (--upstream === 0) writes.poke();
    }
  }
  const reads = createMembershipReads(d, client, windowMs, announcements.expected("lookup"));
  const writes = createMembershipWrites(d, client, windowMs, announcements.expected("create"), () => upstream);
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
    findByUser: (userId, groupId, options) => onTheWay(reads.findByUser(userId, groupId, options)),
    listGroup: reads.listGroup,
    get: reads.get,
    verify: (userId, groupId, fields) => onTheWay(targets.verify(userId, groupId, fields)),
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
