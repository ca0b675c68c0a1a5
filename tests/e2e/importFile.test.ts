import { expect } from "chai";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "../../provider/cli";
import { ENGINES, PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { startTestSimulator, TestSimulator, ADMIN_TOKEN } from "../helpers/simulator";

/**
 * `pulumi-kantata export --import-file`: with the newest CLI (3.254 or later reads inputs and
 * outputs from an import file), `pulumi import --file` records the exported resources in the
 * stack with no request to Kantata, and the program then previews as unchanged.
 */
describe("pulumi import --file of an exported program (newest CLI)", function () {
  let sim: TestSimulator;
  const dirs: string[] = [];
  const stacks: PulumiStack[] = [];

  before(async () => (sim = await startTestSimulator()));
  after(async () => {
    for (const s of stacks) {
      s.killAll();
      s.dispose();
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await sim.close();
  });

  /** Runs `pulumi-kantata export <argv> --out index.ts --import-file import.json`; the files it wrote and its stderr. */
  async function exportFiles(argv: string[]): Promise<{ files: Record<string, string>; stderr: string }> {
    const files: Record<string, string> = {};
    let stderr = "";
    const io = { stdout: () => undefined, stderr: (t: string) => void (stderr += t), env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url }, writeFile: (p: string, t: string) => (files[p] = t) };
    const code = await run(["export", ...argv, "--out", "index.ts", "--import-file", "import.json"], io);
    expect(code, stderr).to.equal(0);
    return { files, stderr };
  }

  /** A project inside the repository (so `pulumi-kantata` resolves) holding the exported files, and its stack on the newest CLI. */
  async function importedStack(files: Record<string, string>, label: string): Promise<PulumiStack> {
    const dir = path.join(REPO_ROOT, "tests", "e2e", ".generated", `import-${process.pid}-${label}`);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
    writeFileSync(path.join(dir, "Pulumi.yaml"), "name: imported\nruntime: nodejs\nmain: index.ts\n");
    copyFileSync(path.join(REPO_ROOT, "tests", "e2e", "program", "tsconfig.json"), path.join(dir, "tsconfig.json"));
    writeFileSync(path.join(dir, "index.ts"), files["index.ts"]);
    writeFileSync(path.join(dir, "import.json"), files["import.json"]);
    const stack = await PulumiStack.init({ projectDir: dir, stackName: "imported", engineBin: ENGINES.newest, env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: sim.url } });
    stacks.push(stack);
    return stack;
  }

  for (const authoritative of [false, true]) {
    it(`imports access group 13 exported ${authoritative ? "authoritatively" : "one resource per membership"} with no request, then previews no change`, async () => {
      await sim.reset();
      const { files, stderr } = await exportFiles(["--type", "access", "--group", "13", ...(authoritative ? ["--authoritative"] : [])]);
      expect(stderr).to.not.match(/DeprecationWarning|ExperimentalWarning/);
      const entries = (JSON.parse(files["import.json"]) as { resources: { type: string; id: string; inputs: { __provider: string } }[] }).resources;
      expect(entries).to.have.length(authoritative ? 1 : 17);
      expect(entries.every((e) => e.inputs.__provider.includes("pulumi-kantata/dynamic-provider"))).to.equal(true);
      const stack = await importedStack(files, String(authoritative));

      const before = (await sim.requests()).length;
      const imported = await stack.run(["import", "--file", "import.json", "--yes", "--generate-code=false"]);
      expect(imported.stdout).to.match(new RegExp(`${entries.length} imported`));
      expect((await sim.requests()).slice(before)).to.deep.equal([]);
      const { json } = await stack.previewJson();
      expect(json.changeSummary).to.deep.equal({ same: entries.length + 1 });
      expect((await sim.requests()).slice(before)).to.deep.equal([]);
      // pulumi import protects what it imports; once unprotected, the stack manages it: a destroy removes exactly the group's members.
      const refused = await stack.destroy([], { allowFailure: true });
      expect(refused.code).to.not.equal(0);
      expect(refused.stdout + refused.stderr).to.contain("because it is protected");
      expect(await sim.memberships("access_group_memberships", "access_group_id=13")).to.have.length(17);
      await stack.run(["state", "unprotect", "--all", "--yes"]);
      await stack.destroy();
      expect(await sim.memberships("access_group_memberships", "access_group_id=13")).to.deep.equal([]);
    });
  }

  for (const [kind, group, fields] of [["skill", "2", ["level"]], ["holiday-calendar", "2", ["startDate"]]] as const) {
    it(`imports ${kind} ${group} (the types made from descriptors, with their fields) with no request, then previews no change`, async () => {
      await sim.reset();
      const { files } = await exportFiles(["--type", kind, "--group", group]);
      const entries = (JSON.parse(files["import.json"]) as { resources: { inputs: Record<string, unknown> }[] }).resources;
      expect(entries.length).to.be.greaterThan(3);
      for (const e of entries) for (const f of fields) expect(e.inputs, f).to.have.property(f);
      const stack = await importedStack(files, kind);
      const before = (await sim.requests()).length;
      const imported = await stack.run(["import", "--file", "import.json", "--yes", "--generate-code=false"]);
      expect(imported.stdout).to.match(new RegExp(`${entries.length} imported`));
      const { json } = await stack.previewJson();
      expect(json.changeSummary).to.deep.equal({ same: entries.length + 1 });
      expect((await sim.requests()).slice(before)).to.deep.equal([]);
    });
  }
});
