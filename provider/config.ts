/**
 * Connection settings: stack config `kantata:*` wins, then `KANTATA_*` environment variables,
 * then defaults. Read when an operation runs, never captured in the serialized provider.
 */

/** The public Kantata OX API. */
export const DEFAULT_BASE_URL = "https://api.mavenlink.com/api/v1";

/** Every setting, with its default. Keys are the `kantata:` config keys without the namespace. */
export interface Settings {
  /** API token (OAuth bearer). No default: the provider never falls back to a simulator token. */
  apiToken?: string;
  /** Base URL including `/api/v1`. @default "https://api.mavenlink.com/api/v1" */
  baseUrl: string;
  /** Deadline of one HTTP request. @default 60000 */
  requestTimeoutMs: number;
  /** Retries of a failed request (429, 5xx, connection errors). @default 4 */
  maxRetries: number;
  /** Requests in flight at once, for the whole provider process. @default 32 */
  maxConcurrentRequests: number;
  /**
   * Most requests started per second, for the whole provider process: a ceiling. Below it the rate
   * is found from the answers (it grows while they come back, and is cut on a 429).
   * @default Infinity (no ceiling)
   */
  requestsPerSecond: number;
  /** How long concurrent creates are gathered into one bulk request. @default 50 */
  bulkWindowMs: number;
}

const NUMERIC_KEYS = ["requestTimeoutMs", "maxRetries", "maxConcurrentRequests", "requestsPerSecond", "bulkWindowMs"] as const;

export const DEFAULTS: Omit<Settings, "apiToken"> = {
  baseUrl: DEFAULT_BASE_URL,
  requestTimeoutMs: 60_000,
  maxRetries: 4,
  maxConcurrentRequests: 32,
  requestsPerSecond: Infinity,
  bulkWindowMs: 50,
};

/** Raised for a setting that cannot work; the message names the key and the fix. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/** `requestTimeoutMs` → `KANTATA_REQUEST_TIMEOUT_MS`. */
export function envName(key: string): string {
  return "KANTATA_" + key.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** A source of raw values: the stack config handed to `configure`, when there is one. */
export type ConfigSource = (key: string) => string | undefined;

/** Resolves every setting from stack config, then the environment, then defaults; validates them. */
export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): Settings {
  const raw = (key: string): string | undefined => {
    const fromConfig = config?.(`kantata:${key}`);
    if (fromConfig !== undefined && fromConfig !== "") return fromConfig;
    const fromEnv = env[envName(key)];
    return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
  };
  const fromConfig = config?.("kantata:baseUrl");
  const baseUrlSource = fromConfig !== undefined && fromConfig !== "" ? "kantata:baseUrl" : "KANTATA_BASE_URL";
  const settings: Settings = { ...DEFAULTS, apiToken: raw("apiToken"), baseUrl: normalizeBaseUrl(raw("baseUrl") ?? DEFAULTS.baseUrl, baseUrlSource) };
  for (const key of NUMERIC_KEYS) {
    const value = raw(key);
    if (value === undefined) continue;
    const n = Number(value);
    const min = key === "maxRetries" ? 0 : 1;
    if (!Number.isFinite(n) || !Number.isInteger(n) || n < min) {
      throw new SettingsError(`kantata:${key} must be a whole number ≥ ${min}, got "${value}". Fix: pulumi config set kantata:${key} <number>, or unset ${envName(key)}.`);
    }
    settings[key] = n;
  }
  return settings;
}

/** The token, or an error that says how to provide one. */
export function requireToken(settings: Settings): string {
  if (!settings.apiToken) {
    throw new SettingsError(
      "No Kantata API token. Fix: pulumi config set --secret kantata:apiToken <token>, or export KANTATA_API_TOKEN.",
    );
  }
  return settings.apiToken;
}

/** A URL as it may be shown: any user name or password in it is masked. */
function shown(value: string): string {
  return value.replace(/\/\/[^/@]*@/, "//***@");
}

/**
 * Checks a base URL and drops a trailing slash. Plain http is refused unless the host is a
 * loopback address, so a token is never sent in clear text over a network. `source` names where
 * the value came from (`kantata:baseUrl` or `KANTATA_BASE_URL`), for the message.
 */
export function normalizeBaseUrl(value: string, source = "kantata:baseUrl"): string {
  const fix = `Fix: use the API root, e.g. ${DEFAULT_BASE_URL}.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`${source} "${shown(value)}" is not a URL. ${fix}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SettingsError(`${source} "${shown(value)}" must use https. ${fix}`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new SettingsError(
      `${source} "${shown(value)}" uses plain http to a host that is not loopback; the token would travel unencrypted. Fix: use https, or a simulator on 127.0.0.1/localhost.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new SettingsError(`${source} "${shown(value)}" must not carry credentials, a query or a fragment. Fix: use e.g. ${DEFAULT_BASE_URL}.`);
  }
  if (!/\/api\/v1\/?$/.test(url.pathname)) {
    throw new SettingsError(`${source} "${shown(value)}" must end in /api/v1, the root of the Kantata OX API. ${fix}`);
  }
  return url.toString().replace(/\/+$/, "");
}

/** Loopback means 127.0.0.0/8, `localhost` and `[::1]`. */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127(\.\d{1,3}){3}$/.test(hostname);
}
