import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as kantata from "../../../provider";
import { resetClaims } from "../../../provider/resources/groupClaims";

interface Seen { type: string; name: string; inputs: Record<string, unknown> }
const seen: Seen[] = [];

// Pulumi's mocks stand in for the engine: they record what the classes register.
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      seen.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: { ...args.inputs, adopted: false } };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  true,
);

function resolve<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((r) => o.apply((v) => r(v)));
}

describe("membership classes", () => {
  beforeEach(() => {
    seen.length = 0;
    resetClaims();
  });

  it("take no stack trace while registering beyond the one Pulumi keeps as the resource's source position, which stays exact", async () => {
    // Each trace @pulumi/pulumi formats costs much under ts-node's source maps (see provider/resources/shallowStacks.ts).
    const traces: string[][] = [];
    const saved = Error.prepareStackTrace;
    Error.prepareStackTrace = (error, frames) => {
      if (frames.length > 0) traces.push(frames.map((f) => String(f.getFileName())));
      return saved ? saved(error, frames) : `${error}\n${frames.map((f) => `    at ${f}`).join("\n")}`;
    };
    let limit: number;
    try {
      new kantata.UserGroupMembership("traced", { userId: 1, workspaceGroupId: 4 });
      new kantata.WorkspaceGroupMembers("traced-group", { workspaceGroupId: 6, userIds: [1, 2] });
      limit = Error.stackTraceLimit;
    } finally {
      Error.prepareStackTrace = saved;
    }
    expect(traces).to.have.length(2);
    for (const files of traces) expect(files).to.include(__filename);
    expect(limit, "the limit is restored").to.equal(Error.stackTraceLimit).and.to.be.above(0);
  });

  it("register under readable type tokens in the kantata module", async () => {
    const a = new kantata.AccessGroupMembership("a", { userId: 1, accessGroupId: 2 });
    const i = new kantata.InsightsAccessGroupMembership("i", { userId: 1, insightsAccessGroupId: 3, canEdit: false });
    const u = new kantata.UserGroupMembership("u", { userId: 1, workspaceGroupId: 4 });
    await Promise.all([resolve(a.urn), resolve(i.urn), resolve(u.urn)]);
    expect(seen.map((s) => s.type).sort()).to.deep.equal([
      "pulumi-nodejs:dynamic/kantata:AccessGroupMembership",
      "pulumi-nodejs:dynamic/kantata:InsightsAccessGroupMembership",
      "pulumi-nodejs:dynamic/kantata:UserGroupMembership",
    ]);
    expect(kantata.AccessGroupMembership.isInstance(a)).to.equal(true);
    expect(kantata.UserGroupMembership.isInstance(a)).to.equal(false);
  });

  it("pass the declared arguments as inputs and expose them as outputs", async () => {
    const m = new kantata.UserGroupMembership("team", { userId: "101", workspaceGroupId: 12, adoptExisting: false });
    expect(await resolve(m.workspaceGroupId)).to.equal(12);
    const s = seen.find((x) => x.name === "team")!;
    expect(s.inputs).to.include({ userId: "101", workspaceGroupId: 12, adoptExisting: false });
  });

  it("store a small provider text that carries no token and no logic", async () => {
    process.env.KANTATA_API_TOKEN = "tok-SECRET-in-env";
    try {
      const m = new kantata.AccessGroupMembership("small", { userId: 1, accessGroupId: 2 });
      await resolve(m.urn);
      const provider = String(seen.find((x) => x.name === "small")!.inputs.__provider);
      expect(provider.length).to.be.greaterThan(100).and.lessThan(300);
      expect(provider).to.not.contain("tok-SECRET");
      expect(provider).to.contain("pulumi-kantata/dynamic-provider");
      expect(provider).to.contain("AccessGroupMembership");
    } finally {
      delete process.env.KANTATA_API_TOKEN;
    }
  });

  it("throw 'Missing required property' for a missing user or group", () => {
    expect(() => new kantata.AccessGroupMembership("x", { accessGroupId: 2 } as kantata.AccessGroupMembershipArgs)).to.throw(/Missing required property 'userId'/);
    expect(() => new kantata.UserGroupMembership("y", { userId: 2 } as kantata.UserGroupMembershipArgs)).to.throw(/Missing required property 'workspaceGroupId'/);
  });

  it("register the authoritative group resources under their own type tokens", async () => {
    const w = new kantata.WorkspaceGroupMembers("w", { workspaceGroupId: 5, userIds: [1, 2] });
    const a = new kantata.AccessGroupMembers("a", { accessGroupId: 11, userIds: [] });
    await Promise.all([resolve(w.urn), resolve(a.urn)]);
    expect(seen.map((s) => s.type).sort()).to.deep.equal(["pulumi-nodejs:dynamic/kantata:AccessGroupMembers", "pulumi-nodejs:dynamic/kantata:WorkspaceGroupMembers"]);
    expect(() => new kantata.WorkspaceGroupMembers("x", { workspaceGroupId: 5 } as kantata.WorkspaceGroupMembersArgs)).to.throw(/Missing required property 'userIds'/);
  });

  it("refuse a group managed both as a whole and one membership at a time", () => {
    new kantata.AccessGroupMembers("reviewers", { accessGroupId: 11, userIds: [1] });
    new kantata.AccessGroupMembership("other-group", { userId: 2, accessGroupId: 12 });
    new kantata.UserGroupMembership("same-id-other-kind", { userId: 2, workspaceGroupId: 11 });
    expect(() => new kantata.AccessGroupMembership("single", { userId: 2, accessGroupId: "11" })).to.throw(
      /AccessGroupMembers "reviewers" manages access group 11 as a whole, and AccessGroupMembership "single" \(user 2\)/,
    );
  });

  it("refuse a group managed as a whole by two resources", () => {
    new kantata.WorkspaceGroupMembers("team-a", { workspaceGroupId: 5, userIds: [1] });
    new kantata.AccessGroupMembers("other-kind", { accessGroupId: 5, userIds: [2] });
    expect(() => new kantata.WorkspaceGroupMembers("team-b", { workspaceGroupId: "5", userIds: [2] })).to.throw(
      /WorkspaceGroupMembers "team-a" and WorkspaceGroupMembers "team-b" all manage workspace group 5 as a whole/,
    );
  });

  it("refuse one (user, group) pair declared by two resources, which would share one membership", () => {
    new kantata.UserGroupMembership("ada-eng", { userId: 1, workspaceGroupId: 5 });
    new kantata.UserGroupMembership("bob-eng", { userId: 2, workspaceGroupId: 5 });
    new kantata.AccessGroupMembership("ada-access", { userId: 1, accessGroupId: 5 });
    expect(() => new kantata.UserGroupMembership("ada-eng-again", { userId: "1", workspaceGroupId: 5 })).to.throw(
      /UserGroupMembership "ada-eng" and UserGroupMembership "ada-eng-again" both declare user 1 in workspace group 5; .*Fix: declare the membership once/,
    );
  });
});
