/**
 * The HTTP server and its request pipeline for `/api/v1`:
 * rate limit → fault rule (stage `before`) → latency → auth → route → zod-validate query and
 * body → handler → envelope → fault rule (stage `after`) → send → log.
 * Every failure leaves as Kantata's error body; a bug in a handler is a 500 `system` error,
 * never a stack trace.
 */
import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { CONTROL_PREFIX, handleControl } from "./control";
import { renderErrors, SimError } from "./errors";
import { DEFAULT_SLOW_MS, FaultRule } from "./faults";
import { sampleLatency } from "./latency";
import { parseQuery } from "./query";
import { API_PREFIX, matchRoute, normalizePath, Route } from "./router";
import { Simulation } from "./simulation";
import { requireAdministrator } from "./routes/shared";

/** Largest request body accepted (a bulk of 100 rows is about 5 KB). */
const MAX_BODY_BYTES = 1024 * 1024;

/** An answer about to be sent. */
interface Outgoing {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Where diagnostics go (the CLI passes stderr); silent by default. */
export type Logger = (line: string) => void;

/** Options of `createSimulatorServer`. */
export interface ServerSettings {
  /** Diagnostics such as handler bugs. */
  logger?: Logger;
  /** Also log one line per API request. */
  logRequests?: boolean;
}

/**
 * Builds the HTTP server for a simulation and a route table (tests may pass their own routes).
 * HTTP keep-alive is on (Node's default) with a long idle timeout, so a benchmark's pooled
 * connections stay open and it measures the simulator, not TCP handshakes.
 */
export function createSimulatorServer(sim: Simulation, routes: readonly Route[], settings: ServerSettings = {}): Server {
  const sleeper = new Sleeper();
  const server = createServer((req, res) => {
    handle(sim, routes, settings, sleeper, req, res).catch((error: unknown) => {
      settings.logger?.(`simulator: unexpected failure: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(res, { status: 500, body: renderErrors([{ type: "system", message: sim.options.messages.internalError }]) }, randomUUID());
    });
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;
  server.on("close", () => sleeper.cancelAll());
  return server;
}

async function handle(
  sim: Simulation,
  routes: readonly Route[],
  settings: ServerSettings,
  sleeper: Sleeper,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator");
  const requestId = randomUUID();
  const bodyText = await readBody(req);
  if (bodyText === undefined) {
    send(res, { status: 413, body: renderErrors([{ type: "system", message: sim.options.messages.bodyTooLarge }]) }, requestId);
    return;
  }
  if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(CONTROL_PREFIX + "/")) {
    const reply = handleControl(sim, req.method ?? "GET", url.pathname.slice(CONTROL_PREFIX.length), bodyText);
    send(res, reply, requestId);
    return;
  }

  const started = performance.now();
  const method = req.method ?? "GET";
  const isApi = url.pathname === API_PREFIX || url.pathname.startsWith(API_PREFIX + "/");
  const trace = { delayMs: 0, fault: null as string | null, userId: null as string | null };
  const generation = sim.log.generation;
  const finish = (status: number | null) => {
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    if (generation === sim.log.generation) sim.log.record({ time: new Date().toISOString(), method, path: url.pathname, query: parseQuery(url.searchParams), status, requestId, durationMs, ...trace });
    if (settings.logRequests) settings.logger?.(`${method} ${url.pathname}${url.search} → ${status ?? "dropped"} (${durationMs} ms)`);
  };
  const respond = (out: Outgoing) => {
    send(res, out, requestId, started);
    finish(out.status);
  };
  const drop = () => {
    req.socket.destroy();
    finish(null);
  };

  if (!isApi) return respond(errorReply(new SimError(404, "system", sim.options.messages.notFound)));

  const waitSeconds = sim.rateLimit?.take() ?? 0;
  if (waitSeconds > 0) {
    trace.fault = "rate-limit";
    const out = errorReply(new SimError(429, "system", sim.options.messages.rateLimited));
    if (sim.rateLimit?.limit.retryAfter !== false) out.headers = { "Retry-After": String(waitSeconds) };
    return respond(out);
  }

  const rule = sim.faults.pick(method, url.pathname);
  if (rule) trace.fault = rule.id;
  // A request still waiting when the simulator is reset belongs to the world before the reset:
  // it is abandoned (connection closed, nothing logged, nothing changed, no random number drawn).
  const abandoned = () => generation !== sim.log.generation;
  if (rule?.stage === "before") {
    if (rule.respond === "drop") return drop();
    if (rule.respond !== "slow") return respond(faultReply(sim, rule));
    trace.delayMs += await sleeper.sleep(rule.delayMs ?? DEFAULT_SLOW_MS);
    if (abandoned()) return void req.socket.destroy();
  }
  trace.delayMs += await sleeper.sleep(sampleLatency(sim.latency, sim.latencyRandom));
  if (abandoned()) return void req.socket.destroy();

  let out: Outgoing;
  try {
    out = dispatch(sim, routes, method, url, bodyText, req.headers.authorization, trace);
  } catch (error) {
    if (!(error instanceof SimError)) settings.logger?.(`simulator: handler failed on ${method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
    out = error instanceof SimError ? errorReply(error) : errorReply(new SimError(500, "system", sim.options.messages.internalError));
  }

  if (rule?.stage === "after") {
    // The request has been handled (state may have changed); only its answer is lost or late.
    if (rule.respond === "drop") return drop();
    if (rule.respond === "slow") trace.delayMs += await sleeper.sleep(rule.delayMs ?? DEFAULT_SLOW_MS);
    else out = faultReply(sim, rule);
  }
  respond(out);
}

/** Auth → route → permission → handler, for one API request. */
function dispatch(
  sim: Simulation,
  routes: readonly Route[],
  method: string,
  url: URL,
  bodyText: string,
  authorization: string | undefined,
  trace: { userId: string | null },
): Outgoing {
  const { store, options } = sim;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  const user = token === undefined ? undefined : store.userForToken(token);
  if (!user) throw new SimError(401, "oauth", options.messages.invalidToken);
  trace.userId = String(user.id);

  const match = matchRoute(routes, method, normalizePath(url.pathname));
  if (match.kind === "none") throw new SimError(404, "system", options.messages.notFound);
  if (match.kind === "wrong-method") {
    const error = new SimError(options.wrongMethodStatus, "system", options.wrongMethodStatus === 405 ? options.messages.methodNotAllowed : options.messages.notFound);
    if (options.wrongMethodStatus === 405) error.headers.Allow = match.allowed.join(", ");
    throw error;
  }
  const ctx = { store, options, user, params: match.params };
  if (match.route.adminOnly(options)) requireAdministrator(ctx);
  const reply = match.route.run(ctx, parseQuery(url.searchParams), bodyText);
  return { status: reply.status, body: reply.body };
}

function errorReply(error: SimError): Outgoing {
  return { status: error.status, body: renderErrors(error.details), headers: error.headers };
}

/** The answer of a 429 or 503 fault rule. */
function faultReply(sim: Simulation, rule: FaultRule): Outgoing {
  const message = rule.respond === 429 ? sim.options.messages.rateLimited : sim.options.messages.unavailable;
  const out = errorReply(new SimError(rule.respond === 429 ? 429 : 503, "system", message));
  if (rule.retryAfterS !== undefined) out.headers = { "Retry-After": String(rule.retryAfterS) };
  return out;
}

/** Writes an answer with the headers the real API sends (JSON type, request id, no caching). */
function send(res: ServerResponse, out: Outgoing, requestId: string, started?: number): void {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = {
    "X-Request-Id": requestId,
    "Cache-Control": "no-cache, no-store",
    ...out.headers,
  };
  if (started !== undefined) headers["X-Runtime"] = ((performance.now() - started) / 1000).toFixed(6);
  if (out.body === undefined || out.status === 204) {
    res.writeHead(out.status, headers);
    res.end();
    return;
  }
  const json = JSON.stringify(out.body);
  headers["Content-Type"] = "application/json; charset=utf-8";
  headers["Content-Length"] = Buffer.byteLength(json);
  res.writeHead(out.status, headers);
  res.end(json);
}

/** The request body as text; `""` when there is none, `undefined` when it is too large. */
function readBody(req: IncomingMessage): Promise<string | undefined> | string {
  const length = req.headers["content-length"];
  if ((length === undefined || length === "0") && req.headers["transfer-encoding"] === undefined) return "";
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Timers for latency and `slow` faults, all cancelled when the server closes so it can exit at once. */
class Sleeper {
  private pending = new Set<() => void>();

  /** Waits `ms` (or until the server closes); returns the delay asked for. */
  async sleep(ms: number): Promise<number> {
    if (ms <= 0) return 0;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending.add(done);
    });
    return ms;
  }

  /** Ends every pending wait now. */
  cancelAll(): void {
    for (const done of [...this.pending]) done();
  }
}
