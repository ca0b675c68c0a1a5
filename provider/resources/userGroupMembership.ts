import * as pulumi from "@pulumi/pulumi";
import { userGroupMembership as descriptor } from "../descriptors";
import { MembershipResource, typeToken } from "./membershipResource";

/** Arguments of a {@link UserGroupMembership}. */
export interface UserGroupMembershipArgs {
  /** The Kantata user id (a number, or a string of digits). Changing it replaces the membership. */
  userId: pulumi.Input<number | string>;
  /** The Kantata workspace group id. Changing it replaces the membership. */
  workspaceGroupId: pulumi.Input<number | string>;
  /**
   * When the user is already in the group, take that membership over instead of failing.
   * Changing it makes no API request. @default true
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Every property of a {@link UserGroupMembership}, all optional (for `get`). */
export interface UserGroupMembershipState {
  userId?: pulumi.Input<number | string>;
  workspaceGroupId?: pulumi.Input<number | string>;
  adoptExisting?: pulumi.Input<boolean>;
}

/**
 * A user's membership of a Kantata OX **Workspace Group** (a user group).
 *
 * The API has no update and no read by id: a change of user or group replaces the membership
 * (delete first), and refresh reads it through the list endpoint. Creates that the engine runs
 * at the same time are sent together as bulk requests of up to 100.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * new kantata.UserGroupMembership("emea-team", { userId: 101, workspaceGroupId: 12 });
 * ```
 *
 * ## Adopting existing memberships
 * Declare the membership and run `pulumi up`: an existing membership of the same user and
 * group is adopted (output `adopted: true`) with no write request; `adoptExisting: false`
 * makes that an error naming the existing id.
 */
export class UserGroupMembership extends MembershipResource {
  /** @internal */
  public static readonly __pulumiType = typeToken(descriptor);

  /** True when `obj` is a UserGroupMembership, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is UserGroupMembership {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === UserGroupMembership.__pulumiType;
  }

  /** Reads an existing membership by its Kantata id, without managing it. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: UserGroupMembershipState, opts?: pulumi.CustomResourceOptions): UserGroupMembership {
    return new UserGroupMembership(name, state as UserGroupMembershipArgs, { ...opts, id });
  }

  /** The Kantata user id. */
  declare public readonly userId: pulumi.Output<number>;
  /** The Kantata workspace group id. */
  declare public readonly workspaceGroupId: pulumi.Output<number>;
  /** Whether an existing membership may be adopted on create. */
  declare public readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** Id of the user who added the member. */
  declare public readonly creatorId: pulumi.Output<number | undefined>;
  /** When the membership was created. */
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  /** True when create took over a membership that already existed. */
  declare public readonly adopted: pulumi.Output<boolean>;

  /** Declares that a user belongs to a workspace group. */
  constructor(name: string, args: UserGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    super(descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}
