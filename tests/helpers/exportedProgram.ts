/**
 * Reads what a program written by `pulumi-kantata export` declares, by running it against a
 * stand-in for the `pulumi-kantata` module that records each constructor call.
 */
export type Kind = "access" | "insights" | "workspace";

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
  retained: boolean;
}

/** Each class an export writes: its kind, its group argument, and whether it is authoritative. */
export const EXPORTED_CLASSES: Record<string, { kind: Kind; arg: string; whole: boolean }> = {
  AccessGroupMembership: { kind: "access", arg: "accessGroupId", whole: false },
  AccessGroupMembers: { kind: "access", arg: "accessGroupId", whole: true },
  InsightsAccessGroupMembership: { kind: "insights", arg: "insightsAccessGroupId", whole: false },
  UserGroupMembership: { kind: "workspace", arg: "workspaceGroupId", whole: false },
  WorkspaceGroupMembers: { kind: "workspace", arg: "workspaceGroupId", whole: true },
};

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
          declared.push({ cls, name, kind, whole, groupId: Number(args[arg]), userIds, canEdit, retained: opts?.retainOnDelete === true });
        },
    },
  );
  new Function("kantata", program.replace(/^import .*$/m, ""))(kantata);
  return declared;
}
