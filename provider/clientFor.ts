import { createClient, createLimiter, KantataClient, Limiter } from "./client";
import { Settings } from "./config";

/** The limiter that the settings ask for (one per process: requests in flight, requests per second). */
export function limiterFor(settings: Settings): Limiter {
  return createLimiter({ maxConcurrent: settings.maxConcurrentRequests, requestsPerSecond: settings.requestsPerSecond });
}

/**
 * The one way the provider, the lookups and the CLI build a client from resolved settings, so a
 * `kantata:*` setting or `KANTATA_*` variable means the same everywhere. The token is read at each
 * request (a rotated token applies at once, and it is kept nowhere else).
 */
export function clientFor(settings: Settings, options: { token: () => string; limiter?: Limiter }): KantataClient {
  return createClient({
    baseUrl: settings.baseUrl,
    token: options.token,
    timeoutMs: settings.requestTimeoutMs,
    retry: { maxRetries: settings.maxRetries },
    limiter: options.limiter ?? limiterFor(settings),
  });
}
