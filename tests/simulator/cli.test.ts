import { expect } from "chai";
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const CLI = join(__dirname, "..", "..", "simulator", "cli.js");

/** Starts the CLI; resolves with the process and the first line of its stdout. */
function startCli(args: string[]): Promise<{ child: ChildProcess; firstLine: string; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (firstLine) => resolve({ child, firstLine, stderr: () => stderr }));
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing a line: ${stderr}`)));
  });
}

/** Runs the CLI to completion. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("simulator: command line (node dist/simulator/cli.js)", function () {
  this.timeout(10_000);

  it("prints the base URL alone as its first stdout line, serves the API, and exits 0 on SIGTERM", async () => {
    const { child, firstLine, stderr } = await startCli(["--port", "0"]);
    try {
      expect(firstLine).to.match(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      const response = await fetch(`${firstLine}/users/me`, { headers: { Authorization: "Bearer sim-admin-token" } });
      expect(response.status).to.equal(200);
      expect(stderr()).to.contain("listening");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited(child)).to.equal(0);
  });

  it("stops cleanly on SIGINT too", async () => {
    const { child } = await startCli(["--port", "0"]);
    child.kill("SIGINT");
    expect(await exited(child)).to.equal(0);
  });

  it("loads --fixture and applies --latency-ms", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "kantata-cli-")), "account.json");
    writeFileSync(
      file,
      JSON.stringify({
        account: { id: 1, name: "CLI" },
        clock_start: "2024-01-01T00:00:00Z",
        tokens: { "cli-token": 1 },
        users: [{ id: 1, full_name: "Cli User", email_address: "cli@example.com", account_permission: "collaborator" }],
      }),
    );
    const { child, firstLine } = await startCli(["--port", "0", "--fixture", file, "--latency-ms", "30", "--seed", "7"]);
    try {
      const started = performance.now();
      const response = await fetch(`${firstLine}/users/me`, { headers: { Authorization: "Bearer cli-token" } });
      expect(((await response.json()) as { count: number }).count).to.equal(1);
      expect(performance.now() - started).to.be.at.least(25);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited(child)).to.equal(0);
  });

  it("prints usage on --help and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).to.equal(0);
    expect(stdout).to.contain("Usage:").and.to.contain("--port").and.to.contain("--fixture");
  });

  it("exits 2 with a message on stderr for an unknown flag or a bad value", async () => {
    for (const args of [["--bogus"], ["--port", "http"], ["--latency-ms", "-3"], ["stray"]]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(" ")).to.equal(2);
      expect(stdout).to.equal("");
      expect(stderr).to.match(/^simulator: /);
    }
  });

  it("exits 1 when the fixture cannot be loaded", async () => {
    const { code, stderr } = await runCli(["--port", "0", "--fixture", "/does/not/exist.json"]);
    expect(code).to.equal(1);
    expect(stderr).to.contain("Cannot read fixture file /does/not/exist.json");
  });
});
