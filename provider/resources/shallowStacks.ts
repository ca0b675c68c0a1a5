/**
 * Sets `Error.stackTraceLimit` to 0 until the returned function is called; a resource wraps its
 * `super(...)` in it.
 *
 * Why: while it registers a resource, @pulumi/pulumi formats a stack trace for each of the four
 * promises of every output property (kept only for its report of leaked promises). A TypeScript
 * program runs under ts-node, whose source-map support maps every frame, and TypeScript's compiler
 * raises the limit to 100 frames: for a membership of ten properties that came to ~10 ms of CPU,
 * most of a no-change preview's time in the program (the bare dynamic resource of the benchmark's
 * floor has one property). Pulumi captures the resource's own source position and stack with a
 * limit it sets itself, so those stay exact.
 */
export function shallowStacks(): () => void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}
