/** The text of BENCHMARKS.md (and of the tables printed at the end of a run). */
import { Aggregate, briefError, LABEL, MODE_LABEL, rawTable, ratioTable, seconds, stateTable, targetTable, timeTables, machineTable } from "./report";
import { RunRecord } from "./lifecycle";
import { Machine } from "./machine";
import type { Plan } from "./index";

export interface DocumentInput {
  plan: Plan;
  machine: Machine;
  started: Date;
  finished: Date;
  loadAfter: string;
  records: RunRecord[];
  aggs: Aggregate[];
  /** Further invocations whose runs were pooled into this report (--from-json a,b). */
  merged?: { argv: string[]; started: string; finished: string; loadBefore: string; loadAfter: string }[];
}

function find(aggs: Aggregate[], contender: Aggregate["contender"], n: number, mode: Aggregate["mode"]): Aggregate | undefined {
  return aggs.find((a) => a.contender === contender && a.n === n && a.mode === mode && a.runs > 0);
}

/** What was run, and what the default plan leaves out and why. */
function planText(d: DocumentInput): string {
  const { plan } = d;
  const plural = (k: number) => `${k} run${k === 1 ? "" : "s"}`;
  const lines = [
    `- Sizes ${plan.sizes.join(", ")}; ${plural(plan.runs)} per cell, medians reported; contenders ${plan.contenders.map((c) => LABEL[c]).join(", ")}; ${plan.modes.map((m) => MODE_LABEL[m]).join(" and ")}.`,
  ];
  const heavy = plan.sizes.filter((n) => n >= plan.heavyFrom);
  if (!plan.full && heavy.length && plan.modes.includes("default")) {
    const left = plan.contenders.filter((c) => !plan.heavyContenders.includes(c));
    // What the heavy cells ended up with (runs of pooled invocations included).
    const got = heavy.flatMap((n) =>
      plan.heavyContenders.map((c) => `${LABEL[c]} at N=${n}: ${plural(d.aggs.find((a) => a.contender === c && a.n === n && a.mode === "default")?.runs ?? 0)}`),
    );
    lines.push(
      `- **Reduced:** with default checkpoints at N ≥ ${plan.heavyFrom}, ${got.join(", ")}` +
        (left.length ? `, and no ${left.map((c) => LABEL[c]).join(", ")}` : "") +
        ". The engine rewrites the whole state file after every step in that mode, so those runs cost minutes each and grow with N² × bytes per resource" +
        costSentence(d) +
        ". Everything else, including every contender at every N without checkpoints, has the full number of runs. `--full` runs everything.",
    );
  }
  return lines.join("\n");
}

function costSentence(d: DocumentInput): string {
  const n = Math.max(...d.plan.sizes);
  const parts: string[] = [];
  for (const c of ["floor", "kantata", "naive"] as const) {
    const a = find(d.aggs, c, n, "default");
    if (!a) continue;
    const total = (a.ms.up ?? 0) + (a.ms.preview ?? 0) + (a.ms.refresh ?? 0) + (a.ms.destroy ?? 0);
    parts.push(`${LABEL[c]} ${Math.round(total / 60000 * 10) / 10} min`);
  }
  const naive = find(d.aggs, "naive", n, "skip");
  const floor = find(d.aggs, "floor", n, "skip");
  let s = parts.length ? ` (one lifecycle at N=${n} took ${parts.join(", ")} here)` : "";
  const lifecycle = (a: Aggregate) => (a.ms.up ?? 0) + (a.ms.preview ?? 0) + (a.ms.refresh ?? 0) + (a.ms.destroy ?? 0);
  let missingMs = 0;
  for (const c of ["floor", "kantata"] as const) {
    const a = find(d.aggs, c, n, "default");
    if (a) missingMs += Math.max(0, d.plan.runs - a.runs) * lifecycle(a);
  }
  const floorDefault = find(d.aggs, "floor", n, "default");
  if (!find(d.aggs, "naive", n, "default") && naive?.resourceBytes && floor?.resourceBytes) {
    const ratio = naive.resourceBytes / floor.resourceBytes;
    s += `; the naive provider's state is ${ratio.toFixed(1)}× the floor's per resource, so its checkpointed runs would cost about that many times the floor's`;
    if (floorDefault) missingMs += d.plan.runs * lifecycle(floorDefault) * ratio;
  }
  if (missingMs > 0) s += `. Running all of them ${d.plan.runs} times would add roughly ${Math.round(missingMs / 60000)} min to this run`;
  return s;
}

