import { attach } from "../../provider/dynamic/handlers";

/** The hooks the provider process calls, as plain async functions. */
export type Hooks = Record<"check" | "diff" | "create" | "read" | "update" | "delete", (...args: any[]) => Promise<any>>;

/**
 * What the provider process does: the `configure` of the provider text attaches the real hooks. Stack config is
 * read through `config()` at each use, so a test can change it between calls (e.g. rotate a token).
 */
export function providerHooks(typeName: string, config: () => Record<string, string>): Hooks {
  const target: Record<string, unknown> = {};
  attach(target, typeName, { get: (key: string) => config()[key] });
  return target as unknown as Hooks;
}
