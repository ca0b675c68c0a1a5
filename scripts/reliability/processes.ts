/**
 * Finding and ending the processes of one stack (Linux /proc). After a SIGKILL of `pulumi`, the
 * language host and the dynamic-provider process it started keep running: the engine starts each
 * plugin in a process group of its own, so killing the CLI's group does not reach them. These
 * helpers find them by parentage (before the kill) and by their environment (after it), and
 * end only those, by pid.
 */
import { readdirSync, readFileSync } from "node:fs";

/** One process as /proc describes it. */
export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One-letter state (R, S, Z, ...). */
  state: string;
  command: string;
}

/** `/proc/<pid>/stat`, or undefined when the process is gone. */
export function procInfo(pid: number): ProcInfo | undefined {
  let stat: string;
  let command = "";
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { pid, state: rest[0], ppid: Number(rest[1]), pgid: Number(rest[2]), command };
}

function allPids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** A process that exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const info = procInfo(pid);
  return info !== undefined && info.state !== "Z" && info.state !== "X";
}

/** Every live descendant of `root` (children, grandchildren, ...), whatever their process group. */
export function descendants(root: number): ProcInfo[] {
  const infos = allPids()
    .map(procInfo)
    .filter((p): p is ProcInfo => p !== undefined);
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of infos) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const found: ProcInfo[] = [];
  const walk = (pid: number) => {
    for (const child of byParent.get(pid) ?? []) {
      found.push(child);
      walk(child.pid);
    }
  };
  walk(root);
  return found.filter((p) => p.state !== "Z");
}

/**
 * Live processes whose environment holds `NAME=value` exactly, e.g. the `PULUMI_HOME` of one
 * stack: the engine hands its environment to the language host and to provider processes, so
 * this finds them even after their parent died and they were re-parented.
 */
export function processesWithEnv(name: string, value: string): ProcInfo[] {
  const wanted = `${name}=${value}`;
  const found: ProcInfo[] = [];
  for (const pid of allPids()) {
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, "utf8");
    } catch {
      continue;
    }
    if (!environ.split("\0").includes(wanted)) continue;
    const info = procInfo(pid);
    if (info && info.state !== "Z") found.push(info);
  }
  return found;
}

/** Sends `signal` to each pid and to its process group; a process already gone is not an error. */
export function killPids(pids: number[], signal: NodeJS.Signals = "SIGKILL"): void {
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, signal);
      } catch {
        /* gone already, or not a group leader */
      }
    }
  }
}

/** Waits until none of `pids` is alive (zombies count as gone); returns those still alive after `timeoutMs`. */
export async function waitGone(pids: number[], timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((r) => setTimeout(r, 50));
  }
}
