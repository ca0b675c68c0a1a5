import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { descriptors, groupMembersTypes, identityOf } from "../../../provider/descriptors";
import { typesTable, withTable } from "../../../scripts/docs/typesTable";
import * as kantata from "../../../provider";

const all = Object.values(descriptors);

describe("the membership descriptors", () => {
  it("name each type, export type, path and lookup once", () => {
    for (const key of ["typeName", "exportType", "path", "collectionKey", "objectKey"] as const) {
      expect(new Set(all.map((d) => d[key])).size, key).to.equal(all.length);
    }
    expect(new Set(all.map((d) => d.group.path)).size).to.equal(all.length);
  });

  it("identify a membership by its group or by fields it declares", () => {
    for (const d of all) {
      for (const arg of identityOf(d)) expect([d.group.arg, ...d.updatable.map((f) => f.arg)], d.typeName).to.include(arg);
    }
  });

  it("send every required field on create, and cap fields only by keys the group record has", () => {
    for (const d of all) {
      for (const f of d.updatable.filter((f) => f.required)) expect(f.sentOnCreate, `${d.typeName}.${f.arg}`).to.equal(true);
      for (const f of d.updatable.filter((f) => f.cappedBy)) expect((d.group.fields ?? []).map((g) => g.api), `${d.typeName}.${f.arg}`).to.include(f.cappedBy);
    }
  });

  it("order lists by a field:direction, and keep bulk limits within the API's page of 200", () => {
    for (const d of all) {
      expect(d.defaultOrder, d.typeName).to.match(/^\w+:(asc|desc)$/);
      if (d.bulkCreateMax !== undefined) expect(d.bulkCreateMax).to.be.within(2, 200);
    }
  });

  it("each have a public class, and each descriptor-made lookup is exported", () => {
    const exported = kantata as unknown as Record<string, unknown>;
    for (const d of all) expect(exported[d.typeName], d.typeName).to.be.a("function");
    for (const cls of Object.keys(groupMembersTypes)) expect(exported[cls], cls).to.be.a("function");
    for (const d of all.filter((d) => d.group.lookup)) {
      expect(exported[d.group.lookup!], d.group.lookup).to.be.a("function");
      expect(exported[`${d.group.lookup}Output`], `${d.group.lookup}Output`).to.be.a("function");
    }
  });
});

describe("the README's table of membership types", () => {
  it("and its table of fields are the ones the descriptors write (npm run docs)", () => {
    const readme = readFileSync(path.join(__dirname, "..", "..", "..", "..", "README.md"), "utf8");
    expect(withTable(readme)).to.equal(readme);
    for (const d of all) expect(typesTable()).to.contain(`\`${d.typeName}\``);
  });
});
