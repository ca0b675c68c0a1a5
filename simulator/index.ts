/**
 * The Kantata OX simulator: a local HTTP server that behaves like the Kantata OX REST API for
 * group memberships, users and groups. Start it from code with `startSimulator()`, or from the
 * command line with `npm run simulator`.
 *
 * ```ts
 * const sim = await startSimulator({ port: 0 });
 * // sim.url === "http://127.0.0.1:<port>/api/v1"; tokens: sim-admin-token, sim-member-token
 * await sim.close();
 * ```
 */
import { AddressInfo } from "node:net";
import { Counters, RequestLogEntry } from "./log";
import { FaultTable } from "./faults";
import { Latency } from "./latency";
import { SimulatorOptions, SimulatorOptionsInput } from "./options";
import { RateLimit } from "./rateLimit";
import { apiRoutes } from "./routes";
import { API_PREFIX } from "./router";
import { createSimulatorServer, Logger } from "./server";
import { resolveStart, Simulation } from "./simulation";
import { Store } from "./store";

export type { Counters, RequestLogEntry } from "./log";
export type { FaultRule, FaultRuleInput, FaultResponse } from "./faults";
export { FaultRuleError, FaultTable } from "./faults";
export type { Fixture, FixtureInput, Permission } from "./fixture";
export { FixtureError, getDefaultFixture, loadFixtureFile, parseFixture } from "./fixture";
export type { Latency } from "./latency";
export type { Messages } from "./messages";
export { DEFAULT_MESSAGES } from "./messages";
export type { SimulatorOptions, SimulatorOptionsInput } from "./options";
export { DEFAULT_OPTIONS } from "./options";
export type { RateLimit } from "./rateLimit";
export { SettingError } from "./simulation";
export { Store } from "./store";

/** The tokens of the default fixture. */
export const SIMULATOR_TOKENS = { admin: "sim-admin-token", member: "sim-member-token" } as const;

/** Options of `startSimulator`; every one may be left out. */
export interface StartSimulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind; loopback only unless told otherwise. @default "127.0.0.1" */
  host?: string;
  /** A fixture object or the path of a fixture JSON file. @default the bundled default account */
  fixture?: unknown;
  /** Seed of fault probabilities and random latency. @default 1 */
  seed?: number | string;
  /** Latency added to every API response. @default null (none) */
  latency?: Latency | null;
  /** Token-bucket rate limit in front of the API. @default null (none) */
  rateLimit?: RateLimit | null;
  /** The open behaviours (see `SimulatorOptions` for each default). */
  options?: SimulatorOptionsInput;
  /** Entries the request log keeps. @default 10000 */
  requestLogLimit?: number;
  /** Where diagnostics go, e.g. `(line) => process.stderr.write(line + "\n")`. @default silent */
  logger?: Logger;
  /** Log one line per API request through `logger`. @default false */
  logRequests?: boolean;
}

/** A running simulator. Everything set through it lasts until `reset()`. */
export interface Simulator {
  /** Base URL including `/api/v1`, e.g. `http://127.0.0.1:8080/api/v1`. */
  readonly url: string;
  /** The port bound. */
  readonly port: number;
  /** The interface bound. */
  readonly host: string;
  /** The account's state (users, groups, memberships); read or change it directly in tests. */
  readonly store: Store;
  /** The fault rules: `add`, `list`, `remove`, `clear`. */
  readonly faults: FaultTable;
  /** Stops the server and ends open connections. */
  close(): Promise<void>;
  /** Back to the loaded fixture and the start settings; clears the log, counters and fault rules. */
  reset(): void;
  /** Loads a fixture (object or file path) and resets to it; it stays loaded across resets. */
  loadFixture(fixture: unknown): void;
  /** The API requests since the last reset, oldest first (never any header or token). */
  requestLog(): RequestLogEntry[];
  /** Request counts since the last reset. */
  counters(): Counters;
  /** Sets or clears (`null`) the added latency. */
  setLatency(latency: Latency | null): void;
  /** Sets or clears (`null`) the rate limit. */
  setRateLimit(limit: RateLimit | null): void;
  /** Changes some open behaviours; returns the options now in effect. */
  setOptions(options: SimulatorOptionsInput): SimulatorOptions;
  /** The options now in effect. */
  options(): SimulatorOptions;
  /** Changes the seed and restarts the random generators. */
  setSeed(seed: number | string): void;
  /** Everything: the account in fixture format and every setting (as `GET /__simulator/state`). */
  state(): ReturnType<Simulation["state"]>;
}

/** Starts a simulator and resolves once it listens. */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const sim = new Simulation(resolveStart(options));
  const host = options.host ?? "127.0.0.1";
  const server = createSimulatorServer(sim, apiRoutes, { logger: options.logger, logRequests: options.logRequests });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${API_PREFIX}`,
    port,
    host,
    store: sim.store,
    faults: sim.faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset: () => sim.reset(),
    loadFixture: (fixture) => sim.loadFixture(fixture),
    requestLog: () => sim.log.list(),
    counters: () => sim.log.counters(),
    setLatency: (latency) => sim.setLatency(latency),
    setRateLimit: (limit) => sim.setRateLimit(limit),
    setOptions: (input) => sim.setOptions(input),
    options: () => sim.options,
    setSeed: (seed) => sim.setSeed(seed),
    state: () => sim.state(),
  };
}