function findings(d: DocumentInput): string {
  const out: string[] = [];
  const sizes = d.aggs.map((a) => a.n);
  // The issue's figures are at 1,000; a larger N (the large-stack point) gets its own finding.
  const n = sizes.includes(1000) ? 1000 : Math.max(0, ...sizes);
  const fd = find(d.aggs, "floor", n, "default");
  const fs = find(d.aggs, "floor", n, "skip");
  const kd = find(d.aggs, "kantata", n, "default");
  const ks = find(d.aggs, "kantata", n, "skip");
  const ns = find(d.aggs, "naive", n, "skip");
  const nb = ns ?? find(d.aggs, "naive", n, "default");
  const kb = nb ? find(d.aggs, "kantata", n, nb.mode) : undefined;
  const env = d.plan.settings.providerEnv;
  const rps = env.KANTATA_REQUESTS_PER_SECOND;
  const lat = d.plan.settings.latencyMs;
  const par = d.plan.settings.parallel;
  const mbOf = (b?: number) => (b ? (b / 1e6).toFixed(1) : "?");
  if (fd?.ms.up && fs?.ms.up) {
    out.push(
      `- **Checkpoints dominate at N=${n}.** The engine floor's up takes ${seconds(fd.ms.up)} with default checkpoints and ${seconds(fs.ms.up)} with \`PULUMI_SKIP_CHECKPOINTS=true\`; its destroy ${seconds(fd.ms.destroy)} and ${seconds(fs.ms.destroy)}. ` +
        `With checkpoints the engine rewrites the whole state file (${mbOf(fd.stateBytes)} MB for the floor at the end) after every step, so every byte a resource keeps in state costs time on every step, whatever the provider does.`,
    );
  }
  if (ks?.ms.up && fs?.ms.up) {
    const posts = ks.requests.up?.POST;
    let text =
      `- **Up without checkpoints** (N=${n}): pulumi-kantata ${seconds(ks.ms.up)}, the floor ${seconds(fs.ms.up)} (${(ks.ms.up / fs.ms.up).toFixed(2)}×), with ${ks.requests.up?.total ?? "?"} requests of ${lat} ms (${posts ?? "?"} POSTs).`;
    if (ks.ms.preview && fs.ms.preview && ks.ms.preview <= 1.1 * fs.ms.preview) {
      text +=
        ` The no-change preview (the program, then check and diff of every resource, no request) takes ${seconds(ks.ms.preview)} against the floor's ${seconds(fs.ms.preview)}: ` +
        `the program registers a membership about as fast as the floor's bare resource, since a resource registers with \`Error.stackTraceLimit\` 0 (\`provider/resources/shallowStacks.ts\`: @pulumi/pulumi formats a stack trace for each of the four promises of every output property, which under ts-node's source maps cost ~10 ms per membership before).`;
    } else if (ks.ms.preview && fs.ms.preview) {
      text +=
        ` Part of the gap comes before any request: the no-change preview (the program, then check and diff of every resource, no request) takes ${seconds(ks.ms.preview)} against the floor's ${seconds(fs.ms.preview)}` +
        (ns?.ms.preview ? ` and the naive provider's ${seconds(ns.ms.preview)}` : "") +
        ` (the engine handling resources that have inputs and outputs, which the floor's have not, and pulumi-kantata's own checks of every input).`;
    }
    if (posts && ks.requests.up) {
      text +=
        ` What remains is the shape of bulk creation under \`--parallel ${par}\`: the engine has at most ${par} creates in flight and a bulk takes up to 100, so creates go in about ${Math.ceil(n / Math.min(par, 100))} rounds, and in each round the engine waits for the bulk's reads (${ks.requests.up.reads} GETs for ${posts} POSTs here, about ${Math.round(ks.requests.up.reads / posts)} per bulk) and its POST, and its own turnaround before it hands out more creates; meanwhile the floor's creates return at once.`;
    }
    out.push(text);
  }
  if (ks?.requests.up && ks.requests.refresh) {
    const by = ks.requests.up.byEndpoint ?? {};
    const users = by["GET /users"] ?? 0;
    const lists = Object.entries(by).filter(([k]) => k.startsWith("GET ") && k.endsWith("_memberships")).reduce((sum, [, v]) => sum + v, 0);
    const refreshRatio = ks.ms.refresh && fs?.ms.refresh ? ` (${(ks.ms.refresh / fs.ms.refresh).toFixed(2)}× the floor's time)` : "";
    out.push(
      `- **Reads and refresh** (N=${n}, ${MODE_LABEL.skip}): the up's ${ks.requests.up.reads} reads are ${lists} list reads of memberships (the members of the groups, 200 per page, read once and shared by the lookups of every announced create), ${users} reads of users and ${ks.requests.up.reads - lists - users} other (the groups, the token's user). ` +
        `Users are read before any write, each round's with one request for the users its checks announced; the engine checks a round at a time, so fewer reads would need the users of later rounds before their checks come, or creates that skip the check that each user is on the account. ` +
        `The refresh makes ${ks.requests.refresh.total} reads${refreshRatio}: the engine has at most \`--parallel ${par}\` reads in flight, so a read holds at most ${Math.min(par, 200)} ids and ${Math.ceil(n / 200)} reads are out of reach at this parallelism; each round waits for one read of ${lat} ms that the floor (no read hook) does not make, and the provider process first loads its code (about 0.2 s, most of it zod and node-fetch).` +
        (ks.refreshOneTripMs && fs?.ms.refresh
          ? ` A reader that makes no request, loads none of this code and checks nothing, but answers each round one round trip of ${lat} ms after it closed (\`roundTripReader.ts\`, the same stack), takes ${seconds(ks.refreshOneTripMs)}, ${(ks.refreshOneTripMs / fs.ms.refresh).toFixed(2)}× the floor: that much of the gap is the rounds themselves, which any provider that reads by id pays.`
          : ""),
    );
  }
  if (kd?.ms.up && fd?.ms.up) {
    const extra = kd.resourceBytes && fd.resourceBytes ? kd.resourceBytes / fd.resourceBytes : undefined;
    const posts = kd.requests.up?.POST;
    let text =
      `- **Up with default checkpoints** (N=${n}): pulumi-kantata ${seconds(kd.ms.up)}, the floor ${seconds(fd.ms.up)} (${(kd.ms.up / fd.ms.up).toFixed(2)}×${kd.runs < 3 ? `; ${kd.runs} run` : ""}). ` +
      `Its entry in the state file is ${kd.resourceBytes ?? "?"} B per resource against the floor's ${fd.resourceBytes ?? "?"} B` +
      (extra ? ` (${extra.toFixed(2)}×; state file ${mbOf(kd.stateBytes)} MB against ${mbOf(fd.stateBytes)} MB)` : "") +
      `: it holds outputs the floor has none of (\`createdAt\`, \`creatorId\`, \`adopted\`, the ids), and its \`__provider\`, stored twice, is ${kd.providerBytes ?? "?"} B against the floor's ${fd.providerBytes ?? "?"} B (a one-line text, not Pulumi's serialization of a closure: \`provider/dynamic/providerSource.ts\`); all of it is rewritten at each step.`;
    if (ks?.ms.up && fs?.ms.up && extra) {
      const predicted = ks.ms.up + (fd.ms.up - fs.ms.up) * extra;
      text += ` A rough model: the floor's checkpoints cost ${seconds(fd.ms.up - fs.ms.up)} (default minus skip); scaled by the size ratio and added to pulumi-kantata's up without checkpoints, that predicts ${seconds(predicted)} (${(predicted / fd.ms.up).toFixed(2)}× the floor); measured ${seconds(kd.ms.up)}.`;
    }
    if (posts && posts > 0) {
      const perBulk = n / posts;
      text +=
        ` **Writes:** ${posts} POSTs for ${n} creates, ${perBulk.toFixed(1)} per bulk on average` +
        (ks?.requests.up?.POST ? ` (without checkpoints: ${ks.requests.up.POST} POSTs, ${(n / ks.requests.up.POST).toFixed(0)} per bulk)` : "") +
        `. With checkpoints the engine hands out creates at the pace of its state-file rewrites, ${n} over ${seconds(kd.ms.up)}, one every ${Math.round(kd.ms.up / n)} ms on average and more slowly as the file grows; while creates that \`check\` announced are still to come, a bulk stays open for three such gaps of quiet (up to 1 s) instead of the 50 ms window, and for as long as creates of the provider process are still in their lookup or verification (a round's creates wait there while their checks come one by one; the create the engine checked ahead, handed out as soon as a bulk returns, used to go alone: \`100, 1, 100, 1, …\`).`;
    }
    out.push(text);
  }
  if (nb && kb) {
    const r = (op: "up" | "refresh" | "destroy") => `${kb.requests[op]?.total ?? "?"} against ${nb.requests[op]?.total ?? "?"}`;
    out.push(
      `- **(a) against (b)** (N=${n}, ${MODE_LABEL[nb.mode]}): requests for up ${r("up")}, refresh ${r("refresh")}, destroy ${r("destroy")}; ` +
        `wall time up ${seconds(kb.ms.up)} against ${seconds(nb.ms.up)}, refresh ${seconds(kb.ms.refresh)} against ${seconds(nb.ms.refresh)}, destroy ${seconds(kb.ms.destroy)} against ${seconds(nb.ms.destroy)}. ` +
        `The naive provider sends up to ${par} requests at once with no limiter and no retry, which only works because the simulator has no rate limit in these runs: against a rate-limited API its 429s would fail the operation. Its state is ${nb.resourceBytes ?? "?"} B per resource (its serialized hooks, ${nb.providerBytes ?? "?"} B, twice).`,
    );
  }
  if (kb?.requests.destroy) {
    out.push(
      `- **Destroy** makes one DELETE per membership (the API has no bulk delete): ${kb.requests.destroy.DELETE} DELETEs in ${seconds(kb.ms.destroy)}` +
        (rps ? ` with \`KANTATA_REQUESTS_PER_SECOND=${rps}\` as the ceiling.` : `; the limiter finds the rate from the answers (no rate limit in these runs; under one, see BENCHMARKS-rate-limit.md).`),
    );
  }
  const large = Math.max(0, ...d.aggs.filter((a) => a.mode === "skip").map((a) => a.n));
  const kl = find(d.aggs, "kantata", large, "skip");
  const fl = find(d.aggs, "floor", large, "skip");
  if (large > n && kl && ks) {
    const per = (a: typeof kl, op: "up" | "preview" | "refresh" | "destroy", k: number) => (a.ms[op] === undefined ? "–" : `${(a.ms[op]! / k).toFixed(1)} ms`);
    const ops = (["up", "preview", "refresh", "destroy"] as const).map((op) => `${op} ${seconds(kl.ms[op])} (${per(kl, op, large)} per resource against ${per(ks, op, n)} at ${n}${fl?.ms[op] ? `; the floor ${seconds(fl.ms[op])}` : ""})`);
    out.push(
      `- **${large} memberships** (${MODE_LABEL.skip}): ${ops.join(", ")}; ${kl.requests.up?.POST ?? "?"} POSTs and ${kl.requests.up?.reads ?? "?"} reads for the up, ${kl.requests.refresh?.total ?? "?"} for the refresh. ` +
        `Peak memory: engine ${Math.round((kl.peak.engine ?? 0) / 2 ** 20)} MiB, provider process ${Math.round((kl.peak.provider ?? 0) / 2 ** 20)} MiB, program ${Math.round((kl.peak.program ?? 0) / 2 ** 20)} MiB, simulator ${Math.round((kl.peak.simulator ?? 0) / 2 ** 20)} MiB` +
        (fl ? ` (the floor's: ${Math.round((fl.peak.engine ?? 0) / 2 ** 20)}, ${Math.round((fl.peak.provider ?? 0) / 2 ** 20)}, ${Math.round((fl.peak.program ?? 0) / 2 ** 20)} MiB)` : "") +
        `. Time per resource falls with N: the engine's fixed start-up is spread over more resources.`,
    );
  }
  const kPeak = kd ?? ks;
  if (kPeak?.peak.engine) {
    out.push(
      `- **Memory** (N=${n}): engine ${Math.round(kPeak.peak.engine / 2 ** 20)} MiB, pulumi-kantata's provider process ${Math.round((kPeak.peak.provider ?? 0) / 2 ** 20)} MiB` +
        (nb?.peak.provider ? ` (the naive provider's ${Math.round(nb.peak.provider / 2 ** 20)} MiB, the floor's ${Math.round(((fs ?? fd)?.peak.provider ?? 0) / 2 ** 20)} MiB)` : "") +
        `, simulator ${Math.round((kPeak.peak.simulator ?? 0) / 2 ** 20)} MiB.`,
    );
  }
  return out.join("\n");
}

