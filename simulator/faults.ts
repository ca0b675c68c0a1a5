/**
 * Fault rules as data (decisions.md #15): each rule matches requests by method and path and
 * answers 429, 503, drops the connection or delays the response, with an optional probability
 * (drawn from the seeded generator), a number of `times`, and a `stage`. `stage: "after"` lets
 * the request change state first and then replaces its answer: a write that happened but whose
 * answer was lost. Rules apply to `/api/v1` only.
 */
import { z } from "zod";
import { mulberry32, Random, seedNumber } from "./random";
import { normalizePath } from "./router";

/** What a rule does to a matching request. */
export type FaultResponse = 429 | 503 | "drop" | "slow";

/** Delay of a `slow` rule without `delayMs`. */
export const DEFAULT_SLOW_MS = 5000;

/** A fault rule as given from code or over HTTP. */
export const faultRuleSchema = z.strictObject({
  /** Which requests: `method` (any case) and `path`, an exact path or a prefix of whole segments, with or without `/api/v1`. */
  match: z.strictObject({ method: z.string().min(1).optional(), path: z.string().min(1).optional() }).default({}),
  respond: z.union([z.literal(429), z.literal(503), z.literal("drop"), z.literal("slow")]),
  /** Chance that a matching request is hit, from the seeded generator. @default 1 */
  probability: z.number().min(0).max(1).default(1),
  /** How many requests the rule hits before it stops; unlimited when absent. */
  times: z.number().int().positive().optional(),
  /** `Retry-After` header (seconds) sent with a 429 or 503; no header when absent. */
  retryAfterS: z.number().int().nonnegative().optional(),
  /** Delay of a `slow` rule. @default 5000 */
  delayMs: z.number().int().nonnegative().optional(),
  /** `before`: instead of handling; `after`: once the request has been handled. @default "before" */
  stage: z.enum(["before", "after"]).default("before"),
});

/** A fault rule as given (optional fields may be left out). */
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

/** A stored rule: the validated input plus its id and how often it has fired. */
export type FaultRule = z.output<typeof faultRuleSchema> & {
  id: string;
  /** Requests this rule has hit so far. */
  fired: number;
};

/** Raised for an invalid rule; the message lists each problem. */
export class FaultRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FaultRuleError";
  }
}

/** The active rules, checked in the order they were added; the first rule that fires wins. */
export class FaultTable {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private random: Random;

  constructor(private seed: number | string = 1) {
    this.random = mulberry32(seedNumber(seed));
  }

  /** Validates and adds one rule or several; returns the stored rules with their ids. */
  add(input: FaultRuleInput | FaultRuleInput[]): FaultRule[] {
    const inputs = Array.isArray(input) ? input : [input];
    const parsed = inputs.map((rule, i) => {
      const result = faultRuleSchema.safeParse(rule);
      if (!result.success) throw new FaultRuleError(`Invalid fault rule${inputs.length > 1 ? ` #${i}` : ""}:\n${z.prettifyError(result.error)}`);
      return result.data;
    });
    const added = parsed.map((rule) => ({ ...rule, id: `fault-${this.nextId++}`, fired: 0 }));
    this.rules.push(...added);
    return added.map((r) => ({ ...r }));
  }

  /** Copies of the rules, in matching order. */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Removes one rule; false when there was no rule with that id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  /** Removes every rule and restarts the generator from the seed, so a run repeats exactly. */
  clear(): void {
    this.rules = [];
    this.nextId = 1;
    this.random = mulberry32(seedNumber(this.seed));
  }

  /** Changes the seed and restarts the generator. */
  reseed(seed: number | string): void {
    this.seed = seed;
    this.random = mulberry32(seedNumber(seed));
  }

  /**
   * The rule that hits this request, if any, counted as fired. A rule with `probability` below 1
   * draws one number per matching request, so the same seed and requests give the same hits.
   */
  pick(method: string, path: string): FaultRule | undefined {
    if (this.rules.length === 0) return undefined;
    const normalized = normalizePath(path);
    for (const rule of this.rules) {
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (!matches(rule, method, normalized)) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      rule.fired++;
      return rule;
    }
    return undefined;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.match.method && rule.match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (!rule.match.path) return true;
  const prefix = normalizePath(rule.match.path);
  return prefix === "/" || path === prefix || path.startsWith(prefix + "/");
}
