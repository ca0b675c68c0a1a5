/**
 * Peak resident memory of a process tree, sampled from /proc (Linux): every `intervalMs` the
 * sampler finds every descendant of the root pid and reads each one's `VmHWM` (the kernel's
 * high-water mark of its RSS), keeping the largest value seen per process. Processes are then
 * put in roles by their command line: the engine (`pulumi`), the provider process (node running
 * `@pulumi/pulumi/cmd/dynamic-provider`), the program (the language host and node running
 * `cmd/run`). What a process allocates after the last sample before it exits is missed; at
 * 100 ms and runs of seconds that is noise.
 */
import { readdirSync, readFileSync } from "node:fs";

export type Role = "engine" | "provider" | "program" | "other";

/** Peak RSS in bytes per role: the largest single process of that role. */
export type PeakByRole = Record<Role, number>;

interface Seen {
  role: Role;
  hwmBytes: number;
}

function readStatus(pid: number): { ppid: number; hwmBytes: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(text)?.[1] ?? -1);
    const hwmKb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(text)?.[1] ?? 0);
    return { ppid, hwmBytes: hwmKb * 1024 };
  } catch {
    return undefined; // gone, or not Linux
  }
}

function roleOf(pid: number): Role {
  let cmd = "";
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "other";
  }
  if (cmd.includes("dynamic-provider")) return "provider";
  if (cmd.includes("pulumi-language-nodejs") || cmd.includes("cmd/run")) return "program";
  if (cmd.includes("pulumi-resource-pulumi-nodejs")) return "other"; // the sh launcher
  if (/(^|\/)pulumi( |$)/.test(cmd)) return "engine";
  return "other";
}

/** Polls the tree below `rootPid` until `stop()`. */
export class TreeMemorySampler {
  private readonly seen = new Map<number, Seen>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly rootPid: number, private readonly intervalMs = 100) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** One pass over /proc. */
  sample(): void {
    let pids: number[];
    try {
      pids = readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);
    } catch {
      return;
    }
    const parent = new Map<number, number>();
    const hwm = new Map<number, number>();
    for (const pid of pids) {
      const s = readStatus(pid);
      if (!s) continue;
      parent.set(pid, s.ppid);
      hwm.set(pid, s.hwmBytes);
    }
    const inTree = (pid: number): boolean => {
      for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) {
        if (p === this.rootPid) return true;
      }
      return false;
    };
    for (const [pid, bytes] of hwm) {
      if (!inTree(pid)) continue;
      const known = this.seen.get(pid);
      if (known) known.hwmBytes = Math.max(known.hwmBytes, bytes);
      else this.seen.set(pid, { role: roleOf(pid), hwmBytes: bytes });
    }
  }

  /** Stops sampling and returns the peak per role. */
  stop(): PeakByRole {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const peak: PeakByRole = { engine: 0, provider: 0, program: 0, other: 0 };
    for (const s of this.seen.values()) peak[s.role] = Math.max(peak[s.role], s.hwmBytes);
    return peak;
  }
}

/** VmHWM of one process, in bytes (0 when it cannot be read). */
export function peakRssOf(pid: number): number {
  return readStatus(pid)?.hwmBytes ?? 0;
}

/**
 * Pids of the processes whose environment holds `NAME=value` exactly: every process one run
 * started (the engine, its plugins, the language host and the program all inherit the run's
 * environment), including plugins the engine leaves behind when it is killed, which are no longer
 * its descendants by then. Other processes are never matched, so they are never touched.
 */
export function pidsWithEnv(name: string, value: string): number[] {
  const wanted = `${name}=${value}`;
  const out: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((n) => /^\d+$/.test(n));
  } catch {
    return out;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(wanted)) out.push(Number(pid));
    } catch {
      /* gone or not ours to read */
    }
  }
  return out;
}
