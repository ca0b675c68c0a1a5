/**
 * Reads what a program written by `pulumi-kantata export` declares, by running it against a
 * stand-in for the `pulumi-kantata` module that records each constructor call.
 */
import { descriptors, groupMembersTypes } from "../../provider/descriptors";

/** An export `--type`: access, insights, workspace, skill, holiday-calendar. */
export type Kind = string;

/** One resource of an exported program. */
export interface ExportedResource {
  cls: string;
  name: string;
  kind: Kind;
  /** True for AccessGroupMembers / WorkspaceGroupMembers. */
  whole: boolean;
  groupId: number;
  /** Sorted; one user for a single membership. */
  userIds: number[];
  canEdit?: boolean;
  /** The other arguments of a single membership (level, startDate, canEdit). */
  fields: Record<string, unknown>;
  retained: boolean;
}

/** Each class an export writes: its kind, its group argument, and whether it is authoritative. */
export const EXPORTED_CLASSES: Record<string, { kind: Kind; arg: string; whole: boolean }> = Object.fromEntries([
  ...Object.values(descriptors).map((d) => [d.typeName, { kind: d.exportType, arg: d.group.arg, whole: false }]),
  ...Object.entries(groupMembersTypes).map(([cls, d]) => [cls, { kind: d.exportType, arg: d.group.arg, whole: true }]),
]);

/** The resources `program` declares, in order. */
export function exportedResources(program: string): ExportedResource[] {
  const declared: ExportedResource[] = [];
  const kantata = new Proxy(
    {},
    {
      get: (_t, cls: string) =>
        function (name: string, args: Record<string, unknown>, opts?: { retainOnDelete?: boolean }) {
          const { kind, arg, whole } = EXPORTED_CLASSES[cls];
          const userIds = whole ? (args.userIds as number[]).map(Number).sort((a, b) => a - b) : [Number(args.userId)];
          const canEdit = typeof args.canEdit === "boolean" ? args.canEdit : undefined;
          const { userId: _u, userIds: _us, [arg]: _g, ...fields } = args;
          declared.push({ cls, name, kind, whole, groupId: Number(args[arg]), userIds, canEdit, fields, retained: opts?.retainOnDelete === true });
        },
    },
  );
  new Function("kantata", program.replace(/^import .*$/m, ""))(kantata);
  return declared;
}
