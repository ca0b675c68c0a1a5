import { providerSource } from "../dynamic/providerSource";
import { typeToken } from "../resources/membershipResource";
import type { ProgramResource } from "./generateProgram";

/**
 * A `pulumi import --file` file for the exported program (Pulumi CLI 3.254 or later): each entry
 * carries the resource's inputs and outputs, with the provider text the program would store,
 * so the engine imports it without calling the provider's read (which dynamic resources cannot
 * serve on import: pulumi/pulumi#3550). Outputs are what the resource's own create would return
 * for its arguments; the next refresh fills in the rest.
 */
export function importFile(resources: ProgramResource[]): string {
  const entries = resources.map((r) => {
    const __provider = providerSource(r.cls);
    const args = r.args.userIds ? { ...r.args, userIds: [...(r.args.userIds as number[])].sort((a, b) => a - b) } : r.args;
    const outputs = r.args.userIds ? { ...args, unlistedMemberIds: [] } : { ...args, adopted: true };
    return { type: typeToken({ typeName: r.cls }), name: r.name, id: r.id, inputs: { ...args, __provider }, outputs: { ...outputs, __provider } };
  });
  return JSON.stringify({ resources: entries }, null, 2) + "\n";
}
