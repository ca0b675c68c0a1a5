/**
 * Request bodies as the API reads them: the object under a root key (`{access_group_membership:
 * {...}}`), whose fields are validated with zod. A missing root key is a 400 `syntax` error; a
 * missing or ill-typed field is a 422 `validation` error naming the field.
 */
import { z } from "zod";
import { detail, ErrorDetail, SimError } from "./errors";
import { fill, humanize, Messages } from "./messages";

/** A record id in a body: a positive integer, or its decimal string (Rails casts both). */
export const bodyId = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/).transform(Number)]);

/** A boolean in a body; Rails also casts `"true"`/`"false"`. */
export const bodyBoolean = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value under `key` of the body; throws 400 `syntax` when the body or the key is missing. */
export function rootValue(json: unknown, key: string, messages: Messages): unknown {
  const value = isObject(json) ? json[key] : undefined;
  const blank = value === undefined || value === null || (Array.isArray(value) && value.length === 0);
  if (blank) throw new SimError(400, "syntax", messages.missingParameters);
  return value;
}

/** The object under `key` of the body; throws 400 `syntax` when it is missing or not an object. */
export function rootObject(json: unknown, key: string, messages: Messages): Record<string, unknown> {
  const value = rootValue(json, key, messages);
  if (!isObject(value)) throw new SimError(400, "syntax", messages.missingParameters);
  return value;
}

/** The result of validating one object: its typed fields, or one error per bad field. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: ErrorDetail[] };

/**
 * Validates the fields of one object (one row of a bulk when `index` is given). A field that is
 * absent or null is "can't be blank"; a field of the wrong type is "is invalid".
 */
export function validateFields<S extends z.ZodObject>(
  schema: S,
  value: unknown,
  messages: Messages,
  objectName: string,
  index?: number,
): Validated<z.output<S>> {
  if (!isObject(value)) {
    return { ok: false, errors: [detail("validation", fill(messages.invalid, { label: humanize(objectName) }), "base", index)] };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const fields = [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? "base")))];
  const errors = fields.map((field) => {
    const template = value[field] === undefined || value[field] === null ? messages.blank : messages.invalid;
    return detail("validation", fill(template, { label: humanize(field) }), field, index);
  });
  return { ok: false, errors };
}
