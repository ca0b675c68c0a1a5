// Declares N resources of one benchmark contender, read from the JSON file named by
// KANTATA_BENCH_SPEC: { contender: "kantata" | "naive" | "floor", pairs: [[userId, workspaceGroupId], ...] }.
// Each contender's module is loaded only when it is the one declared.
import * as fs from "fs";

interface Spec {
  contender: "kantata" | "naive" | "floor";
  pairs: [number, number][];
}

const specFile = process.env.KANTATA_BENCH_SPEC;
if (!specFile) throw new Error("KANTATA_BENCH_SPEC is not set (this program is run by `npm run bench`)");
const spec = JSON.parse(fs.readFileSync(specFile, "utf8")) as Spec;
const name = (i: number) => `m${i}`;

if (spec.contender === "kantata") {
  const kantata = require("pulumi-kantata") as typeof import("pulumi-kantata");
  spec.pairs.forEach(([userId, workspaceGroupId], i) => new kantata.UserGroupMembership(name(i), { userId, workspaceGroupId }));
} else if (spec.contender === "naive") {
  const { NaiveUserGroupMembership } = require("../../naiveProvider") as typeof import("../../naiveProvider");
  spec.pairs.forEach(([userId, workspaceGroupId], i) => new NaiveUserGroupMembership(name(i), { userId, workspaceGroupId }));
} else if (spec.contender === "floor") {
  const { FloorResource } = require("../../floorProvider") as typeof import("../../floorProvider");
  spec.pairs.forEach((_pair, i) => new FloorResource(name(i)));
} else {
  throw new Error(`unknown contender ${JSON.stringify(spec.contender)}`);
}

export const count = spec.pairs.length;
