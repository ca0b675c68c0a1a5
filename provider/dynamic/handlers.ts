/**
 * The entry point the provider text of every resource (`providerSource.ts`) loads in the provider process (`pulumi-kantata/dynamic-provider`).
 * One module instance per process: the settings, the HTTP client and its shared rate limiter
 * live here, so every resource of every type shares one limiter.
 */
import { descriptors, groupMembersTypes } from "../descriptors";
import { resolveSettings, requireToken, Settings, ConfigSource, SettingsError } from "../config";
import { CheckFailure } from "./inputs";
import { createMembershipProvider, MembershipProvider } from "./membershipProvider";
import { createGroupMembersProvider } from "./groupMembersProvider";
import { httpMembershipApi } from "./httpMembershipApi";
import { MembershipApi } from "./membershipApi";
import { resetDeclaredPairs } from "./declaredPairs";
import { KantataClient, Limiter } from "../client";
import { clientFor, limiterFor } from "../clientFor";

const HOOKS = ["check", "diff", "create", "read", "update", "delete"] as const;

let configSource: ConfigSource | undefined;
let cached: { key: string; client: KantataClient; settings: Settings } | undefined;
let limiter: Limiter | undefined;
const apis = new Map<string, MembershipApi>();
/** The settings of the hook call in progress, resolved once when it began (see `attach`). */
let resolved: Settings | undefined;

/** Resolves the settings again: stack config handed to `configure`, else the environment. */
function refreshSettings(): Settings {
  resolved = resolveSettings(configSource);
  return resolved;
}

/** The settings as of the latest hook call (a rotated token or a new base URL apply from the next call). */
export function currentSettings(): Settings {
  return resolved ?? refreshSettings();
}

/** The process's client; rebuilt only when a connection setting changes. */
function client(): KantataClient {
  const settings = currentSettings();
  if (cached && cached.settings === settings) return cached.client;
  const key = JSON.stringify({ ...settings, apiToken: undefined });
  if (!cached || cached.key !== key) {
    limiter ??= limiterFor(settings);
    cached = {
      key,
      client: clientFor(settings, { token: () => requireToken(currentSettings()), limiter }),
      settings,
    };
  }
  cached.settings = settings;
  return cached.client;
}

function apiFor(typeName: string): MembershipApi {
  const d = descriptors[typeName];
  let api = apis.get(typeName);
  if (!api) {
    api = httpMembershipApi(d, client, () => currentSettings().bulkWindowMs);
    apis.set(typeName, api);
  }
  return api;
}

/** A settings problem as a check failure, so a bad base URL or a missing token shows at preview. */
function settingsProblem(): CheckFailure | undefined {
  try {
    requireToken(currentSettings());
    return undefined;
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    const key = /kantata:(\w+)/.exec(err.message)?.[1] ?? (/KANTATA_BASE_URL/.test(err.message) ? "baseUrl" : "apiToken");
    return { property: `kantata:${key}`, reason: err.message };
  }
}

const providers = new Map<string, MembershipProvider>();

/** The provider of one resource type (one per process): a membership or an authoritative group. */
export function providerFor(typeName: string): MembershipProvider {
  let p = providers.get(typeName);
  if (p) return p;
  const log = (msg: string) => console.log(msg);
  const membership = descriptors[typeName];
  const group = groupMembersTypes[typeName];
  if (membership) {
    p = createMembershipProvider(membership, () => apiFor(membership.typeName), {
      log,
      settingsProblem,
      // A POST is never retried by the client; the provider repeats it after a lookup, as often
      // as the client would retry any other request.
      createAttempts: () => currentSettings().maxRetries + 1,
    });
  } else if (group) {
    p = createGroupMembersProvider(typeName, group, () => apiFor(group.typeName), { log, settingsProblem });
  } else {
    throw new Error(`pulumi-kantata has no resource type "${typeName}"; the installed package may be older than the program that created it. Fix: upgrade pulumi-kantata.`);
  }
  providers.set(typeName, p);
  return p;
}

/**
 * Called synchronously by the `configure` of the provider text (`providerSource.ts`): stores the stack config and puts the real
 * hooks on the provider object, before any other hook can be looked up.
 */
export function attach(target: Record<string, unknown>, typeName: string, config?: { get(key: string): string | undefined }): void {
  if (config) configSource = (key) => config.get(key);
  const provider = providerFor(typeName);
  // Settings are resolved once per hook call, not at every request the call makes.
  for (const hook of HOOKS) {
    target[hook] = (...args: unknown[]) => {
      try {
        refreshSettings();
      } catch (err) {
        // Bad settings: every use throws it again where it is reported (check turns it into a failure).
        if (!(err instanceof SettingsError)) throw err;
        resolved = undefined;
      }
      return (provider[hook] as (...a: unknown[]) => unknown)(...args);
    };
  }
}

/** For tests: forget settings, client and providers. */
export function resetForTests(): void {
  configSource = undefined;
  resolved = undefined;
  cached = undefined;
  limiter = undefined;
  apis.clear();
  providers.clear();
  resetDeclaredPairs();
}