/** The run's own flags, without those that only say where output goes. */
function rerunArgs(argv: string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.split("=")[0];
    if (["--out", "--json", "--from-json"].includes(name)) {
      if (!a.includes("=")) i++;
      continue;
    }
    if (name === "--verbose") continue;
    kept.push(a);
  }
  return kept.length ? ` -- ${kept.join(" ")}` : "";
}

export function renderDocument(d: DocumentInput): { markdown: string; tables: string } {
  const { plan, machine } = d;
  const env = plan.settings.providerEnv;
  const argv = rerunArgs(d.plan.argv);
  const failures = d.records.filter((r) => r.error);
  const tables = [
    timeTables(d.aggs),
    "### Ratios of median wall times: (a)/(c) against the engine floor, (a)/(b) against the naive provider\n",
    ratioTable(d.aggs),
    "\n### State and peak memory (resident set, MiB; the largest process of each role)\n",
    stateTable(d.aggs),
    "\n### The issue's targets\n",
    targetTable(d.aggs),
  ].join("\n");
  const markdown = `# Benchmarks

pulumi-kantata's \`UserGroupMembership\` against (b) a naive dynamic provider (one request per
operation, no batching, the way the usual examples are written: \`scripts/bench/naiveProvider.ts\`)
and (c) the engine floor (the same number of dynamic resources whose provider makes no request and
keeps nothing but itself in state: \`scripts/bench/floorProvider.ts\`), under the real Pulumi engine
and the Kantata OX simulator. Generated by \`npm run bench\`; every figure below comes from the run
described here. Wall times on a shared or busy machine are noisy: compare the contenders of one
run (they are interleaved run by run), not runs of different days.

## Re-run

\`\`\`sh
npm run bench${argv}
\`\`\`

${(d.merged ?? []).map((m) => `Pooled with the runs of \`npm run bench${rerunArgs(m.argv)}\` (${m.started} – ${m.finished}, load ${m.loadBefore} → ${m.loadAfter}): each cell's median is over the runs of both.\n\n`).join("")}\`npm run bench\` alone runs the default plan; \`npm run bench -- --sizes 10,100 --runs 1\` is a quick
look (a few minutes); \`npm run bench -- --full\` drops every reduction (much longer: see the estimate under "What was run");
\`npm run bench -- --help\` lists the options.

## Machine

${machineTable(machine, d.started, d.finished, d.loadAfter)}

## What was run

- Each run: a fresh simulator process (\`node dist/simulator/cli.js --latency-ms ${plan.settings.latencyMs}\`, default
  2,000-user account), a fresh stack in a fresh file backend, then \`pulumi up\`, a no-change
  \`pulumi preview\`, \`pulumi refresh\` and \`pulumi destroy\`, each with \`--parallel ${plan.settings.parallel}\` (up, refresh and
  destroy with \`--skip-preview\`). Each step is checked: the engine's summary (N + 1 created, unchanged,
  deleted: the count includes the stack resource), the memberships present on the simulator after up and gone after destroy.
- N memberships that do not exist yet (one per user, spread over the 8 workspace groups), the same
  pairs for (a) and (b); (c) declares N resources with no inputs.
- pulumi-kantata's settings: ${Object.entries(env).map(([k, v]) => `\`${k}=${v}\``).join(", ") || "its defaults (none set)"}. The naive provider has no
  limiter at all (so it is never slowed by one; the simulator has no rate limit in these runs).
