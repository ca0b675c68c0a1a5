/**
 * A group lookup made from a membership descriptor: `getSkill({ name })` reads `group.path`
 * whole once per program run and finds the group by name; its result is the group's id (also
 * under the membership's argument name, e.g. `skillId`), its name, and `group.fields` camelCased.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { MembershipDescriptor } from "../descriptors";
import { findByName, type Collection } from "./collection";
import { apiId, compact } from "./fields";
import { foldName } from "./matching";
import { lookupOutput } from "./output";
import type { LookupOptions } from "./settings";

/** What every group lookup returns; the descriptor's `group.fields` add to it. */
export interface GroupLookupResult {
  /** The group's Kantata id. */
  id: number;
  /** The group's name as Kantata has it. */
  name: string;
}

/** The collection of a descriptor's groups, for the generic lookup. */
export function groupCollection<R extends GroupLookupResult>(d: MembershipDescriptor): Collection<R> {
  const shape: Record<string, z.ZodType> = { id: apiId, name: z.string() };
  for (const f of d.group.fields ?? []) shape[f.api] = f.schema;
  const schema = z.looseObject(shape).transform((g) => {
    const result: Record<string, unknown> = { id: g.id, [d.group.arg]: g.id, name: g.name };
    for (const f of d.group.fields ?? []) result[f.arg] = g[f.api] ?? undefined;
    return compact(result) as R;
  });
  const lookup = d.group.lookup ?? `get${d.group.key}`;
  return {
    lookup,
    noun: d.group.noun,
    plural: `${d.group.noun}s`,
    path: d.group.path,
    key: d.group.key,
    query: {},
    schema: schema as unknown as z.ZodType<R>,
    maxItems: 50_000,
    labelArg: "name",
    labelOf: (g) => g.name,
    fold: foldName,
    rule: "Names match exactly, else ignoring case and extra spaces.",
  };
}

/**
 * The promise and `Output` forms of a descriptor's group lookup. Name matching, errors and the
 * once-per-run read are those of every lookup (`collection.ts`).
 */
export function groupLookup<R extends GroupLookupResult>(d: MembershipDescriptor) {
  const collection = groupCollection<R>(d);
  const example = `${collection.lookup}({ name: ${JSON.stringify(d.group.example ?? "...")} })`;
  const get = (args: { name: string }, opts?: LookupOptions): Promise<R> => findByName(collection, args, opts, example);
  const getOutput = (args: { name: pulumi.Input<string> }, opts?: LookupOptions): pulumi.Output<R> =>
    lookupOutput<{ name: string }, R>(args, (plain) => get(plain, opts));
  return { collection, get, getOutput };
}
