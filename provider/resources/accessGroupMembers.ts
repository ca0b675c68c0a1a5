import * as pulumi from "@pulumi/pulumi";
import { accessGroupMembership as descriptor } from "../descriptors";
import { GroupMembersResource } from "./groupMembersResource";
import { typeToken } from "./membershipResource";

const TYPE = "AccessGroupMembers";

/** Arguments of a {@link AccessGroupMembers}. */
export interface AccessGroupMembersArgs {
  /** The Kantata access group id. Changing it replaces the resource. */
  accessGroupId: pulumi.Input<number | string>;
  /** Every user of the group (Kantata user ids; each once). Changing it updates in place. */
  userIds: pulumi.Input<pulumi.Input<number | string>[]>;
  /**
   * Remove members who are in the group but not in `userIds`. Without it, such members make
   * create and update fail with an error that lists them. @default false
   */
  removeUnlistedMembers?: pulumi.Input<boolean>;
}

/**
 * A Kantata OX **access group with exactly these users** (authoritative).
 *
 * A change of `userIds` is an in-place update: the preview's diff of the sorted list shows who
 * joins and who leaves; `pulumi up` adds joiners with one request each (the API has no bulk create here) and removes
 * leavers with one request each. Refresh reads the whole group (200 members per request): members who left
 * outside Pulumi drop out of `userIds` (the next up brings them back), members who joined
 * outside Pulumi appear in `unlistedMemberIds` and stay until the program lists them or sets
 * `removeUnlistedMembers: true`. Destroy removes the listed users.
 *
 * > **Note** The Account Default groups follow account permissions: Kantata refuses joins and
 * > leaves there, and the Account Administrators group is never listed.
 *
 * > **Note** Do not mix this resource with `AccessGroupMembership`s of the same group in one
 * > program: that is detected and refused, because the two would undo each other.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * new kantata.AccessGroupMembers("finance-reviewers", { accessGroupId: 11, userIds: [6, 7, 25] });
 * ```
 */
export class AccessGroupMembers extends GroupMembersResource {
  /** @internal */
  public static readonly __pulumiType = typeToken({ typeName: TYPE });

  /** True when `obj` is a AccessGroupMembers, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is AccessGroupMembers {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === AccessGroupMembers.__pulumiType;
  }

  /** The Kantata access group id. */
  declare public readonly accessGroupId: pulumi.Output<number>;

  /** Declares that an access group has exactly these users. */
  constructor(name: string, args: AccessGroupMembersArgs, opts?: pulumi.CustomResourceOptions) {
    super(TYPE, descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}
