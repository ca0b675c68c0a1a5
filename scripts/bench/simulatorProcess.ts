/**
 * The Kantata OX simulator in a process of its own (so its memory is measured apart from the
 * engine's), started fresh for every run: `node dist/simulator/cli.js --port 0 --latency-ms N`.
 * Its first stdout line is the base URL; the control API under `/__simulator/` gives the counters
 * and the account state.
 */
import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const CLI = path.join(__dirname, "..", "..", "simulator", "cli.js");

/** Counters of `/__simulator/counters`. */
export interface SimCounters {
  total: number;
  reads: number;
  writes: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
}

export class SimulatorProcess {
  private constructor(
    readonly child: ChildProcess,
    /** Base URL of the API, with `/api/v1`. */
    readonly url: string,
    private stderr: () => string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  private get origin(): string {
    return this.url.replace(/\/api\/v1$/, "");
  }

  static start(latencyMs: number): Promise<SimulatorProcess> {
    const child = spawn(process.execPath, [CLI, "--port", "0", "--latency-ms", String(latencyMs)], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr!.on("data", (b) => (err = (err + b).slice(-4000)));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the simulator did not print its URL within 20 s (${CLI}); stderr:\n${err}`));
      }, 20_000);
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", (line) => {
        clearTimeout(timer);
        const url = line.trim();
        if (!/^http:\/\/.+\/api\/v1$/.test(url)) {
          child.kill("SIGKILL");
          reject(new Error(`the simulator's first line is not its URL: ${JSON.stringify(line)}`));
        } else resolve(new SimulatorProcess(child, url, () => err));
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the simulator exited (${code ?? signal}) before printing its URL (is the project built? ${CLI}); stderr:\n${err}`));
      });
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  private async control<T>(route: string): Promise<T> {
    const res = await fetch(`${this.origin}/__simulator/${route}`);
    if (!res.ok) throw new Error(`GET /__simulator/${route}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  counters(): Promise<SimCounters> {
    return this.control<SimCounters>("counters");
  }

  /** Sets the API's rate limit (a token bucket the provider is not told about); `null` lifts it. */
  async setRateLimit(limit: { requestsPerSecond: number; burst: number } | null): Promise<void> {
    const res = await fetch(`${this.origin}/__simulator/rate-limit`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(limit) });
    if (!res.ok) throw new Error(`PUT /__simulator/rate-limit: ${res.status} ${await res.text()}`);
  }

  /** The (user, workspace group) pairs of every user group membership now on the simulator. */
  async userGroupPairs(): Promise<Set<string>> {
    const state = await this.control<{ account: { user_group_memberships: { user_id: number | string; workspace_group_id: number | string }[] } }>("state");
    return new Set(state.account.user_group_memberships.map((m) => `${Number(m.user_id)}:${Number(m.workspace_group_id)}`));
  }

  /** Stops the process (SIGTERM, then SIGKILL after 5 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  }

  recentStderr(): string {
    return this.stderr();
  }
}
