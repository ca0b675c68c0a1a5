/**
 * The control API under `/__simulator/` (same origin, JSON, no auth): reset, load a fixture,
 * dump the state, read the request log and counters, and set fault rules, latency, rate limit,
 * seed and options. Its own requests are neither logged nor counted, and faults never touch it.
 */
import { FixtureError } from "./fixture";
import { FaultRuleError, FaultRuleInput } from "./faults";
import { Latency } from "./latency";
import { SimulatorOptionsInput } from "./options";
import { RateLimit } from "./rateLimit";
import { SettingError, Simulation } from "./simulation";

/** Prefix of every control route. */
export const CONTROL_PREFIX = "/__simulator";

/** A control answer. */
export interface ControlReply {
  status: number;
  body?: unknown;
}

type ControlHandler = (sim: Simulation, body: unknown, param: string | undefined) => ControlReply;

const ok = (body: unknown = { ok: true }): ControlReply => ({ status: 200, body });

/** `"METHOD /path"` → handler; `:id` at the end of a path is passed as `param`. */
const CONTROL_ROUTES: Partial<Record<string, ControlHandler>> = {
  "POST /reset": (sim) => {
    sim.reset();
    return ok();
  },
  "POST /fixture": (sim, body) => {
    sim.loadFixture(body);
    return ok({ ok: true, users: sim.store.users.size });
  },
  "GET /state": (sim) => ok(sim.state()),
  "GET /requests": (sim) => ok({ requests: sim.log.list() }),
  "GET /counters": (sim) => ok(sim.log.counters()),
  "GET /faults": (sim) => ok({ faults: sim.faults.list() }),
  "POST /faults": (sim, body) => ok({ faults: sim.faults.add(body as FaultRuleInput | FaultRuleInput[]) }),
  "DELETE /faults": (sim) => {
    sim.faults.clear();
    return ok();
  },
  "DELETE /faults/:id": (sim, _body, id) =>
    sim.faults.remove(id ?? "") ? ok() : { status: 404, body: controlError(`No fault rule ${id}`) },
  "GET /latency": (sim) => ok({ latency: sim.latency }),
  "PUT /latency": (sim, body) => {
    sim.setLatency((body ?? null) as Latency | null);
    return ok({ latency: sim.latency });
  },
  "GET /rate-limit": (sim) => ok({ rateLimit: sim.rateLimit?.limit ?? null }),
  "PUT /rate-limit": (sim, body) => {
    sim.setRateLimit((body ?? null) as RateLimit | null);
    return ok({ rateLimit: sim.rateLimit?.limit ?? null });
  },
  "GET /options": (sim) => ok({ options: sim.options }),
  "PUT /options": (sim, body) => ok({ options: sim.setOptions((body ?? {}) as SimulatorOptionsInput) }),
  "PUT /seed": (sim, body) => {
    const seed = (body as { seed?: unknown } | null)?.seed;
    if (typeof seed !== "number" && typeof seed !== "string") return { status: 400, body: controlError("Body must be {seed: number | string}") };
    sim.setSeed(seed);
    return ok({ seed });
  },
};

/**
 * Answers one control request. `path` is below `/__simulator`; `bodyText` is the raw body.
 * Invalid input is a 400 in Kantata's error shape, so one parser serves both APIs.
 */
export function handleControl(sim: Simulation, method: string, path: string, bodyText: string): ControlReply {
  const segments = path.split("/").filter((s) => s !== "");
  const exact = CONTROL_ROUTES[`${method} /${segments.join("/")}`];
  const withParam = segments.length > 1 ? CONTROL_ROUTES[`${method} /${segments.slice(0, -1).join("/")}/:id`] : undefined;
  const handler = exact ?? withParam;
  if (!handler) return { status: 404, body: controlError(`No control route ${method} ${CONTROL_PREFIX}${path}`) };
  let body: unknown;
  try {
    body = bodyText.trim() === "" ? undefined : JSON.parse(bodyText);
  } catch {
    return { status: 400, body: controlError("Body is not valid JSON") };
  }
  try {
    return handler(sim, body, exact ? undefined : segments[segments.length - 1]);
  } catch (error) {
    if (error instanceof FixtureError || error instanceof FaultRuleError || error instanceof SettingError) {
      return { status: 400, body: controlError(error.message) };
    }
    throw error;
  }
}

function controlError(message: string) {
  return { errors: [{ type: "validation", message }] };
}
