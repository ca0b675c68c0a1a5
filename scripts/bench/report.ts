/**
 * Medians over runs, ratios between contenders, the check against the issue's targets, and the
 * text of the tables (Markdown, printed as is and written to BENCHMARKS.md).
 */
import { CheckpointMode, Contender, Op, OPS, Requests, RunRecord } from "./lifecycle";
import { Machine } from "./machine";

export const LABEL: Record<Contender, string> = {
  kantata: "(a) pulumi-kantata",
  naive: "(b) naive provider",
  floor: "(c) engine floor",
};
export const MODE_LABEL: Record<CheckpointMode, string> = {
  default: "default checkpoints",
  skip: "PULUMI_SKIP_CHECKPOINTS=true",
};

export interface Aggregate {
  contender: Contender;
  n: number;
  mode: CheckpointMode;
  runs: number;
  failed: number;
  errors: string[];
  ms: Partial<Record<Op, number>>;
  msEach: Partial<Record<Op, number[]>>;
  requests: Partial<Record<Op, Requests>>;
  stateBytes?: number;
  resourceBytes?: number;
  ownBytes?: number;
  providerBytes?: number;
  /** A refresh of pulumi-kantata's stack through `roundTripReader.ts`. */
  refreshOneTripMs?: number;
  peak: { engine?: number; provider?: number; program?: number; simulator?: number };
}

export function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const num = (xs: (number | undefined)[]) => median(xs.filter((x): x is number => typeof x === "number"));

