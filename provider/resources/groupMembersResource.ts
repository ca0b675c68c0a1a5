import * as pulumi from "@pulumi/pulumi";
import { MembershipDescriptor } from "../descriptors";
import { MODULE, shim } from "./membershipResource";
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
    const props: Record<string, unknown> = { ...(args ?? {}) };
    if (!opts?.id && !opts?.urn) {
      for (const key of [d.group.arg, "userIds"]) {
        if (props[key] === undefined) throw new Error(`Missing required property '${key}' of ${typeName} "${name}"`);
      }
    }
    for (const key of [d.group.arg, "userIds", "removeUnlistedMembers"]) if (!(key in props)) props[key] = undefined;
    super(shim(typeName), name, props, opts, MODULE, typeName);
    if (!opts?.id) claimGroup("members", typeName, d.group.noun, props[d.group.arg] as pulumi.Input<number | string>, name);
  }
}
