import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDefaultFixture } from "../../simulator";
import { PulumiStack, REPO_ROOT, RunResult } from "../../scripts/lib/pulumiStack";
import { ADMIN_TOKEN, MEMBER_TOKEN, startTestSimulator, TestSimulator } from "../helpers/simulator";

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
/** A token that looks real and is refused (rotated away): what the error paths carry. */
const REFUSED_TOKEN = "tok-SECRET-e2e-rotated-4b8d2f";
const VERBOSE = ["-v=9", "--logtostderr", "--logflow"];
const fixture = getDefaultFixture();
const FINANCE_REVIEWERS = 11;
const DASHBOARDS = 3;
const ENGINEERING = 5;
// Users of the default account with no custom memberships; their names and emails must stay out of state.
const USERS = [6, 7, 25];
const people = USERS.map((id) => fixture.users.find((u) => Number(u.id) === id)!);

const all = (out: RunResult) => out.stdout + out.stderr;

/**
 * The token never shows in the state, the CLI's output, verbose engine logs, error messages or
 * thrown stacks; membership outputs carry no personal data. Each stack drives the end-to-end
 * program (tests/e2e/program) against the simulator.
 */
describe("secrets and personal data with the real engine", function () {
  let sim: TestSimulator;
  let dir: string;
  const stacks: PulumiStack[] = [];
  let count = 0;

  /** A stack declaring `resources`, with the given settings in its environment (every other setting unset). */
  async function newStack(resources: unknown[], env: Record<string, string | undefined>): Promise<PulumiStack> {
    const spec = path.join(dir, `spec${count}.json`);
    writeFileSync(spec, JSON.stringify(resources));
    const stack = await PulumiStack.init({
      projectDir: PROGRAM,
      stackName: `secrets${process.pid}n${count++}`,
      env: { KANTATA_E2E_SPEC: spec, KANTATA_API_TOKEN: undefined, KANTATA_BASE_URL: undefined, PULUMI_NODEJS_TRANSPILE_ONLY: "true", ...env },
    });
    stacks.push(stack);
    return stack;
  }
  const configFile = (stack: PulumiStack) => readFileSync(path.join(PROGRAM, `Pulumi.${stack.stackName}.yaml`), "utf8");

  const declared = [
    { type: "AccessGroupMembership", name: "reviewer", args: { userId: USERS[0], accessGroupId: FINANCE_REVIEWERS } },
    { type: "InsightsAccessGroupMembership", name: "analyst", args: { userId: USERS[1], insightsAccessGroupId: DASHBOARDS, canEdit: false } },
    { type: "UserGroupMembership", name: "engineer", args: { userId: USERS[2], workspaceGroupId: ENGINEERING } },
  ];

  before(async () => {
    sim = await startTestSimulator();
    dir = mkdtempSync(path.join(tmpdir(), "kantata-secrets-"));
  });

  after(async () => {
    for (const stack of stacks) {
      stack.killAll();
      stack.dispose();
      rmSync(path.join(PROGRAM, `Pulumi.${stack.stackName}.yaml`), { force: true });
    }
    rmSync(dir, { recursive: true, force: true });
    await sim?.close();
  });

  describe("with the administrator's token in stack config, through up, preview, refresh and destroy", () => {
    let stack: PulumiStack;
    let printed = "";
    let stateFile = "";
    let exported = "";
    let outputs: Record<string, unknown>[] = [];

    before(async () => {
      await sim.reset();
      stack = await newStack(declared, {});
      await stack.setConfig("kantata:apiToken", ADMIN_TOKEN, true);
      await stack.setConfig("kantata:baseUrl", sim.url);
      printed += all(await stack.up());
      stateFile = stack.stateFileText();
      const state = await stack.exportState();
      exported = state.text;
      outputs = state.deployment.resources!.filter((r) => r.type.includes("dynamic/kantata:")).map((r) => r.outputs ?? {});
      printed += all(await stack.run(["preview", "--diff"]));
      printed += all(await stack.refresh());
      printed += all(await stack.run(["stack", "--show-urns"]));
      printed += all(await stack.run(["config"]));
      printed += all(await stack.destroy());
    });

    it("creates the three memberships (so there is state to inspect)", () => {
      expect(outputs).to.have.length(3);
      expect(printed).to.match(/\d+ deleted/);
    });

    it("keeps the token out of the state file and out of `pulumi stack export`", () => {
      expect(stateFile.length).to.be.greaterThan(1000);
      expect(stateFile).to.not.contain(ADMIN_TOKEN);
      expect(exported).to.not.contain(ADMIN_TOKEN);
    });

    it("keeps the token out of everything the CLI printed for up, preview, refresh, stack, config and destroy", () => {
      expect(printed).to.contain("kantata:apiToken");
      expect(printed).to.not.contain(ADMIN_TOKEN);
    });

    it("stores the token in the stack's config file encrypted only", () => {
      const text = configFile(stack);
      expect(text).to.match(/kantata:apiToken:\s*\n\s*secure: /);
      expect(text).to.not.contain(ADMIN_TOKEN);
    });

    it("keeps users' names and emails out of the membership outputs in state", () => {
      for (const person of people) {
        expect(stateFile).to.not.contain(person.full_name);
        expect(stateFile).to.not.contain(person.email_address);
        expect(stateFile.toLowerCase()).to.not.contain(person.email_address.split("@")[0]);
      }
      expect(stateFile).to.not.match(/full_?name|user_?name|e_?mail/i);
      expect(stateFile).to.not.match(/[\w.+-]+@[a-z][\w-]*\.[a-z]{2,}/i);
      for (const outs of outputs) {
        const keys = Object.keys(outs).filter((k) => k !== "__provider");
        expect(keys.filter((k) => /name/i.test(k)).every((k) => /GroupName$/.test(k)), keys.join(", ")).to.equal(true);
      }
    });

    it("never asks Kantata for users' names or emails beyond the existence checks, and stores none", async () => {
      const requests = (await sim.control("GET", "requests")) as { requests: { method: string; path: string; query: Record<string, string> }[] };
      expect(requests.requests.length).to.be.greaterThan(0);
      for (const r of requests.requests) {
        const query = JSON.stringify(r.query ?? {});
        expect(query, `${r.method} ${r.path}`).to.not.match(/include[^,]*user|optional_fields|email|full_name|user_name/);
        // Reads of /users only check that users exist (only=) and who the token is (/users/me).
        if (r.path.startsWith("/api/v1/users")) expect(r.path === "/api/v1/users/me" || "only" in (r.query ?? {}), `${r.method} ${r.path}`).to.equal(true);
      }
    });
  });

  describe("with a refused token (error paths)", () => {
    it("keeps a refused token from KANTATA_API_TOKEN out of preview, out of up's error message and out of the state", async () => {
      await sim.reset();
      const stack = await newStack(declared.slice(0, 1), { KANTATA_API_TOKEN: REFUSED_TOKEN, KANTATA_BASE_URL: sim.url });
      // The preview reads whether up would adopt or create, so it already meets the refusal.
      const preview = await stack.run(["preview"], { allowFailure: true });
      expect(preview.code).to.not.equal(0);
      expect(all(preview)).to.contain("401").and.contain("the API token was refused");
      const up = await stack.up([], { allowFailure: true });
      expect(up.code).to.not.equal(0);
      expect(all(up)).to.contain("401").and.contain("the API token was refused");
      expect(all(preview) + all(up)).to.not.contain(REFUSED_TOKEN);
      expect(stack.stateFileText()).to.not.contain(REFUSED_TOKEN);
      expect((await sim.requests()).map((r) => r.status)).to.deep.equal([401, 401]);
    });

    it("keeps a refused token from stack config out of up's output, its error message and the state", async () => {
      await sim.reset();
      const stack = await newStack(declared.slice(2), { KANTATA_BASE_URL: sim.url });
      await stack.setConfig("kantata:apiToken", REFUSED_TOKEN, true);
      const up = await stack.up([], { allowFailure: true });
      expect(up.code).to.not.equal(0);
      expect(all(up)).to.contain("401").and.contain("the API token was refused");
      expect(all(up)).to.not.contain(REFUSED_TOKEN);
      expect(stack.stateFileText()).to.not.contain(REFUSED_TOKEN);
      expect(configFile(stack)).to.not.contain(REFUSED_TOKEN);
    });

    it("keeps the token out of verbose engine logs (-v=9) of an up that fails with 401 (token from KANTATA_API_TOKEN)", async () => {
      await sim.reset();
      const stack = await newStack(declared.slice(1, 2), { KANTATA_API_TOKEN: REFUSED_TOKEN, KANTATA_BASE_URL: sim.url });
      const up = await stack.up(VERBOSE, { allowFailure: true });
      const logs = all(up);
      expect(up.code).to.not.equal(0);
      expect(logs.length).to.be.greaterThan(10_000);
      expect(logs).to.contain("401 Unauthorized");
      expect(logs).to.not.contain(REFUSED_TOKEN);
    });

    it("keeps the token out of verbose engine logs (-v=9) of an up that fails with 403 (a non-administrator's token)", async () => {
      await sim.reset();
      const stack = await newStack(declared.slice(2), { KANTATA_API_TOKEN: MEMBER_TOKEN, KANTATA_BASE_URL: sim.url });
      const up = await stack.up(VERBOSE, { allowFailure: true });
      const logs = all(up);
      expect(up.code).to.not.equal(0);
      expect(logs.length).to.be.greaterThan(10_000);
      expect(logs).to.contain("403 Forbidden");
      expect(logs).to.not.contain(MEMBER_TOKEN);
    });
  });
});
