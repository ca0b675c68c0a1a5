import * as pulumi from "@pulumi/pulumi";

/**
 * The `Output` form of a lookup: runs `lookup` once every argument is known (at preview too, for
 * plain values) and never when one stays unknown.
 *
 * The callback returns an `Output` of the lookup's promise rather than the promise itself. An
 * `apply` whose callback rejects makes the program linger for one to two minutes after the error
 * before `pulumi preview` ends (measured here: 105 s against 4.5 s for this form; the engine's
 * pulumi/pulumi#14980 is the same family), whereas an `Output` made from a rejected promise fails
 * the run at once with the lookup's message.
 */
export function lookupOutput<A, R>(args: object | undefined, lookup: (plain: A) => Promise<R>): pulumi.Output<R> {
  return pulumi.output(args as pulumi.Input<object>).apply((plain) => pulumi.output(lookup(plain as A))) as pulumi.Output<R>;
}
