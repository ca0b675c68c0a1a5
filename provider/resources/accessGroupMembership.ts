import * as pulumi from "@pulumi/pulumi";
import { accessGroupMembership as descriptor } from "../descriptors";
import { MembershipResource, typeToken } from "./membershipResource";

/** Arguments of an {@link AccessGroupMembership}. */
export interface AccessGroupMembershipArgs {
  /** The Kantata user id (a number, or a string of digits). Changing it replaces the membership. */
  userId: pulumi.Input<number | string>;
  /** The Kantata access group id. Changing it replaces the membership. */
  accessGroupId: pulumi.Input<number | string>;
  /**
   * When the user is already in the group, take that membership over instead of failing.
   * Changing it makes no API request. @default true
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Every property of an {@link AccessGroupMembership}, all optional (for `get`). */
export interface AccessGroupMembershipState {
  userId?: pulumi.Input<number | string>;
  accessGroupId?: pulumi.Input<number | string>;
  adoptExisting?: pulumi.Input<boolean>;
}

/**
 * A user's membership of a Kantata OX **Access Group** (product access).
 *
 * Kantata has no way to move a membership, so a change of `userId` or `accessGroupId` deletes
 * the old membership and then creates the new one.
 *
 * > **Note** The seven Account Default groups (Account Administrators, Reports Viewer, …) follow
 * > the account permission and cannot be joined or left through memberships; Kantata refuses it.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * new kantata.AccessGroupMembership("ops-admins", { userId: 101, accessGroupId: 7 });
 * ```
 *
 * ## Adopting existing memberships
 * Declare the membership and run `pulumi up`: when the user is already in the group, the
 * existing membership is adopted (output `adopted: true`) with no write request. Set
 * `adoptExisting: false` to fail instead. `AccessGroupMembership.get(name, id)` reads one by its
 * Kantata id without managing it. (`pulumi import` does not work for dynamic resources.)
 */
export class AccessGroupMembership extends MembershipResource {
  /** @internal */
  public static readonly __pulumiType = typeToken(descriptor);

  /** True when `obj` is an AccessGroupMembership, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is AccessGroupMembership {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === AccessGroupMembership.__pulumiType;
  }

  /** Reads an existing membership by its Kantata id, without managing it. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: AccessGroupMembershipState, opts?: pulumi.CustomResourceOptions): AccessGroupMembership {
    return new AccessGroupMembership(name, state as AccessGroupMembershipArgs, { ...opts, id });
  }

  /** The Kantata user id. */
  declare public readonly userId: pulumi.Output<number>;
  /** The Kantata access group id. */
  declare public readonly accessGroupId: pulumi.Output<number>;
  /** Whether an existing membership may be adopted on create. */
  declare public readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** Name of the access group. */
  declare public readonly accessGroupName: pulumi.Output<string | undefined>;
  /** Id of the user who added the member. */
  declare public readonly creatorId: pulumi.Output<number | undefined>;
  /** When the membership was created. */
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  /** True when create took over a membership that already existed. */
  declare public readonly adopted: pulumi.Output<boolean>;

  /** Declares that a user belongs to an access group. */
  constructor(name: string, args: AccessGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    super(descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}
