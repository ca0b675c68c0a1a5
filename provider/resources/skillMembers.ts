import * as pulumi from "@pulumi/pulumi";
import { skillMembership as descriptor } from "../descriptors";
import { GroupMembersResource } from "./groupMembersResource";
import { typeToken } from "./membershipResource";

const TYPE = "SkillMembers";

/** Arguments of a {@link SkillMembers}. */
export interface SkillMembersArgs {
  /** The Kantata skill id. Changing it replaces the resource. */
  skillId: pulumi.Input<number | string>;
  /** Every user who holds the skill (Kantata user ids; each once). Changing it updates in place. */
  userIds: pulumi.Input<pulumi.Input<number | string>[]>;
  /**
   * Remove holders who are not in `userIds`. Without it, such holders make create and update fail
   * with an error that lists them. @default false
   */
  removeUnlistedMembers?: pulumi.Input<boolean>;
}

/**
 * A Kantata OX **skill held by exactly these users** (authoritative), e.g. a certification.
 *
 * It manages who holds the skill, not their levels: users it adds get Kantata's default level,
 * and the levels of users already holding it are left alone (declare a `SkillMembership` with
 * `level` for a managed level, for skills not managed by this resource). A change of `userIds` is
 * an in-place update; joiners are added in bulk requests of up to 200, leavers with one request
 * each. Refresh reads the skill's holders whole: holders added outside Pulumi appear in
 * `unlistedMemberIds` and stay until the program lists them or sets `removeUnlistedMembers: true`.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const pmp = kantata.getSkillOutput({ name: "PMP Certification" });
 * new kantata.SkillMembers("pmp-holders", { skillId: pmp.id, userIds: [6, 7, 25] });
 * ```
 */
export class SkillMembers extends GroupMembersResource {
  /** @internal */
  public static readonly __pulumiType = typeToken({ typeName: TYPE });

  /** True when `obj` is a SkillMembers, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is SkillMembers {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === SkillMembers.__pulumiType;
  }

  /** The Kantata skill id. */
  declare public readonly skillId: pulumi.Output<number>;

  /** Declares that a skill is held by exactly these users. */
  constructor(name: string, args: SkillMembersArgs, opts?: pulumi.CustomResourceOptions) {
    super(TYPE, descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}
