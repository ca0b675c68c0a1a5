/**
 * The README's table of membership types, written from the descriptors, so the docs cannot
 * drift from what the provider does. `npm run docs` rewrites the table between its markers;
 * a unit test fails when the README's table differs from this output.
 *
 * Usage: node dist/scripts/docs/typesTable.js [--write]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { descriptors, MembershipDescriptor } from "../../provider/descriptors";

export const START = "<!-- types-table:start (written by npm run docs from provider/descriptors) -->";
export const END = "<!-- types-table:end -->";

const code = (names: string[]) => (names.length ? names.map((n) => `\`${n}\``).join(", ") : "–");

/** One row: class, API path, what changes in place, what replaces, bulk create, group lookup. */
function row(d: MembershipDescriptor): string {
  const inPlace = [...(d.group.updatable ? [d.group.arg] : []), ...d.updatable.map((f) => f.arg)];
  const replaced = ["userId", ...(d.group.updatable ? [] : [d.group.arg])];
  const notes = [d.onePerUser ? "one group per user" : "", d.maxPerUser ? `at most ${d.maxPerUser} per user` : "", d.series ? `\`${d.series.end}\` derived` : ""].filter(Boolean);
  return `| \`${d.typeName}\` | \`${d.path}\` (user ↔ ${d.group.noun}) | ${code(inPlace)} | ${code(replaced)} | ${d.bulkCreateMax ? `up to ${d.bulkCreateMax}` : "–"} | ${notes.join("; ") || "–"} |`;
}

/** The table, with its markers. */
export function typesTable(): string {
  return [
    START,
    "| class | Kantata API | changes in place | replaced on change | bulk create | rules |",
    "|---|---|---|---|---|---|",
    ...Object.values(descriptors).map(row),
    END,
  ].join("\n");
}

/** The README with its table replaced by `typesTable()`. */
export function withTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return readme.slice(0, start) + typesTable() + readme.slice(end + END.length);
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "..", "..", "README.md");
  const text = readFileSync(file, "utf8");
  if (process.argv.includes("--write")) writeFileSync(file, withTable(text));
  else process.stdout.write(typesTable() + "\n");
}
