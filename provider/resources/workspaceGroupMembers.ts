import * as pulumi from "@pulumi/pulumi";
import { userGroupMembership as descriptor } from "../descriptors";
import { GroupMembersResource } from "./groupMembersResource";
import { typeToken } from "./membershipResource";

const TYPE = "WorkspaceGroupMembers";

/** Arguments of a {@link WorkspaceGroupMembers}. */
export interface WorkspaceGroupMembersArgs {
  /** The Kantata workspace group id. Changing it replaces the resource. */
  workspaceGroupId: pulumi.Input<number | string>;
  /** Every user of the group (Kantata user ids; each once). Changing it updates in place. */
  userIds: pulumi.Input<pulumi.Input<number | string>[]>;
  /**
   * Remove members who are in the group but not in `userIds`. Without it, such members make
   * create and update fail with an error that lists them. @default false
   */
  removeUnlistedMembers?: pulumi.Input<boolean>;
}

/**
 * A Kantata OX **workspace group with exactly these users** (authoritative).
 *
 * A change of `userIds` is an in-place update: the preview's diff of the sorted list shows who
 * joins and who leaves; `pulumi up` adds joiners with bulk requests of up to 100 and removes
 * leavers with one request each. Refresh reads the whole group (200 members per request): members who left
 * outside Pulumi drop out of `userIds` (the next up brings them back), members who joined
 * outside Pulumi appear in `unlistedMemberIds` and stay until the program lists them or sets
 * `removeUnlistedMembers: true`. Destroy removes the listed users.
 *
 * > **Note** Do not mix this resource with `UserGroupMembership`s of the same group in one
 * > program: that is detected and refused, because the two would undo each other.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * new kantata.WorkspaceGroupMembers("engineering", { workspaceGroupId: 5, userIds: [6, 7, 25] });
 * ```
 */
export class WorkspaceGroupMembers extends GroupMembersResource {
  /** @internal */
  public static readonly __pulumiType = typeToken({ typeName: TYPE });

  /** True when `obj` is a WorkspaceGroupMembers, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is WorkspaceGroupMembers {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === WorkspaceGroupMembers.__pulumiType;
  }

  /** The Kantata workspace group id. */
  declare public readonly workspaceGroupId: pulumi.Output<number>;

  /** Declares that a workspace group has exactly these users. */
  constructor(name: string, args: WorkspaceGroupMembersArgs, opts?: pulumi.CustomResourceOptions) {
    super(TYPE, descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}
