import { expect } from "chai";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ENGINE_BIN, engineEnv, PulumiStack, REPO_ROOT } from "../../scripts/lib/pulumiStack";
import { ADMIN_TOKEN } from "../helpers/simulator";

const exec = promisify(execFile);

/** Every `@pulumi/pulumi/package.json` below `dir` (how many copies a project holds). */
function sdkCopies(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const full = path.join(d, e.name);
      if (full.endsWith(path.join("node_modules", "@pulumi", "pulumi"))) found.push(full);
      walk(full);
    }
  };
  walk(path.join(dir, "node_modules"));
  return found;
}

/**
 * The package as users get it: `npm pack`, installed into fresh projects outside the repository,
 * driven by the real engine against a simulator started by the installed package's own command.
 */
describe("the packed package, installed into fresh projects (as users install it)", function () {
  let root: string;
  let tarball: string;
  const stacks: PulumiStack[] = [];
  const simulators: ChildProcess[] = [];

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), "kantata-installed-"));
    const { stdout } = await exec("npm", ["pack", "--ignore-scripts", "--pack-destination", root], { cwd: REPO_ROOT });
    tarball = path.join(root, stdout.trim().split("\n").pop()!);
  });
  after(async () => {
    for (const s of stacks) {
      s.killAll();
      s.dispose();
    }
    for (const p of simulators) p.kill("SIGTERM");
    rmSync(root, { recursive: true, force: true });
  });

  /** A project folder with a package.json naming `deps` (and the tarball), installed with npm. */
  async function project(name: string, deps: Record<string, string>, files: Record<string, string>): Promise<string> {
    const dir = path.join(root, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, dependencies: { "pulumi-kantata": `file:${tarball}`, ...deps } }, null, 2));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    await exec("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir });
    return dir;
  }

  /** `npx pulumi-kantata simulator --port 0` in `dir`; resolves to its base URL. */
  function startInstalledSimulator(dir: string): Promise<string> {
    const child = spawn(path.join(dir, "node_modules", ".bin", "pulumi-kantata"), ["simulator", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    simulators.push(child);
    return new Promise((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (b) => {
        out += b;
        if (out.includes("\n")) resolve(out.split("\n")[0]);
      });
      child.on("exit", (code) => reject(new Error(`pulumi-kantata simulator exited ${code}`)));
    });
  }

  it("holds what users need, once: the fixture once, no source maps, a LICENSE and the docs its README links to", async () => {
    const { stdout } = await exec("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n").map((f) => f.replace(/^package\//, ""));
    expect(files.filter((f) => f.endsWith("default-account.json"))).to.deep.equal(["dist/simulator/fixtures/default-account.json"]);
    expect(files.filter((f) => f.endsWith(".map"))).to.deep.equal([]);
    expect(files).to.include.members(["LICENSE", "README.md", "simulator/README.md", "BENCHMARKS.md", "bin/pulumi-kantata.js", "dist/provider/index.js", "templates/typescript/Pulumi.yaml", "templates/typescript/index.ts"]);
  });

  it("creates a TypeScript project from the package's template (pulumi new, offline) that previews, ups, refreshes and destroys against `npx pulumi-kantata simulator`", async () => {
    // The template as it ships: unpacked from the tarball, then `pulumi new <path> --generate-only`.
    const unpacked = path.join(root, "unpacked");
    mkdirSync(unpacked);
    await exec("tar", ["-xzf", tarball, "-C", unpacked]);
    const dir = path.join(root, "ts-project");
    const work = mkdtempSync(path.join(tmpdir(), "kantata-new-"));
    await exec(path.join(ENGINE_BIN, "pulumi"), ["new", path.join(unpacked, "package", "templates", "typescript"), "--dir", dir, "--name", "ts-project", "--description", "from the template", "--generate-only", "--yes", "--non-interactive"], {
      env: engineEnv(work),
    });
    rmSync(work, { recursive: true, force: true });
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).to.equal("ts-project");
    pkg.dependencies["pulumi-kantata"] = `file:${tarball}`;
    writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    await exec("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir });
    expect(sdkCopies(dir)).to.have.length(1);
    const url = await startInstalledSimulator(dir);
    const stack = await PulumiStack.init({ projectDir: dir, stackName: "dev", env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: url } });
    stacks.push(stack);
    const members = async () => {
      const res = await fetch(`${url}/user_group_memberships?user_ids=13&group_ids=5`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return ((await res.json()) as { count: number }).count;
    };
    const { json } = await stack.previewJson();
    expect(json.changeSummary).to.deep.equal({ create: 2 });
    await stack.up();
    expect(await members()).to.equal(1);
    await stack.refresh();
    expect((await stack.previewJson()).json.changeSummary).to.deep.equal({ same: 2 });
    await stack.destroy();
    expect(await members()).to.equal(0);
  });

  it("keeps one copy of @pulumi/pulumi in a JavaScript project already on another supported version, where every type works", async () => {
    const dir = await project("js-project", { "@pulumi/pulumi": "3.200.0" }, {
      "Pulumi.yaml": "name: js-project\nruntime: nodejs\nmain: index.js\n",
      "index.js": [
        'const kantata = require("pulumi-kantata");',
        'new kantata.AccessGroupMembership("reviewer", { userId: 6, accessGroupId: 11 });',
        'new kantata.SkillMembership("python", { userId: 6, skillId: kantata.getSkillOutput({ name: "python" }).id, level: 3 });',
        'new kantata.HolidayCalendarMembership("uk", { userId: 600, holidayCalendarId: kantata.getHolidayCalendarOutput({ name: "United Kingdom" }).id, startDate: "2027-01-01" });',
      ].join("\n"),
    });
    expect(sdkCopies(dir).map((d) => path.relative(dir, d))).to.deep.equal([path.join("node_modules", "@pulumi", "pulumi")]);
    const url = await startInstalledSimulator(dir);
    const stack = await PulumiStack.init({ projectDir: dir, stackName: "dev", env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: url } });
    stacks.push(stack);
    const live = async (query: string) => {
      const res = await fetch(`${url}/${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const body = (await res.json()) as { results: { key: string; id: string }[] } & Record<string, Record<string, Record<string, unknown>>>;
      return body.results.map((r) => body[r.key][r.id]);
    };
    await stack.up();
    expect((await live("skill_memberships?user_ids=6&by_skill_ids=2")).map((m) => m.level)).to.deep.equal([3]);
    expect((await live("holiday_calendar_memberships?by_user_id=600")).map((m) => [m.holiday_calendar_id, m.start_date])).to.deep.equal([["2", "2027-01-01"]]);
    await stack.destroy();
    expect(await live("skill_memberships?user_ids=6&by_skill_ids=2")).to.deep.equal([]);
  });

  it("runs the lifecycle in a project on the newest @pulumi/pulumi (3.276.0, which asks for Node 22), on this Node", async () => {
    const dir = await project("newest-sdk", { "@pulumi/pulumi": "3.276.0" }, {
      "Pulumi.yaml": "name: newest-sdk\nruntime: nodejs\nmain: index.js\n",
      "index.js": [
        'const kantata = require("pulumi-kantata");',
        'new kantata.InsightsAccessGroupMembership("analyst", { userId: 60, insightsAccessGroupId: 4, canEdit: false });',
        'new kantata.WorkspaceGroupMembers("team", { workspaceGroupId: 8, userIds: require("./members.json") });',
        "",
      ].join("\n"),
      "members.json": "[]",
    });
    expect(sdkCopies(dir)).to.have.length(1);
    const url = await startInstalledSimulator(dir);
    const api = async (p: string) => (await (await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { count: number };
    // The group's live members, so the authoritative resource adopts them with no write.
    const members: number[] = [];
    for (let page = 1; ; page++) {
      const body = (await api(`/user_group_memberships?group_ids=8&per_page=200&page=${page}`)) as unknown as { results: { id: string }[]; user_group_memberships: Record<string, { user_id: string }>; meta: { page_count: number } };
      members.push(...body.results.map((r) => Number(body.user_group_memberships[r.id].user_id)));
      if (page >= body.meta.page_count) break;
    }
    writeFileSync(path.join(dir, "members.json"), JSON.stringify(members));
    const stack = await PulumiStack.init({ projectDir: dir, stackName: "dev", env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: url } });
    stacks.push(stack);
    await stack.up();
    expect((await api("/insights_access_group_memberships?user_ids=60")).count).to.equal(1);
    await stack.refresh();
    expect((await stack.previewJson()).json.changeSummary).to.deep.equal({ same: 3 });
    await stack.destroy();
    expect((await api("/insights_access_group_memberships?user_ids=60")).count).to.equal(0);
    expect((await api("/user_group_memberships?group_ids=8")).count).to.equal(0);
  });

  it("refuses at preview a project on an SDK older than the range, naming both versions and the fix", async () => {
    const dir = await project("old-sdk", { "@pulumi/pulumi": "3.130.0" }, {
      "Pulumi.yaml": "name: old-sdk\nruntime: nodejs\nmain: index.js\n",
      "index.js": 'const kantata = require("pulumi-kantata");\nnew kantata.AccessGroupMembership("reviewer", { userId: 6, accessGroupId: 11 });\n',
    });
    const stack = await PulumiStack.init({ projectDir: dir, stackName: "dev", env: { KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: "http://127.0.0.1:9/api/v1" } });
    stacks.push(stack);
    const out = await stack.run(["preview"], { allowFailure: true });
    const text = out.stdout + out.stderr;
    expect(out.code).to.not.equal(0);
    expect(text).to.contain("pulumi-kantata supports @pulumi/pulumi >=3.139.0 <4, and this program runs @pulumi/pulumi 3.130.0");
    expect(text).to.match(/Fix: npm install @pulumi\/pulumi@\^3\.\d+\.\d+ \(any version in the range works\)/);
    expect(text).to.not.contain("provider.create is not a function");
  });
});
