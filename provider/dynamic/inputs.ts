import { z } from "zod";
import { FieldSpec, MembershipDescriptor } from "../descriptors";

/** The value Pulumi sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Largest Kantata id: the API's ids are int32. */
export const MAX_ID = 2147483647;

/** One problem found by `check`, in Pulumi's CheckFailure shape. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** The argument names a membership type accepts, in the order docs list them. */
export function allowedArgs(d: MembershipDescriptor): string[] {
  return ["userId", d.group.arg, ...d.updatable.map((f) => f.arg), "adoptExisting"];
}

/** A Kantata id: a positive int32, given as a number or a string of digits. */
export function idSchema(what: string) {
  const fix = `Fix: give the numeric Kantata ${what} id (a whole number from 1 to ${MAX_ID}), e.g. 101 or "101".`;
  return z.union([z.number(), z.string()], { error: `must be a Kantata ${what} id, a number or a string of digits. ${fix}` }).transform((v, ctx) => {
    const n = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_ID) {
      ctx.addIssue({ code: "custom", message: `must be a positive whole number, got ${JSON.stringify(v)}. ${fix}` });
      return z.NEVER;
    }
    return n;
  });
}

function boolSchema(arg: string) {
  return z.boolean({ error: (iss) => `must be true or false, got ${JSON.stringify(iss.input)}. Fix: set ${arg} to a boolean.` });
}

/** An updatable field's argument: its descriptor schema, with the descriptor's explanation of a bad value. */
function fieldSchema(f: FieldSpec) {
  const { expected, fix, schema } = f.input ?? { expected: "valid", fix: "a valid value" };
  return z.unknown().transform((value, ctx) => {
    const parsed = (schema ?? f.schema).safeParse(value);
    if (parsed.success && parsed.data !== undefined && parsed.data !== null) return parsed.data;
    ctx.addIssue({ code: "custom", message: `must be ${expected}, got ${JSON.stringify(value)}. Fix: set ${f.arg} to ${fix}.` });
    return z.NEVER;
  });
}

/** The zod schema of a membership type's arguments, built from its descriptor. */
export function inputSchema(d: MembershipDescriptor) {
  const shape: Record<string, z.ZodType> = {
    userId: idSchema("user"),
    [d.group.arg]: idSchema(d.group.noun),
    adoptExisting: boolSchema("adoptExisting").optional(),
  };
  for (const f of d.updatable) shape[f.arg] = f.required ? fieldSchema(f) : fieldSchema(f).optional();
  return z.object(shape);
}

/**
 * Validates and normalises a membership's inputs without any API call. Values that are not
 * known yet (preview) pass through untouched; everything else must be valid now.
 */
export function checkInputs(d: MembershipDescriptor, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const allowed = allowedArgs(d);
  const failures: CheckFailure[] = [];
  const given: Record<string, unknown> = {};
  const unknowns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (key === "__provider" || value === undefined) continue;
    if (!allowed.includes(key)) {
      failures.push({ property: key, reason: `${d.typeName} has no argument "${key}". Allowed arguments: ${allowed.join(", ")}.` });
    } else if (value === UNKNOWN) {
      unknowns[key] = value;
    } else {
      given[key] = value;
    }
  }
  // Arguments not known yet (preview) may be absent: the rest are still checked.
  const schema = inputSchema(d).partial(Object.fromEntries(Object.keys(unknowns).map((k) => [k, true])) as Record<string, true> & Record<number, never>);
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const property = issue.path.map(String).join(".") || "(inputs)";
      if (property in unknowns) continue;
      const reason = !(property in given) ? `${d.typeName} requires ${property}. Fix: set ${property} to ${requiredFix(d, property)}.` : `${d.typeName} ${property} ${issue.message}`;
      failures.push({ property, reason });
    }
  }
  const inputs: Record<string, unknown> = parsed.success ? { ...parsed.data } : { ...given };
  for (const key of Object.keys(inputs)) if (inputs[key] === undefined) delete inputs[key];
  return { inputs: { ...inputs, ...unknowns }, failures };
}

/** What a missing required argument should be set to. */
function requiredFix(d: MembershipDescriptor, property: string): string {
  if (property === "userId") return "the Kantata user id";
  if (property === d.group.arg) return `the Kantata ${d.group.noun} id`;
  return d.updatable.find((f) => f.arg === property)?.input?.fix ?? "a value";
}

/** The arguments every resource of this type must give: the user, the group, and required fields. */
export function requiredArgs(d: MembershipDescriptor): string[] {
  return ["userId", d.group.arg, ...d.updatable.filter((f) => f.required).map((f) => f.arg)];
}
