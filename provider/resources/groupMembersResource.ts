import * as pulumi from "@pulumi/pulumi";
import { shallowStacks } from "./shallowStacks";
import { MembershipDescriptor } from "../descriptors";
import { dynamicProps, resourceProps, typeToken } from "./membershipResource";
import { claimGroup } from "./groupClaims";
import { reportPlan } from "./previewReport";

/** What the authoritative group classes share: the provider text, the type token, required arguments. */
export abstract class GroupMembersResource extends pulumi.CustomResource {
  /**
   * The users the program lists, sorted. After a refresh, those who left the group outside
   * Pulumi are missing (the next `pulumi up` adds them again); nobody is ever added here by a
   * refresh.
   */
  declare public readonly userIds: pulumi.Output<number[]>;
  /** Whether members not in `userIds` are removed. */
  declare public readonly removeUnlistedMembers: pulumi.Output<boolean | undefined>;
  /**
   * Members of the group who are not in `userIds` (added outside Pulumi), as the last `pulumi
   * refresh` found them. They stay in the group: list them in `userIds` to keep them, or set
   * `removeUnlistedMembers: true` to remove them.
   */
  declare public readonly unlistedMemberIds: pulumi.Output<number[]>;

  protected constructor(
    typeName: string,
    d: MembershipDescriptor,
    name: string,
    args: Record<string, unknown> | undefined,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const props = resourceProps(typeName, name, args, opts, [d.group.arg, "userIds"], ["removeUnlistedMembers"], ["unlistedMemberIds"]);
    const restoreStacks = shallowStacks();
    try {
      super(typeToken({ typeName }), name, dynamicProps(typeName, props), opts);
    } finally {
      restoreStacks();
    }
    reportPlan(this);
    if (!opts?.id) claimGroup("members", typeName, d.group.noun, props[d.group.arg] as pulumi.Input<number | string>, name);
  }
}
