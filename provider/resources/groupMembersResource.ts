import * as pulumi from "@pulumi/pulumi";
import { MembershipDescriptor } from "../descriptors";
import { MODULE, resourceProps, shim } from "./membershipResource";
import { claimGroup } from "./groupClaims";

/** What the authoritative group classes share: the shim, the type token, required arguments. */
export abstract class GroupMembersResource extends pulumi.dynamic.Resource {
  protected constructor(
    typeName: string,
    d: MembershipDescriptor,
    name: string,
    args: Record<string, unknown> | undefined,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const props = resourceProps(typeName, name, args, opts, [d.group.arg, "userIds"], ["removeUnlistedMembers"], []);
    super(shim(typeName), name, props, opts, MODULE, typeName);
    if (!opts?.id) claimGroup("members", typeName, d.group.noun, props[d.group.arg] as pulumi.Input<number | string>, name);
  }
}
