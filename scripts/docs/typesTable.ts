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
export const FIELDS_START = "<!-- fields-table:start (written by npm run docs from provider/descriptors) -->";
export const FIELDS_END = "<!-- fields-table:end -->";

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

/** Every field of every type besides user, group and `adoptExisting`: argument or output, and its doc. */
export function fieldsTable(): string {
  const rows = Object.values(descriptors).flatMap((d) => [
    ...d.updatable.map((f) => `| \`${d.typeName}\` | \`${f.arg}\` | argument${f.required ? " (required)" : ""}, changes in place | ${f.doc} |`),
    ...d.computed.map((f) => `| \`${d.typeName}\` | \`${f.arg}\` | output | ${f.doc} |`),
  ]);
  return [FIELDS_START, "| class | field | kind | meaning |", "|---|---|---|---|", ...rows, FIELDS_END].join("\n");
}

function replaceBetween(text: string, start: string, end: string, content: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
  return text.slice(0, from) + content + text.slice(to + end.length);
}

/** The README with its generated tables replaced by `typesTable()` and `fieldsTable()`. */
export function withTable(readme: string): string {
  return replaceBetween(replaceBetween(readme, START, END, typesTable()), FIELDS_START, FIELDS_END, fieldsTable());
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "..", "..", "README.md");
  const text = readFileSync(file, "utf8");
  if (process.argv.includes("--write")) writeFileSync(file, withTable(text));
  else process.stdout.write(typesTable() + "\n");
}
