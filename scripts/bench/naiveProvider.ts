/**
 * Contender (b): a user group membership provider written the way the usual dynamic-provider
 * examples are: one HTTP request per operation, no batching, no limiter, no retries.
 *   create = one POST, read = one GET of the list with `only=<id>` (the API has no show route for
 *   this type), delete = one DELETE; diff only says which argument forces a replacement.
 * Connection settings come from the environment at call time (KANTATA_BASE_URL,
 * KANTATA_API_TOKEN), so nothing secret lands in state. Everything each hook needs is inside the
 * hook: Pulumi serializes these functions into every resource's `__provider`.
 */
import * as pulumi from "@pulumi/pulumi";

export interface NaiveMembershipInputs {
  userId: number;
  workspaceGroupId: number;
}

export const naiveProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: NaiveMembershipInputs) {
    const res = await fetch(`${process.env.KANTATA_BASE_URL}/user_group_memberships`, {
      method: "POST",
      headers: { authorization: `Bearer ${process.env.KANTATA_API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ user_group_membership: { user_id: inputs.userId, workspace_group_id: inputs.workspaceGroupId } }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`POST /user_group_memberships: ${res.status} ${JSON.stringify(body)}`);
    const id = String(body.results[0].id);
    return { id, outs: { userId: inputs.userId, workspaceGroupId: inputs.workspaceGroupId } };
  },
  async read(id: string, props: NaiveMembershipInputs) {
    const res = await fetch(`${process.env.KANTATA_BASE_URL}/user_group_memberships?only=${id}`, {
      headers: { authorization: `Bearer ${process.env.KANTATA_API_TOKEN}` },
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`GET /user_group_memberships?only=${id}: ${res.status} ${JSON.stringify(body)}`);
    const m = body.user_group_memberships?.[id];
    if (!m) return { id: "", props: {} }; // gone
    return { id, props: { ...props, userId: Number(m.user_id), workspaceGroupId: Number(m.workspace_group_id) } };
  },
  async diff(_id: string, olds: NaiveMembershipInputs, news: NaiveMembershipInputs) {
    const replaces = (["userId", "workspaceGroupId"] as const).filter((k) => olds[k] !== news[k]);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  },
  async delete(id: string) {
    const res = await fetch(`${process.env.KANTATA_BASE_URL}/user_group_memberships/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${process.env.KANTATA_API_TOKEN}` },
    });
    if (!res.ok && res.status !== 404) throw new Error(`DELETE /user_group_memberships/${id}: ${res.status} ${await res.text()}`);
  },
};

/** One membership managed by the naive provider. */
export class NaiveUserGroupMembership extends pulumi.dynamic.Resource {
  constructor(name: string, args: { userId: pulumi.Input<number>; workspaceGroupId: pulumi.Input<number> }, opts?: pulumi.CustomResourceOptions) {
    super(naiveProvider, name, args, opts, "bench", "NaiveUserGroupMembership");
  }
}
