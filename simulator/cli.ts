/**
 * Command line of the simulator: `pulumi-kantata simulator [options]` (in this repository also
 * `npm run simulator -- [options]`).
 * The first line on stdout is the base URL alone (scripts read it); everything else goes to
 * stderr. Exit codes: 0 after SIGINT/SIGTERM, 1 when it cannot start, 2 for a usage error.
 */
import { parseArgs } from "node:util";
import { startSimulator } from "./index";

export const USAGE = `Usage: pulumi-kantata simulator [options]   (in this repository: npm run simulator -- [options])

A local Kantata OX API (group memberships, users, groups) for tests and demos.

Options:
  --port N         TCP port; 0 picks a free one (default 8080)
  --host H         interface to bind (default 127.0.0.1, loopback only)
  --fixture FILE   account fixture JSON (default: the bundled 2,000-user account)
  --seed S         seed of fault probabilities and random latency (default 1)
  --latency-ms N   latency added to every API response (default 0)
  --verbose        log every API request to stderr
  -h, --help       show this help

Tokens of the default fixture: sim-admin-token (Account Administrator), sim-member-token.
Control API: <origin>/__simulator/ (reset, fixture, state, requests, counters, faults, ...).`;

/** Flags after validation. */
interface CliSettings {
  port: number;
  host: string;
  fixture?: string;
  seed: string;
  latencyMs: number;
  verbose: boolean;
}

/** Reads the flags; throws `UsageError` for anything unknown or malformed. */
function readFlags(argv: string[]): CliSettings | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string", default: "8080" },
        host: { type: "string", default: "127.0.0.1" },
        fixture: { type: "string" },
        seed: { type: "string", default: "1" },
        "latency-ms": { type: "string", default: "0" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  return {
    port: integer(values.port, "--port", 0, 65535),
    host: values.host,
    fixture: values.fixture,
    seed: values.seed,
    latencyMs: integer(values["latency-ms"], "--latency-ms", 0, 600_000),
    verbose: values.verbose,
  };
}

function integer(text: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

/** A bad command line: exit code 2. */
class UsageError extends Error {}

/** Starts the simulator from `argv`; resolves to an exit code once it has started (0) or could not (1, 2). */
export async function main(argv: string[]): Promise<number> {
  let settings: CliSettings | "help";
  try {
    settings = readFlags(argv);
  } catch (error) {
    process.stderr.write(`simulator: ${(error as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (settings === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const log = (line: string) => process.stderr.write(line + "\n");
  let sim;
  try {
    sim = await startSimulator({
      port: settings.port,
      host: settings.host,
      fixture: settings.fixture,
      seed: settings.seed,
      latency: settings.latencyMs > 0 ? { fixedMs: settings.latencyMs } : null,
      logger: log,
      logRequests: settings.verbose,
    });
  } catch (error) {
    log(`simulator: cannot start: ${(error as Error).message}`);
    return 1;
  }
  const running = sim;
  const stop = (signal: string) => {
    log(`simulator: ${signal} received, stopping`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Handlers first: a script may send a signal as soon as it reads the URL.
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.stdout.write(sim.url + "\n");
  const origin = sim.url.slice(0, -"/api/v1".length);
  log(`Kantata OX simulator listening on ${sim.url} (${sim.store.users.size} users; control API ${origin}/__simulator/)`);
  log(`Tokens: ${[...sim.store.tokens.keys()].join(", ")}`);
  return 0;
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
