import * as pulumi from "@pulumi/pulumi";
import { shallowStacks } from "./shallowStacks";
import { identityOf, MembershipDescriptor } from "../descriptors";
import { providerSource } from "../dynamic/providerSource";
import { allowedArgs, requiredArgs } from "../dynamic/inputs";
import { claimGroup } from "./groupClaims";
import { assertSupportedSdk } from "./sdkVersion";
import { PLAN_OUTPUT, PREVIEW_FLAG } from "../dynamic/plan";
import { reportPlan } from "./previewReport";

/** The module part of every type token: `pulumi-nodejs:dynamic/kantata:<ClassName>`. */
export const MODULE = "kantata";

/** The type token of a membership class, e.g. `pulumi-nodejs:dynamic/kantata:AccessGroupMembership`. */
export function typeToken(d: { typeName: string }): string {
  return `pulumi-nodejs:dynamic/${MODULE}:${d.typeName}`;
}

/**
 * The props handed to the engine: the arguments, after a check of the required ones (unless the
 * resource is read with `get` or rehydrated from a URN), with every other argument and output
 * key seeded `undefined` (the SDK ignores returned properties it was not given).
 */
export function resourceProps(
  typeName: string,
  name: string,
  args: Record<string, unknown> | undefined,
  opts: pulumi.CustomResourceOptions | undefined,
  required: string[],
  allowed: string[],
  outputs: string[],
): Record<string, unknown> {
  assertSupportedSdk();
  const props: Record<string, unknown> = { ...(args ?? {}) };
  if (!opts?.id && !opts?.urn) {
    for (const key of required) {
      if (props[key] !== undefined) continue;
      // A misspelt argument is the usual cause: name it, as check() would.
      const unknown = Object.keys(props).filter((k) => ![...required, ...allowed].includes(k));
      const hint = unknown.length ? ` ${typeName} has no argument ${unknown.map((k) => `"${k}"`).join(", ")}. Allowed arguments: ${[...required, ...allowed].join(", ")}.` : "";
      throw new Error(`Missing required property '${key}' of ${typeName} "${name}".${hint}`);
    }
  }
  for (const key of [...required, ...allowed, ...outputs, PLAN_OUTPUT]) if (!(key in props)) props[key] = undefined;
  // During a preview, ask check for the plan of a resource new to the stack (see dynamic/plan.ts).
  if (pulumi.runtime.isDryRun() && !opts?.id && !opts?.urn) props[PREVIEW_FLAG] = true;
  return props;
}

/**
 * The props a resource registers with, `__provider` included: what `pulumi.dynamic.Resource` does,
 * with the provider's text written out (`providerSource`) instead of serialized from a closure.
 * Extending `CustomResource` directly also keeps one frame of ours out of the stack trace the
 * engine stores, and makes the recorded source position the class's own file.
 */
export function dynamicProps(typeName: string, props: Record<string, unknown>): Record<string, unknown> {
  return { ...props, __provider: providerSource(typeName) };
}

/**
 * What the membership classes share: the provider text, the type token, the props and the
 * claim on the group (see `groupClaims.ts`).
 */
export abstract class MembershipResource extends pulumi.CustomResource {
  protected constructor(
    d: MembershipDescriptor,
    name: string,
    args: Record<string, unknown> | undefined,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const allowed = allowedArgs(d).filter((a) => !requiredArgs(d).includes(a));
    const props = resourceProps(d.typeName, name, args, opts, requiredArgs(d), allowed, [...d.computed.map((f) => f.arg), "adopted"]);
    const restoreStacks = shallowStacks();
    try {
      super(typeToken(d), name, dynamicProps(d.typeName, props), opts);
    } finally {
      restoreStacks();
    }
    reportPlan(this);
    // Two resources of one user clash when they name the same membership: the same group, or the same start date.
    const [scopeArg] = identityOf(d);
    const noun = scopeArg === d.group.arg ? d.group.noun : d.updatable.find((f) => f.arg === scopeArg)!.api.replace(/_/g, " ");
    if (!opts?.id) claimGroup("membership", d.typeName, noun, props[scopeArg] as pulumi.Input<number | string>, name, props.userId as pulumi.Input<number | string>);
  }
}
