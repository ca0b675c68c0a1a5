/**
 * Test helpers around the simulator: start it, talk to its control API, and read memberships
 * through the public API as an administrator would.
 */
import { startSimulator } from "../../simulator";

export const ADMIN_TOKEN = "sim-admin-token";
export const MEMBER_TOKEN = "sim-member-token";

/** One request the simulator logged. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

/** A running simulator plus shorthands the tests use. */
export interface TestSimulator {
  url: string;
  origin: string;
  close(): Promise<void>;
  /** Back to the default fixture; clears the log, counters and faults. */
  reset(): Promise<void>;
  /** Calls the control API (`/__simulator/<path>`). */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  /** The API requests logged since the last reset. */
  requests(): Promise<LoggedRequest[]>;
  /** Logged writes (POST, PUT, DELETE). */
  writes(): Promise<LoggedRequest[]>;
  /** Calls the API as the administrator; returns the parsed body. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Every membership record of a collection matching a filter query (e.g. `user_id=5`), all pages. */
  memberships(collection: string, query: string): Promise<Record<string, any>[]>;
  /** How many memberships of the three kinds the simulator holds now (read in process, no request logged). */
  membershipCount(): number;
  /** Every membership the simulator holds now, of the three kinds (read in process, no request logged). */
  liveRows(): LiveRow[];
}

/** One membership as the simulator holds it. */
export interface LiveRow {
  kind: "access" | "insights" | "workspace";
  id: number;
  userId: number;
  groupId: number;
  canEdit?: boolean;
}

export async function startTestSimulator(options: Record<string, unknown> = {}): Promise<TestSimulator> {
  const sim = await startSimulator({ port: 0, ...options });
  const origin = new URL(sim.url).origin;
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}/__simulator/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const requests = async () => {
    const body = (await control("GET", "requests")) as { requests?: LoggedRequest[] } | LoggedRequest[];
    return Array.isArray(body) ? body : body.requests ?? [];
  };
  return {
    url: sim.url,
    origin,
    close: () => sim.close(),
    reset: async () => void (await control("POST", "reset")),
    control,
    requests,
    writes: async () => (await requests()).filter((r) => r.method !== "GET"),
    api,
    memberships: async (collection, query) => {
      const all: Record<string, any>[] = [];
      for (let page = 1; ; page++) {
        const { body } = await api("GET", `/${collection}?${query}&per_page=200&page=${page}`);
        all.push(...body.results.map((r: { key: string; id: string }) => body[r.key][r.id]));
        if (page >= body.meta.page_count) return all;
      }
    },
    membershipCount: () => sim.store.accessGroupMemberships.size + sim.store.insightsAccessGroupMemberships.size + sim.store.userGroupMemberships.size,
    liveRows: () => [
      ...[...sim.store.accessGroupMemberships.all()].map((r) => ({ kind: "access" as const, id: r.id, userId: r.user_id, groupId: r.access_group_id })),
      ...[...sim.store.insightsAccessGroupMemberships.all()].map((r) => ({ kind: "insights" as const, id: r.id, userId: r.user_id, groupId: r.insights_access_group_id, canEdit: r.can_edit })),
      ...[...sim.store.userGroupMemberships.all()].map((r) => ({ kind: "workspace" as const, id: r.id, userId: r.user_id, groupId: r.workspace_group_id })),
    ],
  };
}
