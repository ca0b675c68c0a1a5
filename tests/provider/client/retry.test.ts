import { expect } from "chai";
import {
  KantataNetworkError,
  KantataRateLimitError,
  KantataServerError,
  KantataValidationError,
  fromResponse,
  type KantataError,
} from "../../../provider/client/errors";
import { withErrors } from "../../../provider/client/errorsLayer";
import { backoffDelayMs, isRetryable, isSafeToRetry, withRetry, type RetryInfo, type RetryOptions } from "../../../provider/client/retry";
import type { HttpMethod, KantataRequest } from "../../../provider/client/types";
import { fakeClock, type FakeClock } from "./helpers/fakeClock";
import { scriptedSend, type ScriptedSend, type Step } from "./helpers/scriptedSend";

const ok: Step = { status: 200, body: { ok: true } };
const status = (s: number, headers: Record<string, string> = {}): Step => ({ status: s, headers, body: { errors: [{ type: "system", message: `status ${s}` }] } });
const network = (method: HttpMethod, outcomeUnknown: boolean, timedOut = false) =>
  new KantataNetworkError({ method, path: "/x", timedOut, outcomeUnknown, reason: timedOut ? "timed out" : "connect ECONNREFUSED" });

/** retry → errors → scripted, on a fake clock, with jitter pinned to the ceiling. */
function setup(steps: Step[], options: RetryOptions = {}): { send: ReturnType<typeof withRetry>; script: ScriptedSend; clock: FakeClock } {
  const clock = fakeClock(Date.parse("2026-01-01T00:00:00Z"));
  const script = scriptedSend(steps);
  const send = withRetry(withErrors(script, { now: clock.now }), { sleep: clock.sleep, now: clock.now, random: () => 0.999999, ...options });
  return { send, script, clock };
}

async function caught(promise: Promise<unknown>): Promise<KantataError> {
  try {
    await promise;
  } catch (err) {
    return err as KantataError;
  }
  throw new Error("expected a rejection");
}

const get: KantataRequest = { method: "GET", path: "/x" };
const post: KantataRequest = { method: "POST", path: "/x", body: {} };