export function aggregate(records: RunRecord[]): Aggregate[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = `${r.contender}|${r.n}|${r.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: Aggregate[] = [];
  for (const rs of groups.values()) {
    const ok = rs.filter((r) => !r.error);
    const a: Aggregate = {
      contender: rs[0].contender,
      n: rs[0].n,
      mode: rs[0].mode,
      runs: ok.length,
      failed: rs.length - ok.length,
      errors: rs.filter((r) => r.error).map((r) => r.error!),
      ms: {},
      msEach: {},
      requests: {},
      peak: {},
    };
    for (const op of OPS) {
      const done = ok.filter((r) => r.ops[op]);
      if (done.length === 0) continue;
      a.msEach[op] = done.map((r) => r.ops[op]!.ms);
      a.ms[op] = median(a.msEach[op]!);
      const req = {} as Requests;
      for (const k of Object.keys(done[0].ops[op]!.requests) as (keyof Requests)[]) {
        if (k !== "byEndpoint") req[k] = median(done.map((r) => r.ops[op]!.requests[k]))!;
      }
      const endpoints = new Set(done.flatMap((r) => Object.keys(r.ops[op]!.requests.byEndpoint ?? {})));
      req.byEndpoint = Object.fromEntries([...endpoints].map((e) => [e, median(done.map((r) => r.ops[op]!.requests.byEndpoint?.[e] ?? 0))!]));
      a.requests[op] = req;
    }
    a.stateBytes = num(ok.map((r) => r.stateBytes));
    a.resourceBytes = num(ok.map((r) => r.resourceBytes));
    a.ownBytes = num(ok.map((r) => r.ownBytes));
    a.providerBytes = num(ok.map((r) => r.providerBytes));
    a.refreshOneTripMs = num(ok.map((r) => r.refreshOneTripMs));
    const peakOf = (r: RunRecord, role: "engine" | "provider" | "program") => Math.max(0, ...OPS.map((op) => r.ops[op]?.peak[role] ?? 0)) || undefined;
    a.peak = {
      engine: num(ok.map((r) => peakOf(r, "engine"))),
      provider: num(ok.map((r) => peakOf(r, "provider"))),
      program: num(ok.map((r) => peakOf(r, "program"))),
      simulator: num(ok.map((r) => r.simulatorPeakBytes)),
    };
    out.push(a);
  }
  const order: Contender[] = ["kantata", "naive", "floor"];
  return out.sort((x, y) => x.mode.localeCompare(y.mode) || x.n - y.n || order.indexOf(x.contender) - order.indexOf(y.contender));
}

// ---------- formatting ----------

export function seconds(ms: number | undefined): string {
  if (ms === undefined) return "–";
  const s = ms / 1000;
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

function bytes(b: number | undefined): string {
  if (b === undefined) return "–";
  if (b < 10_000) return `${Math.round(b)} B`;
  if (b < 10_000_000) return `${(b / 1000).toFixed(1)} kB`;
  return `${(b / 1e6).toFixed(1)} MB`;
}

function mb(b: number | undefined): string {
  return b === undefined ? "–" : `${Math.round(b / 2 ** 20)}`;
}

function requests(r: Requests | undefined): string {
  if (!r) return "–";
  const parts = (["GET", "POST", "PUT", "DELETE"] as const).filter((k) => r[k] > 0).map((k) => `${r[k]} ${k}`);
  return parts.length === 0 ? "0" : parts.join(" + ");
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b === 0) return "–";
  return `${(a / b).toFixed(2)}×`;
}

function table(header: string[], rows: string[][]): string {
  const align = header.map((h) => (/^(|contender|operation|checkpoints|target|measured|reached)$/.test(h) ? "---" : "--:"));
  return [`| ${header.join(" | ")} |`, `| ${align.join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function find(aggs: Aggregate[], contender: Contender, n: number, mode: CheckpointMode): Aggregate | undefined {
  return aggs.find((a) => a.contender === contender && a.n === n && a.mode === mode && a.runs > 0);
}

/** Wall time and requests per operation, one table per checkpoint mode. */
export function timeTables(aggs: Aggregate[]): string {
  const parts: string[] = [];
  for (const mode of ["default", "skip"] as CheckpointMode[]) {
    const rows = aggs.filter((a) => a.mode === mode);
    if (rows.length === 0) continue;
    parts.push(`### Wall time and API requests, ${MODE_LABEL[mode]}\n`);
    parts.push(
      table(
        ["N", "contender", "runs", "up", "preview (no change)", "refresh", "destroy", "requests: up", "preview", "refresh", "destroy"],
        rows.map((a) => [
          String(a.n),
          LABEL[a.contender],
          a.failed ? `${a.runs} (+${a.failed} failed)` : String(a.runs),
          ...OPS.map((op) => seconds(a.ms[op])),
          ...OPS.map((op) => requests(a.requests[op])),
        ]),
      ),
    );
    parts.push("");
  }
  return parts.join("\n");
}

/** State size and peak memory. */
export function stateTable(aggs: Aggregate[]): string {
  return table(
    ["N", "checkpoints", "contender", "state file", "file / N", "one resource's entry", "its id+inputs+outputs", "`__provider` (one copy of two)", "peak RSS MiB: engine", "provider", "program", "simulator"],
    aggs
      .filter((a) => a.runs > 0)
      .map((a) => [
        String(a.n),
        a.mode,
        LABEL[a.contender],
        bytes(a.stateBytes),
        bytes(a.stateBytes === undefined ? undefined : a.stateBytes / a.n),
        bytes(a.resourceBytes),
        bytes(a.ownBytes),
        bytes(a.providerBytes),
        mb(a.peak.engine),
        mb(a.peak.provider),
        mb(a.peak.program),
        mb(a.peak.simulator),
      ]),
  );
}

/** (a)/(c) and (a)/(b) of the median wall times. */
export function ratioTable(aggs: Aggregate[]): string {
  const sizes = [...new Set(aggs.map((a) => a.n))].sort((x, y) => x - y);
  const modes = (["default", "skip"] as CheckpointMode[]).filter((m) => aggs.some((a) => a.mode === m));
  const header = ["N", "operation", ...modes.flatMap((m) => [`(a)/(c) ${m}`, `(a)/(b) ${m}`])];
  const rows: string[][] = [];
  for (const n of sizes) {
    for (const op of OPS) {
      rows.push([
        String(n),
        op,
        ...modes.flatMap((m) => {
          const a = find(aggs, "kantata", n, m)?.ms[op];
          return [ratio(a, find(aggs, "floor", n, m)?.ms[op]), ratio(a, find(aggs, "naive", n, m)?.ms[op])];
        }),
      ]);
    }
  }
  return table(header, rows);
}

export interface TargetCheck {
  target: string;
  value: string;
  reached: boolean | undefined;
}

/** The N the issue's targets name, where measured. */
const TARGET_N = 1000;

/**
 * The issue's targets, read off N = 1,000 (or the largest N measured when 1,000 was not), per
 * checkpoint mode; and the scale target: time per resource at the largest N measured in the
 * large-stack mode (5,000) at most 1.2 × that at 1,000.
 */
export function targetChecks(aggs: Aggregate[]): { n: number; checks: TargetCheck[] } {
  const measured = aggs.filter((a) => a.contender === "kantata" && a.runs > 0).map((a) => a.n);
  const n = measured.includes(TARGET_N) ? TARGET_N : Math.max(0, ...measured);
  const checks: TargetCheck[] = [];
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  const ratio = (a: number | undefined, c: number | undefined) => (a !== undefined && c !== undefined ? a / c : undefined);
  for (const mode of ["default", "skip"] as CheckpointMode[]) {
    const a = find(aggs, "kantata", n, mode);
    if (!a) continue;
    const c = find(aggs, "floor", n, mode);
    const tag = `(${MODE_LABEL[mode]}${a.runs < 3 ? `, ${plural(a.runs, "run")}` : ""})`;
    const up = ratio(a.ms.up, c?.ms.up);
    if (up !== undefined) checks.push({ target: `up of ${n} ≤ 1.1 × the engine floor ${tag}`, value: `${seconds(a.ms.up)} vs ${seconds(c!.ms.up)} = ${up.toFixed(2)}×`, reached: up <= 1.1 });
    const req = a.requests.up;
    if (req) {
      checks.push({
        target: `up of ${n}: ≤ 12 POSTs and ≤ 15 reads ${tag}`,
        value: `${plural(req.POST, "POST")} and ${plural(req.reads, "read")} (the lookups and checks before creating)`,
        reached: req.POST <= 12 && req.reads <= 15,
      });
    }
    const preview = ratio(a.ms.preview, c?.ms.preview);
    if (preview !== undefined && a.requests.preview) {
      checks.push({
        target: `no-change preview of ${n} ≤ 1.1 × the floor, 0 requests ${tag}`,
        value: `${seconds(a.ms.preview)} vs ${seconds(c!.ms.preview)} = ${preview.toFixed(2)}×, ${plural(a.requests.preview.total, "request")}`,
        reached: preview <= 1.1 && a.requests.preview.total === 0,
      });
    }
    const refresh = ratio(a.ms.refresh, c?.ms.refresh);
    if (refresh !== undefined && a.requests.refresh) {
      const bound = Math.ceil(n / 200);
      checks.push({
        target: `refresh of ${n} ≤ 1.2 × the floor, ≤ ${bound} requests ${tag}`,
        value:
          `${seconds(a.ms.refresh)} vs ${seconds(c!.ms.refresh)} = ${refresh.toFixed(2)}×, ${plural(a.requests.refresh.total, "request")}` +
          (a.refreshOneTripMs ? ` (a reader that only waits one round trip per round: ${seconds(a.refreshOneTripMs)} = ${(a.refreshOneTripMs / c!.ms.refresh!).toFixed(2)}×)` : ""),
        reached: refresh <= 1.2 && a.requests.refresh.total <= bound,
      });
    }
  }
  const large = Math.max(0, ...aggs.filter((a) => a.contender === "kantata" && a.mode === "skip" && a.runs > 0).map((a) => a.n));
  const small = find(aggs, "kantata", n, "skip");
  const big = find(aggs, "kantata", large, "skip");
  if (small && big && large > n) {
    const tag = `(${MODE_LABEL.skip}${big.runs < 3 ? `, ${plural(big.runs, "run")}` : ""})`;
    for (const op of ["up", "preview", "refresh", "destroy"] as Op[]) {
      const per = (x: Aggregate, k: number) => (x.ms[op] === undefined ? undefined : x.ms[op]! / k);
      const growth = ratio(per(big, large), per(small, n));
      if (growth === undefined) continue;
      checks.push({
        target: `${op}: time per resource at ${large} ≤ 1.2 × that at ${n} ${tag}`,
        value: `${per(big, large)!.toFixed(1)} ms vs ${per(small, n)!.toFixed(1)} ms = ${growth.toFixed(2)}× (${seconds(big.ms[op])} for ${large}, ${seconds(small.ms[op])} for ${n})`,
        reached: growth <= 1.2,
      });
    }
  }
  const a = find(aggs, "kantata", n, "default") ?? find(aggs, "kantata", n, "skip");
  const floor = a && find(aggs, "floor", n, a.mode);
  const state = ratio(a?.resourceBytes, floor?.resourceBytes);
  checks.push({
    target: "state per resource ≤ 1.15 × the floor's",
    value:
      state === undefined
        ? "–"
        : `${a!.resourceBytes} B vs ${floor!.resourceBytes} B = ${state.toFixed(2)}× (of which id, inputs and outputs ${a!.ownBytes} B, with \`__provider\`, ${a!.providerBytes} B, twice; the floor's ${floor!.ownBytes} B and ${floor!.providerBytes} B)`,
    reached: state === undefined ? undefined : state <= 1.15,
  });
  return { n, checks };
}

export function targetTable(aggs: Aggregate[]): string {
  const { checks } = targetChecks(aggs);
  return table(
    ["target", "measured", "reached"],
    checks.map((c) => [c.target, c.value, c.reached === undefined ? "not measured" : c.reached ? "yes" : "**no**"]),
  );
}

/** Every run's wall times, to judge the noise behind the medians. */
export function rawTable(records: RunRecord[]): string {
  return table(
    ["N", "checkpoints", "contender", "run", ...OPS, "error"],
    records.map((r) => [
      String(r.n),
      r.mode,
      LABEL[r.contender],
      String(r.run),
      ...OPS.map((op) => seconds(r.ops[op]?.ms)),
      r.error ? r.error.split("\n")[0].slice(0, 160).replace(/\|/g, "\\|") : "",
    ]),
  );
}

export function machineTable(m: Machine, started: Date, finished: Date, loadAfter: string): string {
  return table(
    ["", ""],
    [
      ["CPU", `${m.cpuModel}, ${m.cores} cores`],
      ["memory", `${m.memoryGiB} GiB`],
      ["OS", m.os],
      ["Node.js", m.node],
      ["pulumi", `${m.pulumi} (engine), @pulumi/pulumi ${m.pulumiNodejsSdk}`],
      ["date", `${started.toISOString()} – ${finished.toISOString()} (${Math.round((finished.getTime() - started.getTime()) / 60000)} min)`],
      ["load average (1/5/15 min)", `${m.loadAverage} at the start, ${loadAfter} at the end${busy(m, loadAfter) ? ` — **the 1-minute load was above the ${m.cores} cores at the start or the end: other work shared the machine, so absolute times are inflated and noisy**` : ""}`],
    ],
  );
}

/** Whether the 1-minute load average was above the number of cores at the start or the end. */
export function busy(m: Machine, loadAfter: string): boolean {
  return [m.loadAverage, loadAfter].some((l) => Number(l.split(" ")[0]) > m.cores);
}

/** The useful part of a failed CLI run: its diagnostics when there are some. */
export function briefError(error: string): string {
  const at = error.indexOf("Diagnostics:");
  const text = at >= 0 ? `${error.split("\n")[0]}\n${error.slice(at)}` : error;
  return text.split("\n").slice(0, 25).join("\n      ");
}

