// Declares whatever the test wrote to the JSON file named by KANTATA_E2E_SPEC, so one program
// serves every end-to-end scenario: [{ type, name, args, opts? }].
import * as fs from "fs";
import * as kantata from "pulumi-kantata";

interface Declared {
  /** A class the package exports: a membership type or an authoritative group resource. */
  type: string;
  name: string;
  args: Record<string, unknown>;
  opts?: { retainOnDelete?: boolean };
}

const specFile = process.env.KANTATA_E2E_SPEC;
if (!specFile) throw new Error("KANTATA_E2E_SPEC is not set");
const declared = JSON.parse(fs.readFileSync(specFile, "utf8")) as Declared[];
for (const d of declared) {
  const Class = (kantata as unknown as Record<string, new (name: string, args: unknown, opts?: unknown) => unknown>)[d.type];
  if (typeof Class !== "function") throw new Error(`pulumi-kantata has no class ${d.type}`);
  new Class(d.name, d.args, d.opts);
}
export const count = declared.length;
