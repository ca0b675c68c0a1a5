/**
 * Lookups: find a user by email and a group by name, in the Pulumi style of a promise form
 * (`getUser`) and an `Output` form (`getUserOutput`). Each kind is read once per program run and
 * every lookup of that kind is answered from that read.
 */
export { getUser, getUserOutput, type GetUserArgs, type GetUserOutputArgs, type GetUserResult } from "./getUser";
export { getAccessGroup, getAccessGroupOutput, type GetAccessGroupArgs, type GetAccessGroupOutputArgs, type GetAccessGroupResult } from "./getAccessGroup";
export {
  getInsightsAccessGroup,
  getInsightsAccessGroupOutput,
  type GetInsightsAccessGroupArgs,
  type GetInsightsAccessGroupOutputArgs,
  type GetInsightsAccessGroupResult,
} from "./getInsightsAccessGroup";
export { getWorkspaceGroup, getWorkspaceGroupOutput, type GetWorkspaceGroupArgs, type GetWorkspaceGroupOutputArgs, type GetWorkspaceGroupResult } from "./getWorkspaceGroup";
export type { LookupOptions } from "./settings";
export { clearLookupCache } from "./collection";
export {
  KantataLookupError,
  KantataLookupArgumentError,
  KantataLookupNotFoundError,
  KantataLookupAmbiguousError,
  KantataLookupReadError,
  isKantataLookupError,
  type LookupCandidate,
} from "./errors";
