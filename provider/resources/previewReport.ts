import * as pulumi from "@pulumi/pulumi";
import { PLAN_OUTPUT, type Plan } from "../dynamic/plan";

/**
 * The program's side of an honest preview of adoption (see `dynamic/plan.ts`): each membership
 * or group resource new to the stack gets a line on its resource saying whether `pulumi up` will adopt an existing
 * membership or create one, and the preview ends with one line that sums them up.
 */
const tally = { adopt: 0, create: 0, fail: 0, writes: 0, adoptWithoutWrite: 0 };
let hooked = false;

/** Reports a resource's plan on it, when a preview's check gave it one (a resource new to the stack). */
export function reportPlan(resource: pulumi.Resource): void {
  if (!pulumi.runtime.isDryRun()) return;
  const planned = (resource as unknown as Record<string, pulumi.Output<Plan | undefined> | undefined>)[PLAN_OUTPUT];
  if (!planned) return;
  if (!hooked) {
    hooked = true;
    // The Pulumi SDK waits for work started in `beforeExit` (its own handler runs last); by then
    // every resource is registered and every plan has been reported.
    process.on("beforeExit", () => {
      const summary = summaryLine();
      if (summary) pulumi.log.info(summary);
    });
  }
  planned.apply((plan) => {
    if (!plan) return;
    tally[plan.action]++;
    tally.writes += plan.writes;
    if (plan.action === "adopt" && plan.writes === 0) tally.adoptWithoutWrite++;
    if (plan.action === "fail") pulumi.log.warn(plan.message, resource);
    else pulumi.log.info(plan.message, resource);
  });
}

let summarized = false;

/** The one summary line, once per program run (undefined when there is nothing to sum up). */
export function summaryLine(): string | undefined {
  const total = tally.adopt + tally.create + tally.fail;
  if (summarized || total === 0) return undefined;
  summarized = true;
  return (
    `pulumi-kantata: of ${total} resource${total === 1 ? "" : "s"} new to this stack, ` +
    `${tally.adopt} will adopt what exists (${tally.adoptWithoutWrite} with no write), ${tally.create} will be created` +
    `${tally.fail ? `, ${tally.fail} will fail (see the warnings)` : ""}; ${tally.writes} write${tally.writes === 1 ? "" : "s"} in all.`
  );
}
