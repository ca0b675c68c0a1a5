import { MembershipDescriptor } from "../descriptors";

/** The stages an announced create passes through, each batched with the creates beside it. */
export type CreateStage = "lookup" | "verify" | "create";

/** One membership as the API returns it, normalised by the descriptor's record schema. */
export type ApiRecord = Record<string, unknown> & { id: number; user_id: number };

/**
 * What the generic provider needs from the API for one membership type. The implementation
 * over the HTTP client lives in `httpMembershipApi.ts`; tests may pass a fake.
 */
export interface MembershipApi {
  readonly descriptor: MembershipDescriptor;
  /**
   * Every membership of this user (and of this group when given), across all pages. Answered
   * from a recent whole read of the group (see `scopeSnapshots.ts`) unless `fresh`; `now` skips
   * the batching window (for a caller the engine calls one at a time, such as `check`).
   */
  findByUser(userId: number, groupId?: number, options?: { fresh?: boolean; now?: boolean }): Promise<ApiRecord[]>;
  /** Tells the API that `check` saw this membership new to the stack (a lookup, and maybe a create, will follow). */
  expectNew(userId: number, groupId: number): void;
  /** Tells the API that `count` more creates will follow at once (a replacement's, an authoritative resource's joins). */
  expectCreates(count: number): void;
  /**
   * Tells the API that `count` announced creates will not reach these stages (adopted, refused, or
   * failed before them; an authoritative resource's joins look nothing up), so batches of those
   * stages stop waiting for them.
   */
  skip(stages: CreateStage[], count?: number): void;
  /** Every membership of one group, across all pages. */
  listGroup(groupId: number): Promise<ApiRecord[]>;
  /** One membership by its id, or `undefined` when it does not exist. */
  get(id: number): Promise<ApiRecord | undefined>;
  /**
   * Reads, before a write, whether the user and the group exist, the group can be joined
   * through memberships, the token's user is an Account Administrator, and no field is above the
   * group's cap (a skill's `max_level`); throws an error
   * that says which and the fix. Reads are shared with other creates in flight.
   */
  verify(userId: number, groupId: number, fields?: Record<string, unknown>): Promise<void>;
  /** Creates one membership, with the fields (API keys) the create body carries: one write (or one share of a bulk write). */
  create(userId: number, groupId: number, fields?: Record<string, unknown>): Promise<ApiRecord>;
  /** Sets updatable fields (API keys) with one PUT. */
  update(id: number, fields: Record<string, unknown>): Promise<ApiRecord>;
  /** Deletes one membership; resolves `false` when it was already gone. */
  remove(id: number): Promise<boolean>;
}
