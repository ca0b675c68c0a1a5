/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3: delay in seconds, or an HTTP date) as
 * milliseconds from `nowMs`. Returns `undefined` when absent or unreadable, so the caller falls
 * back to its own backoff; a date in the past gives 0.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Date.parse takes almost anything ("-5" is a year); an HTTP date always names a day or month.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
