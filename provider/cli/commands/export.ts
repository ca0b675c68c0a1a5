import { parseArgs } from "node:util";
import { createClient } from "../../client";
import { normalizeBaseUrl, DEFAULT_BASE_URL, SettingsError } from "../../config";
import { readAccount, Kind, KINDS } from "../account";
import { generateProgram } from "../generateProgram";
import { CliIO, EXIT, UsageError } from "../io";
import { Command } from "./command";

const HELP = `Usage: pulumi-kantata export [options]

Reads the live Kantata OX account and writes a TypeScript Pulumi program that declares the
memberships that exist. Running \`pulumi up\` on it adopts every membership with no write request.

Options:
  --type <kind>       access, insights or workspace (user <-> workspace group); repeatable.
                      Default: all three.
  --group <id>        Only this group (of the chosen kinds); repeatable.
  --authoritative     One AccessGroupMembers / WorkspaceGroupMembers per group ("exactly these
                      users") instead of one resource per membership. Insights memberships stay
                      one per user.
  --retain            Emit retainOnDelete, so a later \`pulumi destroy\` leaves people in their groups.
  --out <file>        Write the program to <file> instead of standard output.
  --base-url <url>    API root. Default: $KANTATA_BASE_URL, else ${DEFAULT_BASE_URL}.
  -h, --help          Show this help.

The API token is read from KANTATA_API_TOKEN only (never a flag, so it stays out of shell history).
Progress and the summary go to standard error.`;

/** `pulumi-kantata export`. */
export const exportCommand: Command = {
  name: "export",
  summary: "write a Pulumi program that declares the account's existing memberships",
  help: HELP,
  async run(argv: string[], io: CliIO): Promise<number> {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        allowPositionals: false,
        options: {
          type: { type: "string", multiple: true },
          group: { type: "string", multiple: true },
          authoritative: { type: "boolean", default: false },
          retain: { type: "boolean", default: false },
          out: { type: "string" },
          "base-url": { type: "string" },
          help: { type: "boolean", short: "h", default: false },
        },
      }));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (values.help) {
      io.stdout(HELP + "\n");
      return EXIT.ok;
    }
    const kinds = (values.type ?? Object.keys(KINDS)) as Kind[];
    for (const k of kinds) if (!(k in KINDS)) throw new UsageError(`--type must be one of access, insights, workspace; got "${k}"`);
    const groupIds = (values.group ?? []).map((g) => {
      if (!/^\d+$/.test(g) || Number(g) < 1) throw new UsageError(`--group takes a numeric group id; got "${g}"`);
      return Number(g);
    });
    let baseUrl: string;
    try {
      baseUrl = normalizeBaseUrl(values["base-url"] ?? io.env.KANTATA_BASE_URL ?? DEFAULT_BASE_URL);
    } catch (err) {
      throw new UsageError((err as SettingsError).message.replace("kantata:baseUrl", "--base-url"));
    }
    const token = io.env.KANTATA_API_TOKEN;
    if (!token) throw new UsageError("KANTATA_API_TOKEN is not set: export the token of an Account Administrator first.");

    const client = createClient({ baseUrl, token: () => token, timeoutMs: 60_000 });
    const started = Date.now();
    const snapshot = await readAccount(client, [...new Set(kinds)], groupIds, (line) => io.stderr(`export: ${line}\n`));
    const { text, summary } = generateProgram(snapshot, [...new Set(kinds)], {
      authoritative: values.authoritative!,
      retain: values.retain!,
      source: baseUrl,
      date: new Date().toISOString().slice(0, 10),
    });
    if (values.out) io.writeFile(values.out, text);
    else io.stdout(text);
    const m = summary.memberships;
    io.stderr(
      `export: ${m.access} access group, ${m.insights} Insights and ${m.workspace} workspace group memberships; ` +
        `${summary.groups} groups, ${summary.users} users, ${summary.resources} resources` +
        `${summary.skipped ? `; ${summary.skipped} Account Default memberships left out` : ""}` +
        `${values.out ? `; written to ${values.out}` : ""} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    return EXIT.ok;
  },
};