- Every contender's program runs with \`PULUMI_NODEJS_TRANSPILE_ONLY=true\` (no type check of the program on each run).
- Requests are the simulator's own counters for the operation; "writes" are POST, PUT and DELETE.
  Peak memory is the largest \`VmHWM\` seen (sampled every 100 ms from /proc) of the engine (\`pulumi\`), the provider process
  (node running \`@pulumi/pulumi/cmd/dynamic-provider\`), the program (language host and node program) and the simulator.
- State: the stack's state file after up, its size per resource, one resource's entry as written there, the part of it the provider controls
  (id, inputs and outputs, each holding the serialized provider \`__provider\`), and \`__provider\` alone.
${planText(d)}

## Targets (issue 16)

${targetTable(d.aggs)}

## Findings

${findings(d)}

## Results

${timeTables(d.aggs)}
### Ratios of median wall times: (a)/(c) against the engine floor, (a)/(b) against the naive provider

${ratioTable(d.aggs)}

### State and peak memory (resident set, MiB; the largest process of each role)

${stateTable(d.aggs)}

<details><summary>Every run's wall times</summary>

${rawTable(d.records)}

</details>
${failures.length ? `\n## Failed runs\n\n${failures.map((r) => `- N=${r.n} ${r.mode} ${LABEL[r.contender]} run ${r.run}:\n\n\`\`\`\n${briefError(r.error!).replace(/\n      /g, "\n")}\n\`\`\``).join("\n")}\n` : ""}`;
  return { markdown, tables };
}
