/**
 * Test helpers: one simulator per suite, started on a free port in `before`, reset after every
 * test and closed in `after`; `call` makes one real HTTP request and parses the answer.
 */
import { Simulator, startSimulator, StartSimulatorOptions } from "../../simulator";

/** Token of the default fixture's Account Administrator (user 1). */
export const ADMIN = "sim-admin-token";
/** Token of the default fixture's collaborator (user 2). */
export const MEMBER = "sim-member-token";

/**
 * A parsed JSON body. Response bodies are untyped on purpose: the tests assert their shape, so
 * a static type would only restate the assertions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** One answer. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body is empty. */
  body: Json;
  /** The raw body text. */
  text: string;
}

/** Options of one request. */
export interface CallOptions {
  /** Bearer token; `null` sends no Authorization header. @default ADMIN */
  token?: string | null;
  /** JSON body (serialised). */
  body?: unknown;
  /** Body text sent as is (for malformed JSON). */
  rawBody?: string;
  /** Aborts the request (client-side timeout). */
  signal?: AbortSignal;
}

/** Registers the hooks of a suite and returns a getter of its simulator. */
export function useSimulator(options: StartSimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  before(async () => {
    sim = await startSimulator({ port: 0, ...options });
  });
  afterEach(() => sim?.reset());
  after(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error("simulator not started");
    return sim;
  };
}

/** Makes one request to `path` below `sim.url` (or to an absolute URL). */
export async function call(sim: Simulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const token = options.token === undefined ? ADMIN : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const url = path.startsWith("http") ? path : sim.url + path;
  const response = await fetch(url, { method, headers, body, signal: options.signal });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === "" ? undefined : JSON.parse(text) };
}

/** The origin of the simulator (for control API calls): `http://127.0.0.1:PORT`. */
export function origin(sim: Simulator): string {
  return sim.url.replace(/\/api\/v1$/, "");
}

/** Calls the control API under `/__simulator/`. */
export function control(sim: Simulator, method: string, path: string, body?: unknown): Promise<Answer> {
  return call(sim, method, `${origin(sim)}/__simulator/${path}`, { token: null, body });
}

/** The primary records of an envelope, in `results` order. */
export function records(body: Json, key: string): Json[] {
  return body.results.map((r: { key: string; id: string }) => body[key][r.id]);
}
