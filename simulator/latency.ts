/**
 * Latency added to every `/api/v1` response: fixed, or drawn uniformly between two bounds from
 * the seeded generator so a run repeats exactly.
 */
import { z } from "zod";
import { Random } from "./random";

/** `{fixedMs}` or `{minMs, maxMs}`; `null` means none. */
export type Latency = { fixedMs: number } | { minMs: number; maxMs: number };

/** Validates a latency setting given over HTTP or from code. */
export const latencySchema = z
  .union([
    z.strictObject({ fixedMs: z.number().int().nonnegative() }),
    z
      .strictObject({ minMs: z.number().int().nonnegative(), maxMs: z.number().int().nonnegative() })
      .refine((l) => l.minMs <= l.maxMs, "minMs must not exceed maxMs"),
  ])
  .nullable();

/** The delay for one request, in whole milliseconds. */
export function sampleLatency(latency: Latency | null, random: Random): number {
  if (latency === null) return 0;
  if ("fixedMs" in latency) return latency.fixedMs;
  return latency.minMs + Math.floor(random() * (latency.maxMs - latency.minMs + 1));
}
