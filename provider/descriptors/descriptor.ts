import { z } from "zod";

/** A Kantata id as the API sends it: a string (the platform norm) or a number (what the OAS says). */
export const apiId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

/**
 * A field of a membership besides its user and group: its Pulumi argument name, its API key,
 * and the zod schema of its API value.
 */
export interface FieldSpec {
  /** camelCase name used for Pulumi arguments and outputs. */
  arg: string;
  /** snake_case key in the Kantata record. */
  api: string;
  /** Schema of the value as the API returns it (already normalised). */
  schema: z.ZodType;
  /** One sentence for docs and error messages. */
  doc: string;
  /** A warning shown when an operation would set this field to `true` (a create with it, or an update to it). */
  warnWhenTrue?: string;
  /**
   * For an updatable field: how a bad argument is explained, e.g. `{ expected: "true or false",
   * fix: "a boolean" }`. The argument is checked with `schema`.
   */
  input?: { expected: string; fix: string; schema?: z.ZodType };
  /** An argument every resource must give (a start date), not an optional managed field. */
  required?: boolean;
  /** The create body carries this field; otherwise a create is followed by one PUT that sets it. */
  sentOnCreate?: boolean;
  /** The value the server stores when a create leaves this field out (a skill's level: 0). */
  serverDefault?: unknown;
  /** The key of the group's record that caps this value (a skill's `max_level`), checked before a create. */
  cappedBy?: string;
}

/**
 * Everything the generic provider, the client and the simulator need to know about one
 * membership type. A fourth membership type is one more object of this shape.
 */
export interface MembershipDescriptor {
  /** Class name; the Pulumi type token is `pulumi-nodejs:dynamic/kantata:<typeName>`. */
  typeName: string;
  /** Its name for `pulumi-kantata export --type` and the prefix of exported resource names. */
  exportType: string;
  /** Collection path below `/api/v1`. */
  path: string;
  /** Plural key of the response envelope and of a bulk create body. */
  collectionKey: string;
  /** Singular key of a create/update body. */
  objectKey: string;
  /**
   * The group this membership joins, e.g. `accessGroupId` / `access_group_id`, and where the
   * groups themselves are listed (read before a create, to refuse unknown or Account Default groups).
   * `nameKey`: the record's key holding the group's name, when the API sends one (used in messages).
   */
  group: {
    arg: string;
    api: string;
    noun: string;
    path: string;
    key: string;
    nameKey?: string;
    /** True when a membership can move to another group in place (one PUT), rather than be replaced. */
    updatable?: boolean;
    /** Fields of the group's own record besides `id` and `name`, for lookups (`getSkill`) and the simulator. */
    fields?: FieldSpec[];
    /** Name of the lookup function made from this descriptor, e.g. `getSkill`. */
    lookup?: string;
    /** A group name for the lookup's messages, e.g. `Finance Reviewers`. */
    example?: string;
  };
  /**
   * The list filters that select by user and by group (their names differ per endpoint), and
   * whether each takes a comma-separated list of ids (then many lookups share one request).
   */
  filters: { user: string; group: string; userList: boolean; groupList: boolean };
  /** Fields that can change without replacing the membership (one PUT each time). */
  updatable: FieldSpec[];
  /** Read-only fields the API fills in, exposed as outputs (personal data is never requested). */
  computed: FieldSpec[];
  /**
   * `show` when `GET {path}/{id}` exists; `only` when one record is read only through `?only=<id>`.
   * The provider reads by `only=` in both cases (200 ids per request); the simulator serves the
   * show route only where the API has one.
   */
  readById: "show" | "only";
  /**
   * The arguments besides `userId` that say which existing membership a declaration is (for
   * adoption, duplicates and moves between resources). @default [group.arg]
   */
  identity?: string[];
  /** The most memberships of this type one user may hold (the API refuses more). */
  maxPerUser?: number;
  /**
   * A dated series: a user's memberships are ordered by `start`, and the server derives `end`
   * (the day before the user's next start) — an output that never diffs.
   */
  series?: { start: string; end: string; current?: string };
  /**
   * List filters Kantata documents that the provider does not use. The simulator refuses them
   * with a 400 naming them, rather than answer as if they had no effect.
   */
  unusedFilters?: string[];
  /** The list's default order, `field:dir`. */
  defaultOrder: string;
  /** Largest bulk create the API accepts under the plural key; absent when there is no bulk create. */
  bulkCreateMax?: number;
  /** True when a user may belong to only one group of this kind at a time. */
  onePerUser?: boolean;
}

/** The arguments besides `userId` that identify a membership (see `identity`). */
export function identityOf(d: MembershipDescriptor): string[] {
  return d.identity ?? [d.group.arg];
}

/** The API key of an argument of this type: the group's (`skill_id`) or a field's (`start_date`). */
export function apiKeyOf(d: MembershipDescriptor, arg: string): string {
  if (arg === d.group.arg) return d.group.api;
  const field = d.updatable.find((f) => f.arg === arg);
  if (!field) throw new Error(`${d.typeName} has no argument ${arg}`);
  return field.api;
}

/** The API keys of what tells one user's memberships apart: `[skill_id]`, `[start_date]`. */
export function identityApiKeys(d: MembershipDescriptor): string[] {
  return identityOf(d).map((arg) => apiKeyOf(d, arg));
}

/**
 * True when a lookup of a declared membership reads all of the user's memberships of this type,
 * not only those of one group: one-per-user types (to find the other group) and types whose
 * identity does not include the group (a dated membership may have moved to another group).
 */
export function looksAcrossGroups(d: MembershipDescriptor): boolean {
  return d.onePerUser === true || !identityOf(d).includes(d.group.arg);
}

/** Every field of a membership record: updatable, then computed. */
export function fieldsOf(d: MembershipDescriptor): FieldSpec[] {
  return [...d.updatable, ...d.computed];
}

/** The zod schema of one API record of this membership type, normalised (ids as numbers). */
export function recordSchema(d: MembershipDescriptor) {
  const shape: Record<string, z.ZodType> = { id: apiId, user_id: apiId, [d.group.api]: apiId };
  for (const f of [...d.updatable, ...d.computed]) shape[f.api] = f.schema;
  return z.looseObject(shape);
}
