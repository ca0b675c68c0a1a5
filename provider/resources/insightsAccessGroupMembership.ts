import * as pulumi from "@pulumi/pulumi";
import { insightsAccessGroupMembership as descriptor } from "../descriptors";
import { MembershipResource, typeToken } from "./membershipResource";

/** Arguments of an {@link InsightsAccessGroupMembership}. */
export interface InsightsAccessGroupMembershipArgs {
  /** The Kantata user id (a number, or a string of digits). Changing it replaces the membership. */
  userId: pulumi.Input<number | string>;
  /** The classic Insights access group id. Changing it replaces the membership. */
  insightsAccessGroupId: pulumi.Input<number | string>;
  /**
   * Whether the user may edit in classic Insights; changes in place with one request. When
   * unset, Kantata's default stands (true for Account Administrators, else false) and is not managed.
   */
  canEdit?: pulumi.Input<boolean>;
  /**
   * When the user is already in the group, take that membership over instead of failing.
   * Changing it makes no API request. @default true
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Every property of an {@link InsightsAccessGroupMembership}, all optional (for `get`). */
export interface InsightsAccessGroupMembershipState {
  userId?: pulumi.Input<number | string>;
  insightsAccessGroupId?: pulumi.Input<number | string>;
  canEdit?: pulumi.Input<boolean>;
  adoptExisting?: pulumi.Input<boolean>;
}


/**
 * A user's membership of a **classic Insights Access Group**. A user belongs to at most one
 * such group: to move someone, change `insightsAccessGroupId` (Pulumi deletes the old
 * membership before it creates the new one). A user already in *another* group is an error
 * naming that membership, never a silent move.
 *
 * > **Note** `canEdit: true` gives the user access to all account data through Insights, and
 * > Kantata may take up to 15 minutes to apply it.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * new kantata.InsightsAccessGroupMembership("bi-editor", { userId: 101, insightsAccessGroupId: 3, canEdit: true });
 * ```
 *
 * ## Adopting existing memberships
 * As for the other memberships: an existing membership of the same user and group is adopted
 * on `pulumi up`, and `canEdit` is then set with one request if it differs.
 */
export class InsightsAccessGroupMembership extends MembershipResource {
  /** @internal */
  public static readonly __pulumiType = typeToken(descriptor);

  /** True when `obj` is an InsightsAccessGroupMembership, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is InsightsAccessGroupMembership {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === InsightsAccessGroupMembership.__pulumiType;
  }

  /** Reads an existing membership by its Kantata id, without managing it. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: InsightsAccessGroupMembershipState, opts?: pulumi.CustomResourceOptions): InsightsAccessGroupMembership {
    return new InsightsAccessGroupMembership(name, state as InsightsAccessGroupMembershipArgs, { ...opts, id });
  }

  /** The Kantata user id. */
  declare public readonly userId: pulumi.Output<number>;
  /** The classic Insights access group id. */
  declare public readonly insightsAccessGroupId: pulumi.Output<number>;
  /** Whether the user may edit in classic Insights (the live value). */
  declare public readonly canEdit: pulumi.Output<boolean>;
  /** Whether an existing membership may be adopted on create. */
  declare public readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** Name of the Insights access group. */
  declare public readonly insightsAccessGroupName: pulumi.Output<string | undefined>;
  /** When the membership was created. */
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  /** When the membership last changed. */
  declare public readonly updatedAt: pulumi.Output<string | undefined>;
  /** True when create took over a membership that already existed. */
  declare public readonly adopted: pulumi.Output<boolean>;

  /** Declares that a user belongs to a classic Insights access group. */
  constructor(name: string, args: InsightsAccessGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    super(descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}
