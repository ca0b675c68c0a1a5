/**
 * Drives the real `pulumi` CLI (installed in .pulumi-engine/bin by scripts/install-engine.sh)
 * on one stack, hermetically: a file backend and PULUMI_HOME in a folder of its own, a
 * passphrase secrets provider, no update checks and no plugin downloads. Used by the
 * end-to-end tests, the demo and the benchmark.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The repository root (this file is dist/scripts/lib/pulumiStack.js once built). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
/**
 * The engines scripts/install-engine.sh installs: the pinned CLI (v3.248.0) and the newest the Go
 * module proxy serves, each in a folder with the language host and the dynamic-provider launcher.
 */
export const ENGINES = {
  pinned: path.join(REPO_ROOT, ".pulumi-engine", "bin"),
  newest: path.join(REPO_ROOT, ".pulumi-engine", "newest", "bin"),
} as const;

/** The engine this process drives: `KANTATA_TEST_ENGINE=newest` picks the newest CLI, else the pinned one. */
export const ENGINE_BIN = process.env.KANTATA_TEST_ENGINE === "newest" ? ENGINES.newest : ENGINES.pinned;

/** What one CLI run printed and how it ended. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Options of one CLI run. */
export interface RunOptions {
  /** Resolve instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** Also print the CLI's output as it comes (the demo). */
  echo?: boolean;
  /** Text for the CLI's standard input. */
  input?: string;
  /** Called with the CLI's pid once it started (crash tests). */
  onSpawn?: (pid: number) => void;
}

/** How to set up a stack. */
export interface StackOptions {
  /** Folder holding the project's Pulumi.yaml. */
  projectDir: string;
  /** @default "dev" */
  stackName?: string;
  /** Extra environment for every command (e.g. KANTATA_BASE_URL). */
  env?: Record<string, string | undefined>;
  /** Parent folder of the backend and PULUMI_HOME. @default a new temporary folder */
  workRoot?: string;
  /** The engine's folder (one of {@link ENGINES}). @default ENGINE_BIN */
  engineBin?: string;
}

