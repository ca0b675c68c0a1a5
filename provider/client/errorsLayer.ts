import { fromResponse, type FromResponseOptions } from "./errors/fromResponse";
import type { Send } from "./types";

/**
 * The layer that turns every non-2xx response into a typed `KantataError` (see `fromResponse`),
 * so the layers above it see only successes or throws.
 */
export function withErrors(next: Send, options: FromResponseOptions = {}): Send {
  return async (request) => {
    const response = await next(request);
    if (response.status >= 200 && response.status < 300) return response;
    throw fromResponse(response, options);
  };
}
