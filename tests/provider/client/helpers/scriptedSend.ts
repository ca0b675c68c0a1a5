import type { KantataRequest, KantataResponse, Send } from "../../../../provider/client/types";

/** One scripted outcome: a response to return, an error to throw, or a function of the request. */
export type Step =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | Error
  | ((request: KantataRequest) => KantataResponse | Promise<KantataResponse>);

/** A `Send` that replays `steps` in order and records each request, in the style of octokit's plugin tests. */
export interface ScriptedSend extends Send {
  /** "GET /path?query" per request, in order. */
  log: string[];
  requests: KantataRequest[];
  /** Steps not used yet. */
  remaining: () => number;
}

/** Builds a `ScriptedSend`; running past the script is an error, so a test sees unexpected extra requests. */
export function scriptedSend(steps: Step[]): ScriptedSend {
  const queue = [...steps];
  const log: string[] = [];
  const requests: KantataRequest[] = [];
  const send = async (request: KantataRequest): Promise<KantataResponse> => {
    requests.push(request);
    const q = Object.entries(request.query ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`)
      .join("&");
    log.push(`${request.method} ${request.path}${q ? `?${q}` : ""}`);
    const step = queue.shift();
    if (step === undefined) throw new Error(`script exhausted at request ${log.length}: ${log[log.length - 1]}`);
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(request);
    return { status: step.status, headers: step.headers ?? {}, body: step.body, request };
  };
  return Object.assign(send, { log, requests, remaining: () => queue.length });
}
