/**
 * The main job (`npm start`): starts the Kantata OX simulator, runs `pulumi up` of the root
 * Pulumi.yaml (examples/team-onboarding) on a local stack, prints what now exists on the
 * simulator, previews a small change with `--diff`, and destroys the stack.
 *
 *   npm start              # the whole tour, then destroy
 *   npm start -- --keep    # keep the stack's state folder (printed at the end)
 */
import { rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSimulator } from "../simulator";
import { PulumiStack, REPO_ROOT } from "./lib/pulumiStack";

const TOKEN = "sim-admin-token"; // the simulator's administrator token, never a real one
const STACK = "demo";

function heading(text: string): void {
  console.log(`\n\x1b[1m== ${text} ==\x1b[0m`);
}

/** A plain text table. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { keep: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log("usage: npm start [-- --keep]\n  --keep  keep the demo stack's state folder instead of destroying the stack");
    return;
  }
  const sim = await startSimulator({ port: 0 });
  const workRoot = path.join(REPO_ROOT, ".demo");
  rmSync(workRoot, { recursive: true, force: true });
  mkdirSync(workRoot, { recursive: true });
  let stack: PulumiStack | undefined;
  try {
    heading(`Kantata OX simulator at ${sim.url}`);
    stack = await PulumiStack.init({
      projectDir: REPO_ROOT,
      stackName: STACK,
      workRoot,
      env: { KANTATA_API_TOKEN: TOKEN, KANTATA_BASE_URL: sim.url },
    });

    heading("pulumi up");
    await stack.up([], { echo: true });

    heading("What now exists on the simulator");
    console.log(await describeStack(stack, sim.url));

    heading("pulumi preview --diff, after `pulumi config set analystCanEdit true`");
    await stack.setConfig("analystCanEdit", "true");
    await stack.run(["preview", "--diff"], { echo: true });

    if (values.keep) {
      heading("Kept");
      console.log(`The stack's state is in ${workRoot} (PULUMI_BACKEND_URL=file://${path.join(workRoot, "backend")}).`);
      console.log("The simulator stops with this command; its memberships are gone with it.");
    } else {
      heading("pulumi destroy");
      await stack.destroy([], { echo: true });
      await stack.run(["stack", "rm", "--yes", STACK]);
    }
  } finally {
    if (!values.keep) {
      rmSync(path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`), { force: true });
      rmSync(workRoot, { recursive: true, force: true });
    }
    await sim.close();
  }
}

/** One row per membership of the stack, with the names the simulator knows for its ids. */
async function describeStack(stack: PulumiStack, baseUrl: string): Promise<string> {
  const { deployment } = await stack.exportState();
  const get = async (p: string) => {
    const res = await fetch(`${baseUrl}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return (await res.json()) as Record<string, any>;
  };
  const names = async (collection: string, key: string, ids: number[]) => {
    const body = await get(`/${collection}?only=${[...new Set(ids)].join(",")}${collection === "users" ? "&on_my_account=true" : ""}`);
    return new Map(Object.values(body[key] ?? {}).map((r: any) => [Number(r.id), String(r.full_name ?? r.name)]));
  };
  const memberships = (deployment.resources ?? []).filter((r) => r.type.includes("dynamic/kantata:"));
  const outs = memberships.map((r) => ({ type: r.type.split(":").pop()!, id: r.id!, o: r.outputs! }));
  const users = await names("users", "users", outs.map((m) => Number(m.o.userId)));
  const workspace = await names("workspace_groups", "workspace_groups", outs.filter((m) => m.o.workspaceGroupId).map((m) => Number(m.o.workspaceGroupId)));
  const rows = [["type", "kantata id", "user", "group", "canEdit"]];
  for (const m of outs.sort((a, b) => a.type.localeCompare(b.type) || Number(a.id) - Number(b.id))) {
    const group =
      (m.o.accessGroupName as string) ?? (m.o.insightsAccessGroupName as string) ?? workspace.get(Number(m.o.workspaceGroupId)) ?? "?";
    rows.push([m.type, m.id, `${users.get(Number(m.o.userId)) ?? "?"} (${m.o.userId})`, group, m.o.canEdit === undefined ? "" : String(m.o.canEdit)]);
  }
  return table(rows) + `\n${outs.length} memberships`;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
