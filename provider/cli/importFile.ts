import * as pulumi from "@pulumi/pulumi";
import { shimFor } from "../dynamic/shim";
import { typeToken } from "../resources/membershipResource";
import type { ProgramResource } from "./generateProgram";

/**
 * A `pulumi import --file` file for the exported program (Pulumi CLI 3.254 or later): each entry
 * carries the resource's inputs and outputs, with the serialized provider the program would store,
 * so the engine imports it without calling the provider's read (which dynamic resources cannot
 * serve on import: pulumi/pulumi#3550). Outputs are what the resource's own create would return
 * for its arguments; the next refresh fills in the rest.
 */
export async function importFile(resources: ProgramResource[]): Promise<string> {
  const providers = new Map<string, string>();
  // The closure serializer loads modules that make Node print deprecation notices; they are not the user's concern.
  const emitWarning = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    for (const cls of new Set(resources.map((r) => r.cls))) {
      const shim = shimFor(cls);
      providers.set(cls, (await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true })).text);
    }
  } finally {
    process.emitWarning = emitWarning;
  }
  const entries = resources.map((r) => {
    const __provider = providers.get(r.cls)!;
    const args = r.args.userIds ? { ...r.args, userIds: [...(r.args.userIds as number[])].sort((a, b) => a - b) } : r.args;
    const outputs = r.args.userIds ? { ...args, unlistedMemberIds: [] } : { ...args, adopted: true };
    return { type: typeToken({ typeName: r.cls }), name: r.name, id: r.id, inputs: { ...args, __provider }, outputs: { ...outputs, __provider } };
  });
  return JSON.stringify({ resources: entries }, null, 2) + "\n";
}