describe("withRetry", () => {
  it("returns at once when the first attempt succeeds", async () => {
    const { send, script, clock } = setup([ok]);
    expect((await send(get)).status).to.equal(200);
    expect(script.log).to.deep.equal(["GET /x"]);
    expect(clock.sleeps).to.deep.equal([]);
  });

  for (const s of [408, 429, 500, 502, 503, 504]) {
    it(`retries a GET answered ${s}`, async () => {
      const { send, script } = setup([status(s), ok]);
      expect((await send(get)).status).to.equal(200);
      expect(script.log).to.have.length(2);
    });
  }

  it("retries a network error on a GET, whatever its outcome", async () => {
    const { send, script } = setup([network("GET", true, true), network("GET", true), ok]);
    expect((await send(get)).status).to.equal(200);
    expect(script.log).to.have.length(3);
  });

  for (const s of [400, 401, 403, 404, 422]) {
    it(`never retries ${s}`, async () => {
      const { send, script, clock } = setup([status(s), ok]);
      const err = await caught(send(get));
      expect(err.status).to.equal(s);
      expect(err.attempts).to.equal(undefined);
      expect(script.log).to.have.length(1);
      expect(clock.sleeps).to.deep.equal([]);
    });
  }

  it("does not retry errors that are not Kantata's", async () => {
    const boom = new TypeError("bug");
    const { send, script } = setup([boom, ok]);
    expect(await caught(send(get))).to.equal(boom);
    expect(script.log).to.have.length(1);
  });

  describe("waiting", () => {
    it("backs off exponentially and caps the wait at maxDelayMs", async () => {
      const { send, clock } = setup([status(503), status(503), status(503), status(503), ok], { baseDelayMs: 100, maxDelayMs: 300 });
      await send(get);
      expect(clock.sleeps).to.deep.equal([100, 200, 300, 300]);
    });

    it("honours Retry-After in seconds", async () => {
      const { send, clock } = setup([status(429, { "retry-after": "3" }), ok]);
      await send(get);
      expect(clock.sleeps).to.deep.equal([3000]);
    });

    it("honours Retry-After as an HTTP date", async () => {
      const { send, clock } = setup([status(503, { "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), ok]);
      await send(get);
      expect(clock.sleeps).to.deep.equal([7000]);
    });

    it("tells onRetry about each retry before waiting", async () => {
      const seen: RetryInfo[] = [];
      const { send } = setup([status(502), ok], { baseDelayMs: 100, onRetry: (info) => seen.push(info) });
      await send(get);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.include({ attempt: 1, delayMs: 100, elapsedMs: 0 });
      expect(seen[0]!.error).to.be.instanceOf(KantataServerError);
      expect(seen[0]!.request).to.equal(get);
    });
  });

  describe("giving up", () => {
    it("gives up after maxRetries, throwing the last error with the attempts and time in its message", async () => {
      const { send, script } = setup([status(503), status(503), status(503), status(503), status(503), ok], { baseDelayMs: 100, maxDelayMs: 1000 });
      const err = await caught(send(get));
      expect(err).to.be.instanceOf(KantataServerError);
      expect(script.log).to.have.length(5);
      expect(err.attempts).to.equal(5);
      expect(err.message).to.equal(
        "Kantata API gave up after 5 attempt(s) over 1.5 s (retry limit of 4 reached); last error: Kantata API 503 Service Unavailable: GET /x: status 503",
      );
      expect(err.stack).to.contain("gave up after 5 attempt(s)");
    });

    it("gives up when the next wait would pass maxElapsedMs, counting the time requests take", async () => {
      let clock!: FakeClock;
      const slow503: Step = (request) => {
        clock.advance(1000);
        throw fromResponse({ status: 503, headers: {}, body: undefined, request });
      };
      const built = setup([slow503, slow503, slow503, ok], { baseDelayMs: 1000, maxRetries: 10, maxElapsedMs: 6000 });
      clock = built.clock;
      const err = await caught(built.send(get));
      // attempt 1 (1 s) + wait 1 s + attempt 2 (1 s) + wait 2 s + attempt 3 (1 s) = 6 s; a 4 s wait would pass 6 s.
      expect(built.script.log).to.have.length(3);
      expect(err.attempts).to.equal(3);
      expect(err.message).to.match(/^Kantata API gave up after 3 attempt\(s\) over 6\.0 s \(waiting 4000 ms more would pass the 6000 ms budget\); last error: Kantata API 503/);
    });

    it("gives up at once when Retry-After is longer than the budget", async () => {
      const { send, script } = setup([status(429, { "retry-after": "3600" }), ok]);
      const err = await caught(send(get));
      expect(err).to.be.instanceOf(KantataRateLimitError);
      expect(script.log).to.have.length(1);
      expect(err.message).to.contain("waiting 3600000 ms more would pass the 120000 ms budget");
    });

    it("is off with maxRetries 0: the error comes through unchanged", async () => {
      const { send, script } = setup([status(503), ok], { maxRetries: 0 });
      const err = await caught(send(get));
      expect(err.message).to.equal("Kantata API 503 Service Unavailable: GET /x: status 503");
      expect(script.log).to.have.length(1);
    });
  });

  describe("POST, which has no idempotency key", () => {
    for (const [label, step] of [
      ["a 5xx", status(503)],
      ["a timeout", network("POST", true, true)],
      ["a dropped connection", network("POST", true)],
    ] as const) {
      it(`throws ${label} to the caller unchanged, after one attempt`, async () => {
        const { send, script } = setup([step, ok]);
        const err = await caught(send(post));
        expect(err.attempts).to.equal(undefined);
        expect(err.message).not.to.contain("gave up");
        expect(script.log).to.deep.equal(["POST /x"]);
      });
    }

    it("retries a 429, which proves the request was not processed", async () => {
      const { send, script } = setup([status(429), ok]);
      expect((await send(post)).status).to.equal(200);
      expect(script.log).to.deep.equal(["POST /x", "POST /x"]);
    });

    it("retries a connection error that happened before anything was sent", async () => {
      const { send, script } = setup([network("POST", false), ok]);
      expect((await send(post)).status).to.equal(200);
      expect(script.log).to.have.length(2);
    });

    for (const method of ["PUT", "DELETE"] as const) {
      it(`retries a ${method} after a 5xx or a timeout, since repeating it is harmless`, async () => {
        const { send, script } = setup([status(500), network(method, true, true), ok]);
        expect((await send({ method, path: "/x/1" })).status).to.equal(200);
        expect(script.log).to.have.length(3);
      });
    }
  });
});

describe("isSafeToRetry", () => {
  const req = (method: HttpMethod): KantataRequest => ({ method, path: "/x" });
  const http = (s: number) => fromResponse({ status: s, headers: {}, body: undefined, request: req("GET") });
  const table: Array<[string, KantataError | Error, Record<HttpMethod, boolean>]> = [
    ["429", http(429), { GET: true, PUT: true, DELETE: true, POST: true }],
    ["503", http(503), { GET: true, PUT: true, DELETE: true, POST: false }],
    ["408", http(408), { GET: true, PUT: true, DELETE: true, POST: false }],
    ["network, not sent", network("GET", false), { GET: true, PUT: true, DELETE: true, POST: true }],
    ["network, outcome unknown", network("GET", true), { GET: true, PUT: true, DELETE: true, POST: false }],
    ["timeout", network("GET", true, true), { GET: true, PUT: true, DELETE: true, POST: false }],
    ["422", http(422), { GET: false, PUT: false, DELETE: false, POST: false }],
    ["404", http(404), { GET: false, PUT: false, DELETE: false, POST: false }],
    ["a plain Error", new Error("x"), { GET: false, PUT: false, DELETE: false, POST: false }],
  ];
  for (const [label, err, expected] of table) {
    it(`after ${label}: ${JSON.stringify(expected)}`, () => {
      for (const method of ["GET", "PUT", "DELETE", "POST"] as const) {
        expect(isSafeToRetry(req(method), err), method).to.equal(expected[method]);
      }
    });
  }

  it("isRetryable ignores the method and refuses 4xx other than 408 and 429", () => {
    expect(isRetryable(http(500))).to.equal(true);
    expect(isRetryable(http(409))).to.equal(false);
    expect(isRetryable(new KantataValidationError("x", { method: "GET", path: "/" }))).to.equal(false);
  });
});

describe("backoffDelayMs", () => {
  const o = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it("draws the wait from the upper half of the ceiling (jitter)", () => {
    for (let retry = 1; retry <= 10; retry++) {
      const ceiling = Math.min(30_000, 500 * 2 ** (retry - 1));
      for (const r of [0, 0.25, 0.5, 0.75, 0.999999]) {
        const d = backoffDelayMs(retry, o, () => r);
        expect(d).to.be.at.least(ceiling / 2);
        expect(d).to.be.at.most(ceiling);
      }
    }
  });

  it("doubles the ceiling each retry until maxDelayMs", () => {
    const ceilings = [1, 2, 3, 4, 7, 8, 20].map((retry) => backoffDelayMs(retry, o, () => 0.999999));
    expect(ceilings).to.deep.equal([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
    expect(backoffDelayMs(1, o, () => 0)).to.equal(250);
  });
});

describe("withRetry options", () => {
  it("refuses negative or non-numeric bounds", () => {
    const next = scriptedSend([]);
    expect(() => withRetry(next, { maxRetries: -1 })).to.throw(RangeError, /maxRetries/);
    expect(() => withRetry(next, { maxElapsedMs: Number.NaN })).to.throw(RangeError, /maxElapsedMs/);
  });
});
