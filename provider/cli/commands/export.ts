import { parseArgs } from "node:util";
import { clientFor } from "../../clientFor";
import { resolveSettings, DEFAULT_BASE_URL, Settings, SettingsError } from "../../config";
import { readAccount, Kind, KINDS } from "../account";
import { generateProgram } from "../generateProgram";
import { importFile } from "../importFile";
import { CliIO, EXIT, UsageError } from "../io";
import { Command } from "./command";

/** The `--type` names, as the help and errors list them: `access, insights, workspace, skill, holiday-calendar`. */
const TYPES = Object.keys(KINDS).join(", ");

const HELP = `Usage: pulumi-kantata export [options]

Reads the live Kantata OX account and writes a TypeScript Pulumi program that declares the
memberships that exist. Running \`pulumi up\` on it adopts every membership with no write request.

Options:
  --type <kind>       One of: ${TYPES}
                      (workspace: user <-> workspace group). Repeatable. Default: all.
  --group <id>        Only this group; repeatable. Group ids are per kind, so --group needs
                      exactly one --type. With --authoritative, only these groups are declared.
  --authoritative     One AccessGroupMembers / WorkspaceGroupMembers / SkillMembers per group
                      ("exactly these users") instead of one resource per membership. Insights
                      and holiday calendar memberships stay one resource each.
  --retain            Emit retainOnDelete, so a later \`pulumi destroy\` leaves people in their groups.
  --out <file>        Write the program to <file> instead of standard output.
  --import-file <f>   Also write a \`pulumi import --file\` file for the program (Pulumi CLI 3.254 or
                      later): \`pulumi import --file <f> --yes --generate-code=false\` then records
                      every resource in the stack with no request to Kantata.
  --base-url <url>    API root. Default: $KANTATA_BASE_URL, else ${DEFAULT_BASE_URL}.
  -h, --help          Show this help.

The API token is read from KANTATA_API_TOKEN only (never a flag, so it stays out of shell history).
KANTATA_REQUESTS_PER_SECOND, KANTATA_MAX_CONCURRENT_REQUESTS, KANTATA_REQUEST_TIMEOUT_MS and
KANTATA_MAX_RETRIES tune the reads as they tune the provider.
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
          "import-file": { type: "string" },
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
    for (const k of kinds) if (!(k in KINDS)) throw new UsageError(`--type must be one of ${TYPES}; got "${k}"`);
    const groupIds = (values.group ?? []).map((g) => {
      if (!/^\d+$/.test(g) || Number(g) < 1) throw new UsageError(`--group takes a numeric group id; got "${g}"`);
      return Number(g);
    });
    // An access group 5 and a workspace group 5 are different groups: a --group that applied to
    // several kinds would declare (and, authoritatively, claim) groups nobody named.
    if (groupIds.length > 0 && new Set(kinds).size !== 1) {
      throw new UsageError(`--group needs exactly one --type (group ids are per kind of group); e.g. --type workspace --group ${groupIds[0]}`);
    }
    // The export's connection settings are the provider's (KANTATA_* variables), with --base-url first.
    let settings: Settings;
    try {
      settings = resolveSettings(undefined, { ...io.env, ...(values["base-url"] !== undefined ? { KANTATA_BASE_URL: values["base-url"] } : {}) });
    } catch (err) {
      if (!(err instanceof SettingsError)) throw err;
      throw new UsageError(values["base-url"] !== undefined ? err.message.replace(/KANTATA_BASE_URL|kantata:baseUrl/, "--base-url") : err.message);
    }
    const { baseUrl } = settings;
    const token = settings.apiToken;
    if (!token) throw new UsageError("KANTATA_API_TOKEN is not set: export the token of an Account Administrator first.");

    const client = clientFor(settings, { token: () => token });
    const started = Date.now();
    const snapshot = await readAccount(client, [...new Set(kinds)], groupIds, (line) => io.stderr(`export: ${line}\n`));
    for (const kind of new Set(kinds)) {
      const missing = groupIds.filter((g) => !snapshot.groups[kind].has(g));
      if (missing.length > 0) {
        const known = [...snapshot.groups[kind].values()].slice(0, 20).map((g) => `${g.name} (id ${g.id})`);
        throw new UsageError(`no ${KINDS[kind].group.noun} ${missing.join(", ")} on the account; its ${KINDS[kind].group.noun}s: ${known.join(", ")}${snapshot.groups[kind].size > 20 ? ", …" : ""}`);
      }
    }
    const { text, summary, resources } = generateProgram(snapshot, [...new Set(kinds)], {
      groupIds,
      authoritative: values.authoritative!,
      retain: values.retain!,
      source: baseUrl,
      date: new Date().toISOString().slice(0, 10),
    });
    if (values.out) io.writeFile(values.out, text);
    else io.stdout(text);
    if (values["import-file"]) io.writeFile(values["import-file"], importFile(resources));
    const m = summary.memberships;
    io.stderr(
      `export: ${kinds.map((k) => `${m[k]} ${KINDS[k].group.noun}`).join(", ")} memberships; ` +
        `${summary.groups} groups, ${summary.users} users, ${summary.resources} resources` +
        `${summary.skipped ? `; ${summary.skipped} Account Default memberships left out` : ""}` +
        `${values.out ? `; written to ${values.out}` : ""} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    io.stderr(nextSteps(summary.resources));
    return EXIT.ok;
  },
};

/** Fewest resources for which the export recommends skipping checkpoints. */
const LARGE_ADOPTION = 100;

/** What to run next, printed after the summary. */
export function nextSteps(resources: number): string {
  let text = "export: next, `pulumi preview` says for each resource whether `pulumi up` adopts an existing membership (no write) or creates one.\n";
  if (resources >= LARGE_ADOPTION) {
    text +=
      `export: for ${resources} resources, run \`PULUMI_SKIP_CHECKPOINTS=true pulumi up\`: the engine then saves the state once at the end instead of after each step ` +
      "(measured on the simulator's default account, 2,171 resources: 52 s, 26 reads, 0 writes; BENCHMARKS-adoption.md in this package). " +
      "That is safe for an adoption: if the up is interrupted, the state forgets only what it did, and the next `pulumi up` adopts those memberships again, with no duplicate.\n";
  }
  return text;
}

