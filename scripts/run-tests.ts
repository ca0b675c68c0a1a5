/**
 * The test command (`npm test`): runs each suite in its own mocha process (the unit tests use
 * Pulumi's global mocks, the engine tests the real CLI), streams their output, and ends with one
 * line of totals, `N passed, N failed`. Exits non-zero when a test failed or a suite crashed.
 *
 * `npm test -- unit simulator` runs only the named suites.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Suite name → compiled test files (globs relative to the repo root), mocha options and extra
 * environment. Every end-to-end test runs under the pinned CLI (v3.248.0, the one the reliability
 * and benchmark figures use); a core of them — each resource's lifecycle, authoritative groups,
 * memberships moving between resources, the preview of adoption, lookups, secrets in verbose logs and the workflow model —
 * runs again under the newest CLI the Go module proxy serves, which is what users run.
 */
const SUITES: Record<string, { files: string[]; timeoutMs: number; env?: Record<string, string> }> = {
  unit: { files: ["dist/tests/provider/**/*.test.js"], timeoutMs: 20_000 },
  simulator: { files: ["dist/tests/simulator/**/*.test.js"], timeoutMs: 20_000 },
  e2e: { files: ["dist/tests/e2e/**/*.test.js"], timeoutMs: 300_000 },
  "e2e-newest-cli": {
    files: ["lifecycle", "groupMembers", "movedDeclarations", "adoptionPreview", "lookups", "secrets", "newTypes", "upgrade", "workflows/workflows"].map((f) => `dist/tests/e2e/${f}.test.js`),
    timeoutMs: 300_000,
    env: { KANTATA_TEST_ENGINE: "newest" },
  },
};

interface Totals { passed: number; failed: number }

function runSuite(name: string): Promise<Totals> {
  const suite = SUITES[name];
  return new Promise((resolve) => {
    const mocha = path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js");
    const child = spawn(process.execPath, [mocha, "--timeout", String(suite.timeoutMs), "--reporter", "spec", ...suite.files], {
      cwd: ROOT,
      env: { ...process.env, ...suite.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on("close", (code) => {
      const passing = Number(/(\d+) passing/.exec(out)?.[1] ?? 0);
      const failing = Number(/(\d+) failing/.exec(out)?.[1] ?? 0);
      // A suite that crashed or ran nothing is a failure, never silently green.
      const crashed = (code !== 0 && failing === 0) || passing + failing === 0;
      if (crashed) console.log(`suite ${name}: mocha exited ${code} without a result; counted as one failure`);
      resolve({ passed: passing, failed: failing + (crashed ? 1 : 0) });
    });
  });
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const chosen = names.length ? names : Object.keys(SUITES);
  for (const n of chosen) if (!SUITES[n]) throw new Error(`unknown suite "${n}"; suites: ${Object.keys(SUITES).join(", ")}`);
  const totals: Totals = { passed: 0, failed: 0 };
  for (const name of chosen) {
    console.log(`\n=== suite: ${name} ===`);
    const t = await runSuite(name);
    totals.passed += t.passed;
    totals.failed += t.failed;
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
