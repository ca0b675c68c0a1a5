/**
 * How a preview learns what a create would do. The engine gives `check` no sign of a preview,
 * and `create` is not called in one, so the program says it: during `pulumi preview` (and the
 * preview part of `pulumi up`) each membership is registered with the input {@link PREVIEW_FLAG}.
 * `check` removes it, and for a membership new to the stack looks it up (whole groups at a time,
 * see `scopeSnapshots.ts`) and returns {@link PLAN_OUTPUT}: a preview shows a create's checked
 * inputs as its outputs, so the program reads the plan there, reports it on the resource and
 * sums all of them up in one line. Neither key is ever written to the stack's state.
 */

/** The input that marks a preview (set by the program, removed by `check`). */
export const PREVIEW_FLAG = "kantataPreview";

/** The output a preview's `check` adds to a membership new to the stack. */
export const PLAN_OUTPUT = "plannedAction";

/** What `pulumi up` will do with a membership new to the stack. */
export interface Plan {
  /** `adopt` an existing membership, `create` one, or `fail` (the message says why and the fix). */
  action: "adopt" | "create" | "fail";
  /** The existing membership an adoption takes over. */
  membershipId?: number;
  /** Write requests the create will make for this membership (a share of a bulk counts as one). */
  writes: number;
  /** One sentence for the resource's line in the preview. */
  message: string;
}
