/**
 * The reliability figures (`npm run reliability`, i.e. `node dist/scripts/reliability.js` after a
 * build): runs the scenarios of `scripts/reliability/` (which the tests in `tests/e2e/reliability` also run) once with the real engine against the
 * simulator — 300 memberships created, changed and destroyed under seeded faults, an API outage,
 * three SIGKILLs of `pulumi` in the middle of an up — plus the bad-input table when
 * `tests/e2e/badInputs.ts` is there, prints a table of figures, and rewrites the README between
 * `<!-- reliability:start -->` and `<!-- reliability:end -->`.
 *
 *   node dist/scripts/reliability.js [--no-readme]
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./lib/pulumiStack";
import {
  CHANGE_100,
  type CrashFigures,
  DOWN_AFTER_WRITES,
  type PhaseFigures,
  PARALLEL,
  type ReliabilityFigures,
  runReliabilityScenarios,
  STACK_300,
  STACK_60,
} from "./reliability/scenarios";

const START = "<!-- reliability:start -->";
const END = "<!-- reliability:end -->";
const README = path.join(REPO_ROOT, "README.md");

/** The figures of the bad-input table (`tests/e2e/badInputs.ts`, written separately). */
interface BadInputFigures {
  tried: number;
  rejected: number;
  atPreview: number;
  writes: number;
}

