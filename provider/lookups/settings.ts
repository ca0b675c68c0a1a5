/**
 * Connection settings of the lookups, which run in the Pulumi program's own process (not in the
 * provider process the resources use): per-call options, then stack config, then the
 * environment, then defaults, through the same `resolveSettings` as the resources.
 */
import * as pulumi from "@pulumi/pulumi";
import { resolveSettings, requireToken, type ConfigSource, type Settings } from "../config";
import { KantataLookupArgumentError } from "./errors";

/**
 * Per-call connection overrides of a lookup. Rarely needed: by default a lookup uses the stack
 * config `kantata:baseUrl` / `kantata:apiToken` (or `KANTATA_BASE_URL` / `KANTATA_API_TOKEN`),
 * as the resources do.
 */
export interface LookupOptions {
  /** API root including `/api/v1`. @default stack config `kantata:baseUrl`, then `KANTATA_BASE_URL`, then `https://api.mavenlink.com/api/v1` */
  baseUrl?: string;
  /**
   * API token (OAuth bearer) of an Account Administrator. Prefer `pulumi config set --secret
   * kantata:apiToken`; a token written into a program ends up in its source.
   * @default stack config `kantata:apiToken`, then `KANTATA_API_TOKEN`
   */
  apiToken?: string;
}

const OPTION_KEYS = ["baseUrl", "apiToken"] as const;

/** Settings and token a lookup connects with. */
export interface Connection {
  settings: Settings;
  /** Kept in memory only: never in a result, an error message, a cache key or a log line. */
  token: string;
}

/**
 * The stack config of the running program. `pulumi.runtime.getConfig` reads the raw value: unlike
 * `new pulumi.Config("kantata").get(...)`, it does not warn that a secret is read as plain text, and
 * the value never becomes an `Output`. Outside a Pulumi program it finds nothing.
 */
export const stackConfig: ConfigSource = (key) => pulumi.runtime.getConfig(key);

/**
 * Resolves the connection of one lookup call: `options` win, then `config` (the stack config),
 * then `env`. Throws `SettingsError` for a bad base URL or a missing token (before any request).
 */
export function resolveConnection(
  lookup: string,
  options: LookupOptions | undefined,
  config: ConfigSource = stackConfig,
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new KantataLookupArgumentError(lookup, {}, `${lookup}: its options must be an object like { baseUrl?, apiToken? }.`);
  }
  const unknown = Object.keys(options ?? {}).filter((k) => !(OPTION_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new KantataLookupArgumentError(lookup, {}, `${lookup}: unknown option ${unknown.map((k) => `"${k}"`).join(", ")}; the options are ${OPTION_KEYS.join(", ")}.`);
  }
  const override = (key: string): string | undefined => {
    if (key === "kantata:baseUrl" && options?.baseUrl) return options.baseUrl;
    if (key === "kantata:apiToken" && options?.apiToken) return options.apiToken;
    return config(key);
  };
  const settings = resolveSettings(override, env);
  return { settings, token: requireToken(settings) };
}
