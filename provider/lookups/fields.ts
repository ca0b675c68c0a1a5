/** zod pieces shared by the lookups' record schemas: API snake_case in, camelCase results out. */
import { z } from "zod";

import { apiId } from "../descriptors/descriptor";

export { apiId };

/** Optional text: `null` or absent becomes `undefined`. */
export const optionalText = z.string().nullish().transform((v) => v ?? undefined);

/** Optional flag: `null` or absent becomes `undefined`. */
export const optionalFlag = z.boolean().nullish().transform((v) => v ?? undefined);

/** Optional count: `null` or absent becomes `undefined`. */
export const optionalCount = z.number().int().nonnegative().nullish().transform((v) => v ?? undefined);

/** Optional id: `null` or absent becomes `undefined`. */
export const optionalId = apiId.nullish().transform((v) => v ?? undefined);

/** Drops keys whose value is `undefined`, so results print and compare cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
