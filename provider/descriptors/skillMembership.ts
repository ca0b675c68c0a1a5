import { z } from "zod";
import { apiId, MembershipDescriptor } from "./descriptor";

/** A skill's `max_level`: the API sends it as a string ("1" or "5") on skills. */
const maxLevel = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/**
 * A skill held by a user, at a proficiency `level`. The level changes in place (one PUT) and is
 * capped by the skill's `max_level`; the user and the skill never change. Bulk creates take up
 * to 200 rows, and a user holds at most 200 skills.
 */
export const skillMembership: MembershipDescriptor = {
  typeName: "SkillMembership",
  exportType: "skill",
  path: "/skill_memberships",
  collectionKey: "skill_memberships",
  objectKey: "skill_membership",
  group: {
    arg: "skillId",
    api: "skill_id",
    noun: "skill",
    path: "/skills",
    key: "skills",
    nameKey: "cached_skill_name",
    lookup: "getSkill",
    example: "Python",
    fields: [
      { arg: "maxLevel", api: "max_level", schema: maxLevel, doc: "The highest level the skill takes: 1 (no levels) or 5." },
      { arg: "description", api: "description", schema: z.string().nullish(), doc: "The skill's description." },
    ],
  },
  filters: { user: "user_ids", group: "by_skill_ids", userList: true, groupList: true },
  updatable: [
    {
      arg: "level",
      api: "level",
      // Kantata stores 0 when a create leaves the level out.
      schema: z.number().int().min(0).max(5),
      input: { expected: "a whole number from 1 to 5", fix: "the proficiency, 1 to 5 (at most the skill's maxLevel)", schema: z.number().int().min(1).max(5) },
      doc: "Proficiency from 1 to 5, at most the skill's max_level. When unset, Kantata's level stands and is not managed.",
      sentOnCreate: true,
      serverDefault: 0,
      cappedBy: "max_level",
    },
  ],
  computed: [
    { arg: "maxLevel", api: "max_level", schema: apiId.nullish(), doc: "The highest level the skill takes." },
    { arg: "skillName", api: "cached_skill_name", schema: z.string().nullish(), doc: "Name of the skill." },
    { arg: "createdAt", api: "created_at", schema: z.string().nullish(), doc: "When the membership was created." },
    { arg: "updatedAt", api: "updated_at", schema: z.string().nullish(), doc: "When the membership last changed." },
  ],
  readById: "show",
  defaultOrder: "created_at:desc",
  bulkCreateMax: 200,
  maxPerUser: 200,
  unusedFilters: ["by_skill_id", "by_skill_name", "by_user_name", "workspace_id", "active_account_members_only", "created_after", "created_before", "updated_after", "updated_before"],
};
