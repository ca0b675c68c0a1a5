import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { providerSource } from "../../../provider/dynamic/providerSource";

/** The loader Pulumi's dynamic provider host runs on the text of `__provider`. */
const requireFromString = createRequire(require.resolve("@pulumi/pulumi"))("require-from-string") as (code: string) => { handler(): Record<string, any> };

describe("the provider text every resource stores in __provider", () => {
  it("loads as Pulumi's dynamic provider host loads it, and its configure attaches every hook of its type from the installed package", async () => {
    const provider = requireFromString(providerSource("SkillMembership")).handler();
    expect(provider.create, "no hook before configure").to.equal(undefined);
    await provider.configure({ config: { get: () => undefined } });
    for (const hook of ["check", "diff", "create", "read", "update", "delete"]) expect(provider[hook], hook).to.be.a("function");
  });

  it("loads the build PULUMI_KANTATA_PROVIDER_MODULE names in place of the installed one", async () => {
    const module = path.join(mkdtempSync(path.join(tmpdir(), "kantata-provider-")), "build.js");
    writeFileSync(module, "exports.attach = (target, typeName) => { target.typeName = typeName; };\n");
    process.env.PULUMI_KANTATA_PROVIDER_MODULE = module;
    try {
      const provider = requireFromString(providerSource("AccessGroupMembers")).handler();
      await provider.configure({ config: { get: () => undefined } });
      expect(provider.typeName).to.equal("AccessGroupMembers");
    } finally {
      delete process.env.PULUMI_KANTATA_PROVIDER_MODULE;
    }
  });

  it("is one short line that holds nothing but the type name (it is stored twice per resource and rewritten at every checkpoint)", () => {
    const text = providerSource("InsightsAccessGroupMembership");
    expect(text.trim().split("\n")).to.have.length(1);
    expect(text.length).to.be.below(300);
    expect(text.replace('"InsightsAccessGroupMembership"', "")).to.not.contain("Insights");
  });
});