/** Runs the bad-input table when its module was built; undefined when it is not there. */
async function runBadInputsIfPresent(log: (line: string) => void): Promise<BadInputFigures | undefined> {
  const compiled = path.join(REPO_ROOT, "dist", "tests", "e2e", "badInputs.js");
  if (!existsSync(compiled)) return undefined;
  // Loaded by path at run time, so this script builds whether or not that module exists yet.
  const mod = require(compiled) as { runBadInputs?: (o?: { log?: (line: string) => void }) => Promise<BadInputFigures> };
  if (typeof mod.runBadInputs !== "function") return undefined;
  const { tried, rejected, atPreview, writes } = await mod.runBadInputs({ log: (line) => log(`  ${line}`) });
  return { tried, rejected, atPreview, writes };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** `GET 282 · POST 254 · PUT 37` (total first). */
function byMethod(p: { requests: PhaseFigures["requests"] }): string {
  const order = ["GET", "POST", "PUT", "DELETE"];
  const parts = order.filter((m) => p.requests.byMethod[m]).map((m) => `${m} ${p.requests.byMethod[m]}`);
  return `${p.requests.total} (${parts.join(" · ")})`;
}

/** Faults of a phase, grouped: 503, dropped connections, slow answers, 429 storms; and lost answers of writes that happened. */
function faultSummary(p: PhaseFigures): string {
  if (p.requests.total === 0) return "–";
  const groups: Record<string, number> = {};
  let lostAnswers = 0;
  for (const [kind, n] of Object.entries(p.faults)) {
    const group = kind.startsWith("429") ? "429" : kind.split(" ")[0];
    groups[group] = (groups[group] ?? 0) + n;
    if (/ after (POST|PUT|DELETE)$/.test(kind)) lostAnswers += n;
  }
  const names: Record<string, string> = { "503": "503", drop: "dropped", slow: "too slow", "429": "429" };
  const parts = Object.entries(groups).map(([g, n]) => `${n} ${names[g] ?? g}`);
  if (parts.length === 0) return "none";
  return `${percent(p.faultedShare)}: ${parts.join(", ")}${lostAnswers ? `; ${lostAnswers} writes done but answer lost` : ""}`;
}

const yes = (b: boolean) => (b ? "yes" : "**NO**");

/** The main table: one row per operation. */
function rows(f: ReliabilityFigures, bad: BadInputFigures | undefined): string[][] {
  const [create, change, destroy] = f.faults.phases;
  const { down, recovered } = f.outage;
  const crash = f.crash;
  const orphans = new Set(crash.kills.flatMap((k) => k.orphans)).size;
  const exactRow = (operation: string, p: PhaseFigures, faults = faultSummary(p)): string[] => [
    operation,
    byMethod(p),
    faults,
    String(p.duplicates),
    String(p.lost),
    yes(p.exitCode === 0 && p.exact),
    seconds(p.wallMs),
  ];
  const out: string[][] = [
    exactRow(`\`pulumi up\`: create ${STACK_300.userGroup + STACK_300.accessGroup + STACK_300.insights} (${STACK_300.userGroup} user-group, ${STACK_300.accessGroup} access-group, ${STACK_300.insights} Insights)`, create),
    exactRow(`\`pulumi up\`: change ${CHANGE_100.canEditFlips + CHANGE_100.replaced + CHANGE_100.removed} (${CHANGE_100.canEditFlips} canEdit flips, ${CHANGE_100.replaced} moved to other users, ${CHANGE_100.removed} removed)`, change),
    exactRow(`\`pulumi destroy\` of the remaining ${destroy.operations.delete}`, destroy),
    [
      `API down (503 on everything) from the ${DOWN_AFTER_WRITES}th write of an up of ${STACK_60.userGroup + STACK_60.accessGroup + STACK_60.insights}, \`kantata:maxRetries 2\`: the up fails, ${down.failedResources} resources saying "${down.gaveUp[0] ?? "?"}"`,
      byMethod(down),
      `${down.requestsWhileDown} requests while down, all 503`,
      String(down.exactness.duplicates.length),
      String(down.exactness.stateWrong.filter((w) => !w.endsWith(": not in state")).length + down.exactness.fixtureLost.length),
      `fails, token not shown: ${yes(down.exitCode !== 0 && !down.tokenInOutput)}`,
      seconds(down.wallMs),
    ],
    exactRow(
      `\`pulumi up\` once the API is back${down.stranded.length ? ` (adopts the ${down.stranded.length} memberships that failed creates had made)` : ""}`,
      recovered,
      "none",
    ),
    [
      `${crash.kills.length} × SIGKILL of \`pulumi up\` of 300, each followed by \`pulumi cancel --yes\` and \`pulumi refresh --clear-pending-creates\` (table below)`,
      byMethod({ requests: sumRequests(crash.kills.map((k) => k.requests)) }),
      "kills",
      "–",
      String(crash.kills.reduce((n, k) => n + k.droppedByRefresh, 0)),
      "–",
      seconds(crash.kills.reduce((n, k) => n + k.wallMs, 0)),
    ],
    [
      `\`pulumi up\` after the crashes: adopts the ${orphans} memberships that reached Kantata but not the state (${crash.orphansNotAdopted.length} not adopted, ${crash.conflicts} conflicts)`,
      byMethod(crash.final),
      "none",
      String(crash.final.duplicates),
      String(crash.final.lost),
      yes(crash.final.exitCode === 0 && crash.final.exact && crash.orphansNotAdopted.length === 0 && crash.conflicts === 0),
      seconds(crash.final.wallMs),
    ],
  ];
  if (bad) {
    out.push([
      `the bad-input table (\`tests/e2e/badInputs.ts\`): ${bad.tried} tried, ${bad.rejected} rejected, ${bad.atPreview} of them at preview`,
      `${bad.writes} write requests`,
      "–",
      "–",
      "–",
      `all rejected: ${yes(bad.rejected === bad.tried)}`,
      "–",
    ]);
  }
  return out;
}

function sumRequests(list: PhaseFigures["requests"][]): PhaseFigures["requests"] {
  const out: PhaseFigures["requests"] = { total: 0, byMethod: {}, byEndpoint: {}, byStatus: {} };
  for (const r of list) {
    out.total += r.total;
    for (const key of ["byMethod", "byEndpoint", "byStatus"] as const) {
      for (const [k, v] of Object.entries(r[key])) out[key][k] = (out[key][k] ?? 0) + v;
    }
  }
  return out;
}

const HEADER = ["operation", "requests", "faults hit", "duplicates", "lost", "exact", "wall time"];
const CRASH_HEADER = ["crash", "memberships on Kantata", "in state / pending creates", "processes killed / left running", "stack locked", "refresh dropped", "on Kantata, not in state", "wall time"];

/** One row per kill. */
function crashRows(c: CrashFigures): string[][] {
  return c.kills.map((k, i) => [
    String(i + 1),
    String(k.liveAtKill),
    `${k.inStateAtKill} / ${k.pendingAtKill}`,
    `${k.processesKilled.length} / ${k.survivors.length}`,
    `${k.wasLocked ? "yes, cancelled" : "no"}${k.sidecarsRepaired.length ? "; empty sidecar deleted" : ""}`,
    String(k.droppedByRefresh),
    String(k.orphans.length),
    seconds(k.wallMs),
  ]);
}

function printTable(header: string[], table: string[][]): void {
  for (const row of [header, ...table]) console.log(row.map((cell, i) => (i === 0 ? cell.slice(0, 120) : cell)).join(" | "));
}

function markdownTable(header: string[], table: string[][]): string[] {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...table.map((r) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`)];
}

function markdown(f: ReliabilityFigures, bad: BadInputFigures | undefined, totalMs: number): string {
  const allPhases = [...f.faults.phases, f.outage.recovered, f.crash.final];
  const duplicates = allPhases.reduce((n, p) => n + p.duplicates, 0);
  const lost = allPhases.reduce((n, p) => n + p.lost, 0);
  const repaired = f.crash.kills.filter((k) => k.sidecarsRepaired.length > 0).length;
  const settings = Object.entries(f.faults.settings).map(([k, v]) => `\`kantata:${k} ${v}\``).join(", ");
  const killed = [...new Set(f.crash.kills.flatMap((k) => k.processesKilled))].map((c) => `\`${c}\``).join(", ");
  const firstRequest = f.faults.phases[0].firstRequestMs;
  const lines = [
    START,
    `Measured by \`npm run reliability\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, Node ${process.version}, \`pulumi\` v3.248.0, the simulator,`,
    `fault seed ${f.seed}; ${seconds(totalMs)} in all). The same scenarios are the tests in \`tests/e2e/reliability/\`. *Exact* means:`,
    "the memberships on the simulator beyond its fixture are exactly the declared (type, user, group, canEdit) set, each once,",
    "the rest of the account is untouched, and the state holds each declared resource with its live id and no pending operation.",
    "",
    `**Faults injected** (seeded, first matching rule wins; ${percent(f.faults.phases[0].faultedShare)} of the requests of the first up were hit):`,
    ...f.faults.kinds.map((k) => `- ${k}`),
    "",
    `Stack settings, as a user facing such an API would set them: ${settings}; \`pulumi up --parallel ${PARALLEL}\`.`,
    "",
    ...markdownTable(HEADER, rows(f, bad)),
    "",
    `**Crashes.** Every POST is answered 700 ms after Kantata made the membership, so each kill finds creates that reached`,
    `Kantata but not the state. Killed each time: ${killed} (the engine starts its plugins in process groups of their own).`,
    "",
    ...markdownTable(CRASH_HEADER, crashRows(f.crash)),
    "",
    `**Duplicates: ${duplicates}. Lost: ${lost}.** ${
      bad
        ? `Bad inputs: ${bad.tried} tried, ${bad.rejected} rejected (${bad.atPreview} at preview), ${bad.writes} write requests.`
        : "TODO: bad inputs were not run (`tests/e2e/badInputs.ts` was not there when these figures were made)."
    }`,
    "",
    `Wall times: the engine takes ${firstRequestMs(firstRequest)} from \`pulumi up\` to the first request; the rest is mostly backoff tails (a request`,
    "unlucky several times in a row waits tens of seconds). With the file backend, a SIGKILL can land while the backend",
    "rewrites a checkpoint's `.attrs` sidecar (gocloud.dev's fileblob truncates it in place before it renames the new checkpoint",
    "in): every command then fails with `failed to load checkpoint: EOF`, although the checkpoint itself is intact. Deleting the",
    `empty \`<stack>.json.attrs\` fixes it (needed after ${repaired} of the ${f.crash.kills.length} kills of this run); a backend URL ending in`,
    "`?metadata=skip` (`PULUMI_BACKEND_URL=file:///path/to/state?metadata=skip`) makes the backend write no sidecars at all.",
    "",
    "Re-run: `npm run build && npm run reliability` (`node dist/scripts/reliability.js --no-readme` prints without touching this section).",
    END,
  ];
  return lines.join("\n");
}

function firstRequestMs(ms: number | undefined): string {
  return ms === undefined ? "a few seconds" : `about ${Math.round(ms / 1000)} s`;
}

function rewriteReadme(section: string): void {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} span to fill`);
  writeFileSync(README, text.slice(0, start) + section + text.slice(end + END.length));
}

async function main(): Promise<void> {
  const writeReadme = !process.argv.includes("--no-readme");
  const started = Date.now();
  const log = (line: string) => console.error(line);
  const figures = await runReliabilityScenarios(log);
  log("bad inputs …");
  const bad = await runBadInputsIfPresent(log);
  if (!bad) log("  tests/e2e/badInputs.ts is not built: TODO line written instead of its figures");
  const totalMs = Date.now() - started;

  console.log("");
  printTable(HEADER, rows(figures, bad));
  console.log("");
  printTable(CRASH_HEADER, crashRows(figures.crash));
  console.log("");
  for (const p of [...figures.faults.phases, figures.outage.down, figures.outage.recovered, figures.crash.final]) {
    console.log(`${p.phase}: statuses ${JSON.stringify(p.requests.byStatus)}; faults ${JSON.stringify(p.faults)}; storms ${p.storms}`);
  }
  console.log(`total ${seconds(totalMs)}`);

  if (writeReadme) {
    rewriteReadme(markdown(figures, bad, totalMs));
    console.log(`README.md: reliability section rewritten`);
  }
  const allExact = [...figures.faults.phases, figures.outage.recovered, figures.crash.final].every((p) => p.exitCode === 0 && p.exact);
  const badOk = !bad || bad.rejected === bad.tried;
  process.exitCode = allExact && badOk && figures.crash.orphansNotAdopted.length === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