/** The environment every engine run gets. */
export function engineEnv(workRoot: string, extra: Record<string, string | undefined> = {}, engineBin: string = ENGINE_BIN): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${engineBin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(workRoot, "home"),
    // metadata=skip: the file backend's .attrs side files can be left empty by a killed pulumi,
    // which then makes every later command fail with "failed to load checkpoint: EOF".
    PULUMI_BACKEND_URL: `file://${path.join(workRoot, "backend")}?metadata=skip`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API: undefined,
    // Keep the CLI's own output plain for parsing.
    NO_COLOR: "1",
    ...extra,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** Fails with the fix when the engine is not installed (engine tests never skip). */
export function assertEngineInstalled(engineBin: string = ENGINE_BIN): void {
  for (const name of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
    if (!existsSync(path.join(engineBin, name))) {
      throw new Error(`The Pulumi engine is not installed (${path.join(engineBin, name)} is missing). Fix: run \`bash scripts/install-engine.sh\` (npm test and npm start do it).`);
    }
  }
}

/** One stack of one project, driven through the CLI. */
export class PulumiStack {
  readonly workRoot: string;
  readonly stackName: string;
  readonly engineBin: string;
  private readonly ownsWorkRoot: boolean;
  /** Pids of running CLI processes (for crash tests that kill them). */
  readonly running = new Set<number>();

  private constructor(readonly projectDir: string, options: StackOptions, public env: Record<string, string | undefined>) {
    this.ownsWorkRoot = !options.workRoot;
    this.workRoot = options.workRoot ?? mkdtempSync(path.join(tmpdir(), "pulumi-kantata-"));
    this.stackName = options.stackName ?? "dev";
    this.engineBin = options.engineBin ?? ENGINE_BIN;
    mkdirSync(path.join(this.workRoot, "backend"), { recursive: true });
  }

  /** Creates the stack (`pulumi stack init`). */
  static async init(options: StackOptions): Promise<PulumiStack> {
    assertEngineInstalled(options.engineBin);
    const stack = new PulumiStack(options.projectDir, options, options.env ?? {});
    await stack.run(["stack", "init", stack.stackName]);
    return stack;
  }

  /** Runs `pulumi <args>` in the project folder; throws on a non-zero exit unless `allowFailure`. */
  run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(path.join(this.engineBin, "pulumi"), [...args, "--non-interactive"], {
        cwd: this.projectDir,
        env: engineEnv(this.workRoot, this.env, this.engineBin),
        stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
        detached: true,
      });
      if (options.input !== undefined) child.stdin!.end(options.input);
      if (child.pid) {
        this.running.add(child.pid);
        options.onSpawn?.(child.pid);
      }
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (b) => {
        stdout += b;
        if (options.echo) process.stdout.write(b);
      });
      child.stderr!.on("data", (b) => {
        stderr += b;
        if (options.echo) process.stderr.write(b);
      });
      child.on("error", reject);
      child.on("close", (code) => {
        if (child.pid) this.running.delete(child.pid);
        const result = { code, stdout, stderr, ms: Date.now() - started };
        if (code !== 0 && !options.allowFailure) {
          reject(new Error(`pulumi ${args.join(" ")} exited ${code}:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`));
        } else resolve(result);
      });
    });
  }

  /** `pulumi config set [--secret] key`, the value sent on stdin so it never shows in a command line. */
  async setConfig(key: string, value: string, secret = false): Promise<void> {
    await this.run(["config", "set", ...(secret ? ["--secret"] : ["--plaintext"]), key], { input: value });
  }

  up(args: string[] = [], options?: RunOptions): Promise<RunResult> {
    return this.run(["up", "--yes", "--skip-preview", "--suppress-progress", ...args], options);
  }

  /** `pulumi preview --json`, parsed. */
  async previewJson(args: string[] = [], options?: { allowFailure?: boolean }): Promise<{ result: RunResult; json: PreviewJson }> {
    const result = await this.run(["preview", "--json", ...args], options);
    return { result, json: JSON.parse(result.stdout) as PreviewJson };
  }

  refresh(args: string[] = [], options?: RunOptions): Promise<RunResult> {
    return this.run(["refresh", "--yes", "--skip-preview", "--suppress-progress", ...args], options);
  }

  destroy(args: string[] = [], options?: RunOptions): Promise<RunResult> {
    return this.run(["destroy", "--yes", "--skip-preview", "--suppress-progress", ...args], options);
  }

  /** The stack's deployment (`pulumi stack export`), parsed, and its raw text. */
  async exportState(): Promise<{ text: string; deployment: Deployment }> {
    const { stdout } = await this.run(["stack", "export"]);
    return { text: stdout, deployment: (JSON.parse(stdout) as { deployment: Deployment }).deployment };
  }

  /** The raw state file of the file backend (what sits on disk). */
  stateFileText(): string {
    const dir = path.join(this.workRoot, "backend", ".pulumi", "stacks");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith(".json")) files.push(path.join(d, e.name));
      }
    };
    if (existsSync(dir)) walk(dir);
    return files.map((f) => readFileSync(f, "utf8")).join("\n");
  }

  /** Kills every CLI process this object started, with its children (a crash). */
  killAll(signal: NodeJS.Signals = "SIGKILL"): void {
    for (const pid of this.running) {
      try {
        process.kill(-pid, signal);
      } catch {
        /* already gone */
      }
    }
  }

  /** Removes the stack's folder (backend and PULUMI_HOME) and its `Pulumi.<stack>.yaml`. */
  dispose(): void {
    if (this.ownsWorkRoot) rmSync(this.workRoot, { recursive: true, force: true });
    rmSync(path.join(this.projectDir, `Pulumi.${this.stackName}.yaml`), { force: true });
  }
}

/** The parts of `pulumi preview --json` the tests read. */
export interface PreviewJson {
  steps?: { op: string; urn: string; type?: string; newState?: { type: string; inputs?: Record<string, unknown> } }[];
  changeSummary?: Record<string, number>;
  diagnostics?: { message: string; severity: string; urn?: string }[];
}

/** The parts of an exported deployment the tests read. */
export interface Deployment {
  resources?: { urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
  pending_operations?: unknown[];
}
