import * as pulumi from "@pulumi/pulumi";
import { skillMembership as descriptor } from "../descriptors";
import { MembershipResource, typeToken } from "./membershipResource";
import { groupLookup } from "../lookups/groupLookup";
import type { LookupOptions } from "../lookups/settings";

/** Arguments of a {@link SkillMembership}. */
export interface SkillMembershipArgs {
  /** The Kantata user id (a number, or a string of digits). Changing it replaces the membership. */
  userId: pulumi.Input<number | string>;
  /** The Kantata skill id (`getSkill({ name })` finds it). Changing it replaces the membership. */
  skillId: pulumi.Input<number | string>;
  /**
   * Proficiency from 1 to 5, at most the skill's `maxLevel` (a skill without levels takes only 1);
   * changes in place with one request. When unset, Kantata's level stands and is not managed.
   */
  level?: pulumi.Input<number>;
  /**
   * When the user already holds the skill, take that membership over instead of failing.
   * Changing it makes no API request. @default true
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Every property of a {@link SkillMembership}, all optional (for `get`). */
export interface SkillMembershipState {
  userId?: pulumi.Input<number | string>;
  skillId?: pulumi.Input<number | string>;
  level?: pulumi.Input<number>;
  adoptExisting?: pulumi.Input<boolean>;
}

/**
 * A skill a Kantata OX user holds, at a proficiency level (Resource Center staffing).
 *
 * `level` changes in place; a change of user or skill replaces the membership (delete first).
 * Creates that the engine runs at the same time are sent together, up to 200 per request. Kantata
 * lets a user hold at most 200 skills, and refuses a level above the skill's `max_level`: the
 * provider checks the level against the skill before it writes.
 *
 * ## Example Usage
 * ```ts
 * import * as kantata from "pulumi-kantata";
 * const python = kantata.getSkillOutput({ name: "Python" });
 * new kantata.SkillMembership("ada-python", { userId: 101, skillId: python.id, level: 4 });
 * ```
 *
 * ## Adopting existing memberships
 * An existing membership of the same user and skill is adopted on `pulumi up` (output
 * `adopted: true`), and `level` is then set with one request if it differs.
 */
export class SkillMembership extends MembershipResource {
  /** @internal */
  public static readonly __pulumiType = typeToken(descriptor);

  /** True when `obj` is a SkillMembership, even from another copy of this package. */
  public static isInstance(obj: unknown): obj is SkillMembership {
    return (obj as { __pulumiType?: string } | undefined)?.__pulumiType === SkillMembership.__pulumiType;
  }

  /** Reads an existing membership by its Kantata id, without managing it. */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: SkillMembershipState, opts?: pulumi.CustomResourceOptions): SkillMembership {
    return new SkillMembership(name, state as SkillMembershipArgs, { ...opts, id });
  }

  /** The Kantata user id. */
  declare public readonly userId: pulumi.Output<number>;
  /** The Kantata skill id. */
  declare public readonly skillId: pulumi.Output<number>;
  /** The proficiency, as Kantata has it (0 when a create left it out). */
  declare public readonly level: pulumi.Output<number>;
  /** Whether an existing membership may be adopted on create. */
  declare public readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** The highest level the skill takes. */
  declare public readonly maxLevel: pulumi.Output<number | undefined>;
  /** Name of the skill. */
  declare public readonly skillName: pulumi.Output<string | undefined>;
  /** When the membership was created. */
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  /** When the membership last changed. */
  declare public readonly updatedAt: pulumi.Output<string | undefined>;
  /** True when create took over a membership that already existed. */
  declare public readonly adopted: pulumi.Output<boolean>;

  /** Declares that a user holds a skill. */
  constructor(name: string, args: SkillMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    super(descriptor, name, args as unknown as Record<string, unknown>, opts);
  }
}

/** A Kantata skill, as `GET /skills` returns it, camelCased. Fields the API leaves out are absent. */
export interface GetSkillResult {
  /** The Kantata skill id. */
  id: number;
  /** The same as `id`, named as `SkillMembership` names it. */
  skillId: number;
  /** The skill's name as Kantata has it. */
  name: string;
  /** The highest level the skill takes: 1 (no levels) or 5. */
  maxLevel?: number;
  /** The skill's description. */
  description?: string;
}

const skills = groupLookup<GetSkillResult>(descriptor);

/**
 * Finds one skill of the Kantata OX account by name: exact first, else ignoring case and extra
 * spaces; not found or ambiguous is an error naming the closest skills with their ids. The first
 * lookup of a program run reads `/skills` once; later ones use that read.
 *
 * ## Example Usage
 * ```ts
 * const python = await kantata.getSkill({ name: "Python" });
 * new kantata.SkillMembership("ada-python", { userId: 101, skillId: python.id, level: Math.min(4, python.maxLevel ?? 1) });
 * ```
 */
export function getSkill(args: { name: string }, opts?: LookupOptions): Promise<GetSkillResult> {
  return skills.get(args, opts);
}

/** {@link getSkill} for `Input`s: the lookup runs once `name` is known and the result is an `Output`. */
export function getSkillOutput(args: { name: pulumi.Input<string> }, opts?: LookupOptions): pulumi.Output<GetSkillResult> {
  return skills.getOutput(args, opts);
}
