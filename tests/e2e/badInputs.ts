/**
 * The bad-input table and its runner: each case is declared through the end-to-end program and run
 * through the real engine against a simulator — `pulumi preview` for what must be caught before
 * any request, `pulumi up` for what only the API can know (decision 6). For each case the runner
 * records what the user saw, whether and where it was rejected, and every request the simulator
 * got. Used by tests/e2e/badInputs.test.ts and by scripts/reliability.ts (README figures).
 *
 * The engine stops at the first resource whose `check` fails (a preview of several bad resources
 * reports one of them, whichever was checked first), so every case is a run of its own. Cases share
 * stacks: a few workers, each with its own simulator and stack, run their share of the table.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDefaultFixture } from "../../simulator";
import { PulumiStack, REPO_ROOT, RunResult } from "../../scripts/lib/pulumiStack";
import { ADMIN_TOKEN, LoggedRequest, MEMBER_TOKEN, startTestSimulator, TestSimulator } from "../helpers/simulator";

/** Where a bad input is caught: by `check` at `pulumi preview`, or by the first request of `pulumi up`. */
export type Stage = "preview" | "up";

/** One resource of the end-to-end program (tests/e2e/program). */
export interface Declared {
  type: "AccessGroupMembership" | "InsightsAccessGroupMembership" | "UserGroupMembership";
  name: string;
  args: Record<string, unknown>;
  opts?: { retainOnDelete?: boolean };
}

/**
 * Connection settings of a case. Every case starts from the administrator's token in
 * `KANTATA_API_TOKEN` and the simulator in `KANTATA_BASE_URL`, with every other `KANTATA_*`
 * variable unset. In values, `{simulator}` is the simulator's base URL, `{origin}` its origin and
 * `{closedPort}` a loopback port nobody listens on.
 */
export interface CaseSettings {
  /** Environment variables to set (a string) or unset (`null`). */
  env?: Record<string, string | null>;
  /** Stack config (`kantata:*`), set for this case only. */
  config?: Record<string, { value: string; secret?: boolean }>;
}

/** One bad input and what a user must see. */
export interface BadInputCase {
  name: string;
  resources: Declared[];
  settings?: CaseSettings;
  /** Where it must be rejected. */
  stage: Stage;
  /** Exact substrings of what the user sees: the field, the problem and the fix. */
  expected: string[];
  /** Text the user must not see: a misleading hint. */
  notExpected?: string[];
  /** Secrets of the case besides tokens (always checked), which must never be shown. */
  secrets?: string[];
}

/** What happened to one case. */
export interface BadInputResult {
  name: string;
  expectedStage: Stage;
  /** Where it was rejected; `null` when the command succeeded. */
  stage: Stage | null;
  rejected: boolean;
  /** Whether the engine started an update (never for a preview-stage case, which runs `pulumi preview` only). */
  reachedUp: boolean;
  /** The command that was run: `pulumi preview`, or `pulumi up --yes --skip-preview`. */
  command: string;
  /** The errors of the engine's "Diagnostics" section, one per line. */
  message: string;
  /** Everything the CLI printed (stdout, then stderr), colour codes removed. */
  output: string;
  /** Expected substrings that the output lacks. */
  missing: string[];
  /** `notExpected` substrings that the output has. */
  unexpected: string[];
  /** Secrets (tokens, passwords) found in the output. */
  leaked: string[];
  /** Every API request the simulator got during the case. */
  requests: LoggedRequest[];
  /** The write requests (POST, PUT, DELETE) among them. */
  writes: LoggedRequest[];
  /** The expected strings after placeholders were filled in. */
  expected: string[];
  /** How long the engine ran (information only). */
  ms: number;
}

/** The figures of a run, and each case's result in table order. */
export interface BadInputSummary {
  tried: number;
  rejected: number;
  atPreview: number;
  writes: number;
  results: BadInputResult[];
}

const PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");

/** A token that looks real but is refused: what a user has after a rotation they missed. */
export const WRONG_TOKEN = "tok-SECRET-rotated-7f3a9c1e5b";
/** A password in a base URL, which must never be echoed. */
const URL_PASSWORD = "hunter2-SECRET-pw";

/** Every environment variable the provider reads; unset unless a case sets it. */
const PROVIDER_ENV = [
  "KANTATA_API_TOKEN",
  "KANTATA_BASE_URL",
  "KANTATA_REQUEST_TIMEOUT_MS",
  "KANTATA_MAX_RETRIES",
  "KANTATA_MAX_CONCURRENT_REQUESTS",
  "KANTATA_REQUESTS_PER_SECOND",
  "KANTATA_BULK_WINDOW_MS",
  "PULUMI_KANTATA_PROVIDER_MODULE",
];

// Ids taken from the simulator's default account, so the table follows the fixture.
const fixture = getDefaultFixture();
const num = (v: unknown) => Number(v);
const UNKNOWN_USER = Math.max(...fixture.users.map((u) => num(u.id))) + 997_001; // 999001 with the default account
const UNKNOWN_GROUP = 99;
const USER = 6; // a user with no custom memberships in the default account
const CUSTOM_ACCESS_GROUP = num(fixture.access_groups.find((g) => !g.account_permission)!.id);
const FINANCE_REVIEWERS = num(fixture.access_groups.find((g) => g.name === "Finance Reviewers")!.id);
const ADMINISTRATORS_GROUP = fixture.access_groups.find((g) => g.account_permission === "administrator")!;
const DEFAULT_GROUP = fixture.access_groups.find((g) => g.account_permission && g.account_permission !== "administrator")!;
const CUSTOM_INSIGHTS_GROUP = num(fixture.insights_access_groups.filter((g) => !g.is_admin_default).at(-1)!.id);
const WORKSPACE_GROUP = num(fixture.workspace_groups[0].id);
const INSIGHTS_MEMBER = fixture.insights_access_group_memberships.find((m) => num(m.insights_access_group_id) !== CUSTOM_INSIGHTS_GROUP)!;
const EXISTING_ACCESS = fixture.access_group_memberships.find((m) => num(m.access_group_id) === CUSTOM_ACCESS_GROUP)!;

const ID_RANGE = "a whole number from 1 to 2147483647";
const A = (args: Record<string, unknown>): Declared[] => [{ type: "AccessGroupMembership", name: "bad", args }];
const I = (args: Record<string, unknown>): Declared[] => [{ type: "InsightsAccessGroupMembership", name: "bad", args }];
const U = (args: Record<string, unknown>): Declared[] => [{ type: "UserGroupMembership", name: "bad", args }];
const ALLOWED_ACCESS = "Allowed arguments: userId, accessGroupId, adoptExisting.";
const ALLOWED_WORKSPACE = "Allowed arguments: userId, workspaceGroupId, adoptExisting.";
const ALLOWED_INSIGHTS = "Allowed arguments: userId, insightsAccessGroupId, canEdit, adoptExisting.";
const TOKEN_FIX = "Fix: pulumi config set --secret kantata:apiToken <token>, or export KANTATA_API_TOKEN.";
const ADMIN_FIX = "Fix: these endpoints need the token of a Kantata Account Administrator";
const REFUSED_TOKEN_FIX = "Fix: the API token was refused";

/** The table. */
export const BAD_INPUTS: BadInputCase[] = [
  // ---- Ids: zero, negative, fractional, huge, strings with junk (check, at preview) ----
  {
    name: "a negative user id",
    resources: A({ userId: -3, accessGroupId: FINANCE_REVIEWERS }),
    stage: "preview",
    expected: ["AccessGroupMembership userId must be a positive whole number, got -3.", `Fix: give the numeric Kantata user id (${ID_RANGE})`],
  },
  {
    name: "a user id of zero",
    resources: U({ userId: 0, workspaceGroupId: WORKSPACE_GROUP }),
    stage: "preview",
    expected: ["UserGroupMembership userId must be a positive whole number, got 0.", "Fix: give the numeric Kantata user id"],
  },
  {
    name: "a fractional group id",
    resources: A({ userId: USER, accessGroupId: 11.5 }),
    stage: "preview",
    expected: ["AccessGroupMembership accessGroupId must be a positive whole number, got 11.5.", "Fix: give the numeric Kantata access group id"],
  },
  {
    name: "a user id one above the API's int32 range",
    resources: A({ userId: 2147483648, accessGroupId: FINANCE_REVIEWERS }),
    stage: "preview",
    expected: ["AccessGroupMembership userId must be a positive whole number, got 2147483648.", ID_RANGE],
  },
  {
    name: "a huge Insights group id (1e20)",
    resources: I({ userId: USER, insightsAccessGroupId: 1e20 }),
    stage: "preview",
    expected: ["InsightsAccessGroupMembership insightsAccessGroupId must be a positive whole number, got 100000000000000000000.", "Fix: give the numeric Kantata Insights access group id"],
  },
  {
    name: 'a numeric string with junk ("12x")',
    resources: A({ userId: "12x", accessGroupId: FINANCE_REVIEWERS }),
    stage: "preview",
    expected: ['AccessGroupMembership userId must be a positive whole number, got "12x".', 'e.g. 101 or "101"'],
  },
  {
    name: 'a negative numeric string ("-5")',
    resources: U({ userId: USER, workspaceGroupId: "-5" }),
    stage: "preview",
    expected: ['UserGroupMembership workspaceGroupId must be a positive whole number, got "-5".', "Fix: give the numeric Kantata workspace group id"],
  },
  {
    name: "an empty string as user id",
    resources: A({ userId: "", accessGroupId: FINANCE_REVIEWERS }),
    stage: "preview",
    expected: ['AccessGroupMembership userId must be a positive whole number, got "".', "Fix: give the numeric Kantata user id"],
  },
  {
    name: 'an exponent string ("1e3")',
    resources: U({ userId: "1e3", workspaceGroupId: WORKSPACE_GROUP }),
    stage: "preview",
    expected: ['UserGroupMembership userId must be a positive whole number, got "1e3".'],
  },
  // ---- Wrong types and null ----
  {
    name: "a boolean as user id",
    resources: A({ userId: true, accessGroupId: FINANCE_REVIEWERS }),
    stage: "preview",
    expected: ["AccessGroupMembership userId must be a Kantata user id, a number or a string of digits.", "Fix: give the numeric Kantata user id"],
  },
  {
    name: "an object as group id ({id: 11})",
    resources: A({ userId: USER, accessGroupId: { id: FINANCE_REVIEWERS } }),
    stage: "preview",
    expected: ["AccessGroupMembership accessGroupId must be a Kantata access group id, a number or a string of digits.", "Fix: give the numeric Kantata access group id"],
  },
  {
    name: "an array as group id ([5])",
    resources: U({ userId: USER, workspaceGroupId: [WORKSPACE_GROUP] }),
    stage: "preview",
    expected: ["UserGroupMembership workspaceGroupId must be a Kantata workspace group id, a number or a string of digits."],
  },
  {
    name: "null as user id",
    resources: I({ userId: null, insightsAccessGroupId: CUSTOM_INSIGHTS_GROUP }),
    stage: "preview",
    expected: ["InsightsAccessGroupMembership userId must be a Kantata user id", "Fix: give the numeric Kantata user id"],
  },
  // ---- Missing and unknown fields ----
  {
    name: "a missing user id",
    resources: I({ insightsAccessGroupId: CUSTOM_INSIGHTS_GROUP }),
    stage: "preview",
    expected: [`Missing required property 'userId' of InsightsAccessGroupMembership "bad"`],
  },
  {
    name: "a missing group id",
    resources: U({ userId: USER }),
    stage: "preview",
    expected: [`Missing required property 'workspaceGroupId' of UserGroupMembership "bad"`],
  },
  {
    name: 'a typo in a required argument ("accessGroupID")',
    resources: A({ userId: USER, accessGroupID: FINANCE_REVIEWERS }),
    stage: "preview",
    // The user must be told about the argument they did write, not only the one they did not.
    expected: ['AccessGroupMembership has no argument "accessGroupID".', ALLOWED_ACCESS],
  },
  {
    name: 'a typo in an optional argument ("canedit")',
    resources: I({ userId: USER, insightsAccessGroupId: CUSTOM_INSIGHTS_GROUP, canedit: true }),
    stage: "preview",
    expected: ['InsightsAccessGroupMembership has no argument "canedit".', ALLOWED_INSIGHTS],
  },
  {
    name: 'an argument no membership has ("role")',
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS, role: "admin" }),
    stage: "preview",
    expected: ['AccessGroupMembership has no argument "role".', ALLOWED_ACCESS],
  },
  {
    name: "canEdit on an access group membership",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS, canEdit: true }),
    stage: "preview",
    expected: ['AccessGroupMembership has no argument "canEdit".', ALLOWED_ACCESS],
  },
  {
    name: "canEdit on a workspace group membership",
    resources: U({ userId: USER, workspaceGroupId: WORKSPACE_GROUP, canEdit: false }),
    stage: "preview",
    expected: ['UserGroupMembership has no argument "canEdit".', ALLOWED_WORKSPACE],
  },
  // ---- Non-boolean flags ----
  {
    name: 'canEdit as a string ("yes")',
    resources: I({ userId: USER, insightsAccessGroupId: CUSTOM_INSIGHTS_GROUP, canEdit: "yes" }),
    stage: "preview",
    expected: ['InsightsAccessGroupMembership canEdit must be true or false, got "yes". Fix: set canEdit to a boolean.'],
  },
  {
    name: 'adoptExisting as a string ("false")',
    resources: U({ userId: USER, workspaceGroupId: WORKSPACE_GROUP, adoptExisting: "false" }),
    stage: "preview",
    expected: ['UserGroupMembership adoptExisting must be true or false, got "false". Fix: set adoptExisting to a boolean.'],
  },
  // ---- Settings that cannot work (check, at preview) ----
  {
    name: "no API token anywhere",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_API_TOKEN: null } },
    stage: "preview",
    expected: ["No Kantata API token.", TOKEN_FIX],
  },
  {
    name: "a base URL that is not a URL (KANTATA_BASE_URL)",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_BASE_URL: "not a url" } },
    stage: "preview",
    // Set through the environment, so the message must name the variable the user set.
    expected: ['"not a url" is not a URL.', "KANTATA_BASE_URL", "e.g. https://api.mavenlink.com/api/v1"],
  },
  {
    name: "a base URL without a scheme (stack config)",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { config: { "kantata:baseUrl": { value: "api.mavenlink.com/api/v1" } } },
    stage: "preview",
    expected: ['kantata:baseUrl "api.mavenlink.com/api/v1" is not a URL.', "Fix: use the API root, e.g. https://api.mavenlink.com/api/v1."],
  },
  {
    name: "a plain-http base URL to a host that is not loopback",
    resources: I({ userId: USER, insightsAccessGroupId: CUSTOM_INSIGHTS_GROUP }),
    settings: { config: { "kantata:baseUrl": { value: "http://api.mavenlink.com/api/v1" } } },
    stage: "preview",
    expected: ['kantata:baseUrl "http://api.mavenlink.com/api/v1" uses plain http to a host that is not loopback', "Fix: use https"],
  },
  {
    name: "a plain-http base URL to a look-alike of a loopback address (127.0.0.1.example.com)",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_BASE_URL: "http://127.0.0.1.example.com/api/v1" } },
    stage: "preview",
    expected: ["uses plain http to a host that is not loopback", "Fix: use https"],
  },
  {
    name: "a base URL with a scheme other than https (ftp)",
    resources: U({ userId: USER, workspaceGroupId: WORKSPACE_GROUP }),
    settings: { config: { "kantata:baseUrl": { value: "ftp://api.mavenlink.com/api/v1" } } },
    stage: "preview",
    expected: ['kantata:baseUrl "ftp://api.mavenlink.com/api/v1" must use https.'],
  },
  {
    name: "a base URL carrying credentials",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { config: { "kantata:baseUrl": { value: `https://admin:${URL_PASSWORD}@api.mavenlink.com/api/v1` } } },
    stage: "preview",
    expected: ["must not carry credentials, a query or a fragment.", "Fix: use e.g. https://api.mavenlink.com/api/v1"],
    // The password in the rejected URL is a secret like the token: it must not be echoed.
    secrets: [URL_PASSWORD],
  },
  {
    name: "a base URL with a query",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { config: { "kantata:baseUrl": { value: "https://api.mavenlink.com/api/v1?format=json" } } },
    stage: "preview",
    expected: ["must not carry credentials, a query or a fragment.", "Fix: use e.g. https://api.mavenlink.com/api/v1"],
  },
  {
    name: "a request timeout that is not a number (KANTATA_REQUEST_TIMEOUT_MS)",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_REQUEST_TIMEOUT_MS: "abc" } },
    stage: "preview",
    expected: ['kantata:requestTimeoutMs must be a whole number ≥ 1, got "abc".', "unset KANTATA_REQUEST_TIMEOUT_MS"],
  },
  {
    name: "a negative retry count (stack config)",
    resources: U({ userId: USER, workspaceGroupId: WORKSPACE_GROUP }),
    settings: { config: { "kantata:maxRetries": { value: "-1" } } },
    stage: "preview",
    expected: ['kantata:maxRetries must be a whole number ≥ 0, got "-1".', "Fix: pulumi config set kantata:maxRetries <number>"],
  },
  // ---- What only Kantata knows (the read before any write, at up) ----
  {
    name: "an unknown user (access group membership)",
    resources: A({ userId: UNKNOWN_USER, accessGroupId: FINANCE_REVIEWERS }),
    stage: "up",
    expected: [`user ${UNKNOWN_USER} is not on this Kantata account.`, "Fix: check userId"],
  },
  {
    name: "an unknown user (workspace group membership)",
    resources: U({ userId: UNKNOWN_USER, workspaceGroupId: WORKSPACE_GROUP }),
    stage: "up",
    expected: [`user ${UNKNOWN_USER} is not on this Kantata account.`, "Fix: check userId"],
  },
  {
    name: "an unknown access group",
    resources: A({ userId: USER, accessGroupId: UNKNOWN_GROUP }),
    stage: "up",
    expected: [`access group ${UNKNOWN_GROUP} does not exist on this Kantata account.`, "Fix: check accessGroupId."],
  },
  {
    name: "an unknown classic Insights group",
    resources: I({ userId: USER, insightsAccessGroupId: UNKNOWN_GROUP }),
    stage: "up",
    expected: [`Insights access group ${UNKNOWN_GROUP} does not exist on this Kantata account.`, "Fix: check insightsAccessGroupId."],
  },
  {
    name: "an unknown workspace group",
    resources: U({ userId: USER, workspaceGroupId: UNKNOWN_GROUP }),
    stage: "up",
    expected: [`workspace group ${UNKNOWN_GROUP} does not exist on this Kantata account.`, "Fix: check workspaceGroupId."],
  },
  {
    name: `an Account Default group (${DEFAULT_GROUP.name})`,
    resources: A({ userId: USER, accessGroupId: num(DEFAULT_GROUP.id) }),
    stage: "up",
    expected: [`access group ${num(DEFAULT_GROUP.id)}`, "Account Default", "account permission"],
    // The group exists: a hint that it may not is misleading.
    notExpected: ["is it an existing id"],
  },
  {
    name: `the Account Administrators group`,
    resources: A({ userId: USER, accessGroupId: num(ADMINISTRATORS_GROUP.id) }),
    stage: "up",
    expected: [`access group ${num(ADMINISTRATORS_GROUP.id)}`, "Account Administrators", "Account Default", "account permission"],
    notExpected: ["is it an existing id"],
  },
  {
    name: "a second classic Insights group for one user",
    resources: I({ userId: num(INSIGHTS_MEMBER.user_id), insightsAccessGroupId: CUSTOM_INSIGHTS_GROUP }),
    stage: "up",
    expected: [
      `user ${num(INSIGHTS_MEMBER.user_id)} already belongs to Insights access group ${num(INSIGHTS_MEMBER.insights_access_group_id)}`,
      `through membership ${num(INSIGHTS_MEMBER.id)}, and may belong to only one.`,
      `Fix: declare that membership with insightsAccessGroupId: ${CUSTOM_INSIGHTS_GROUP} in place of the old group`,
    ],
  },
  {
    name: "adoptExisting: false for a membership that already exists",
    resources: A({ userId: num(EXISTING_ACCESS.user_id), accessGroupId: CUSTOM_ACCESS_GROUP, adoptExisting: false }),
    stage: "up",
    expected: [`already exists as membership ${num(EXISTING_ACCESS.id)}, and adoptExisting is false.`, "Fix: remove adoptExisting (or set it to true)"],
  },
  {
    name: "a token of a user who is not an Account Administrator (access group membership)",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_API_TOKEN: MEMBER_TOKEN } },
    stage: "up",
    // Reading access group memberships is open to everyone: the read of who the token is finds it.
    expected: ["whose account permission is collaborator", "Fix: use the token of an Account Administrator"],
  },
  {
    name: "a token of a user who is not an Account Administrator (workspace group membership)",
    resources: U({ userId: USER, workspaceGroupId: WORKSPACE_GROUP }),
    settings: { env: { KANTATA_API_TOKEN: MEMBER_TOKEN } },
    stage: "up",
    expected: ["403", ADMIN_FIX],
  },
  {
    name: "a wrong token in KANTATA_API_TOKEN",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_API_TOKEN: WRONG_TOKEN } },
    stage: "up",
    expected: ["401", REFUSED_TOKEN_FIX, "KANTATA_API_TOKEN"],
  },
  {
    name: "a wrong token in stack config (which wins over a valid KANTATA_API_TOKEN)",
    resources: U({ userId: USER, workspaceGroupId: WORKSPACE_GROUP }),
    settings: { config: { "kantata:apiToken": { value: WRONG_TOKEN, secret: true } } },
    stage: "up",
    expected: ["401", REFUSED_TOKEN_FIX, "pulumi config set --secret kantata:apiToken"],
  },
  {
    name: "an unreachable host (a closed loopback port)",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_BASE_URL: "http://127.0.0.1:{closedPort}/api/v1" } },
    stage: "up",
    // Kantata was never reached: the user needs the address tried and where to change it.
    expected: ["ECONNREFUSED 127.0.0.1:{closedPort}", "kantata:baseUrl"],
    notExpected: ["Kantata refused"],
  },
  {
    name: "a base URL without /api/v1",
    resources: A({ userId: USER, accessGroupId: FINANCE_REVIEWERS }),
    settings: { env: { KANTATA_BASE_URL: "{origin}" } },
    stage: "preview",
    expected: ["must end in /api/v1", "KANTATA_BASE_URL"],
  },
];

/** A loopback port nobody listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** How the engine reports a failed `check` (`property userId value {-3} has a problem: …`). */
const CHECK_FAILURE = /resource '[^']*': property \S+ value \{.*\} has a problem: /;
/** How the engine reports an exception of the program itself. */
const PROGRAM_FAILURE = /Running program '.*' failed with an unhandled exception/;

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

/** The errors of the engine's "Diagnostics" section, without the stack's own "update failed" and stack frames. */
export function diagnosticErrors(output: string): string {
  const section = /^Diagnostics:\n([\s\S]*?)(?=^\S|(?![\s\S]))/m.exec(output)?.[1] ?? "";
  return section
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^at /.test(l) && !/:$/.test(l) && !/^error: (update|preview) failed$/.test(l))
    .filter((l) => !/^Running program .* failed with an unhandled exception:$/.test(l) && !/^error: Running program /.test(l))
    .map((l) => l.replace(/^error: /, ""))
    .join("\n");
}

/** One worker: a simulator and a stack of the end-to-end program, for its share of the cases. */
class Worker {
  private stack?: PulumiStack;
  private stacks = 0;
  private readonly dir = mkdtempSync(path.join(tmpdir(), "kantata-bad-inputs-"));
  private readonly specFile = path.join(this.dir, "spec.json");

  private constructor(
    private readonly index: number,
    private readonly sim: TestSimulator,
    private readonly port: number,
  ) {}

  static async start(index: number): Promise<Worker> {
    return new Worker(index, await startTestSimulator(), await closedPort());
  }

  private fill(text: string): string {
    return text.replaceAll("{simulator}", this.sim.url).replaceAll("{origin}", this.sim.origin).replaceAll("{closedPort}", String(this.port));
  }

  private async freshStack(): Promise<PulumiStack> {
    this.dropStack();
    this.stack = await PulumiStack.init({ projectDir: PROGRAM, stackName: `bad${process.pid}w${this.index}s${this.stacks++}`, env: {} });
    return this.stack;
  }

  private dropStack(): void {
    if (!this.stack) return;
    this.stack.killAll();
    this.stack.dispose();
    rmSync(path.join(PROGRAM, `Pulumi.${this.stack.stackName}.yaml`), { force: true });
    this.stack = undefined;
  }

  async run(c: BadInputCase): Promise<BadInputResult> {
    const stack = this.stack ?? (await this.freshStack());
    await this.sim.reset();
    writeFileSync(this.specFile, JSON.stringify(c.resources));
    const env: Record<string, string | undefined> = Object.fromEntries(PROVIDER_ENV.map((k) => [k, undefined]));
    // The program is compiled and type-checked by the build; ts-node need not check it again.
    Object.assign(env, { KANTATA_E2E_SPEC: this.specFile, KANTATA_API_TOKEN: ADMIN_TOKEN, KANTATA_BASE_URL: this.sim.url, PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
    for (const [key, value] of Object.entries(c.settings?.env ?? {})) env[key] = value === null ? undefined : this.fill(value);
    stack.env = env;
    const config = Object.entries(c.settings?.config ?? {});
    for (const [key, { value, secret }] of config) await stack.setConfig(key, this.fill(value), secret);

    let out: RunResult;
    let command: string;
    try {
      if (c.stage === "preview") {
        command = "pulumi preview";
        out = await stack.run(["preview"], { allowFailure: true });
      } else {
        command = "pulumi up --yes --skip-preview";
        out = await stack.up([], { allowFailure: true });
      }
    } finally {
      for (const [key] of config) await stack.run(["config", "rm", key], { allowFailure: true });
    }
    const output = stripAnsi(out.stdout + out.stderr);
    const reachedUp = /^Updating \(/m.test(output);
    const rejected = out.code !== 0;
    // Up-stage cases skip the separate preview; a failure that a preview would have shown (a check
    // failure or the program's own exception) still counts as caught at preview.
    const caughtByPreview = !reachedUp || CHECK_FAILURE.test(output) || PROGRAM_FAILURE.test(output);
    const requests = await this.sim.requests();
    const writes = requests.filter((r) => r.method !== "GET");

    const expected = c.expected.map((e) => this.fill(e));
    const secrets = [ADMIN_TOKEN, MEMBER_TOKEN, WRONG_TOKEN, env.KANTATA_API_TOKEN, c.settings?.config?.["kantata:apiToken"]?.value, ...(c.secrets ?? [])].filter(
      (s): s is string => !!s,
    );
    const result: BadInputResult = {
      name: c.name,
      expectedStage: c.stage,
      stage: !rejected ? null : caughtByPreview ? "preview" : "up",
      rejected,
      reachedUp,
      command,
      message: diagnosticErrors(output),
      output,
      missing: expected.filter((e) => !output.includes(e)),
      unexpected: (c.notExpected ?? []).map((e) => this.fill(e)).filter((e) => output.includes(e)),
      leaked: [...new Set(secrets)].filter((s) => output.includes(s)),
      requests,
      writes,
      expected,
      ms: out.ms,
    };
    // A case that was accepted leaves memberships in the stack: start the next case from a new one.
    if (stack.stateFileText().includes("dynamic/kantata:")) this.dropStack();
    return result;
  }

  async stop(): Promise<void> {
    this.dropStack();
    rmSync(this.dir, { recursive: true, force: true });
    await this.sim.close();
  }
}

/** Options of `runBadInputs`. */
export interface RunBadInputsOptions {
  /** @default BAD_INPUTS */
  cases?: BadInputCase[];
  /** Cases run at once, each worker with its own simulator and stack. @default 2 */
  workers?: number;
  /** Called with a line after each case. */
  log?: (line: string) => void;
}

/** Runs every case through the real engine and returns the figures and each result, in table order. */
export async function runBadInputs(options: RunBadInputsOptions = {}): Promise<BadInputSummary> {
  const cases = options.cases ?? BAD_INPUTS;
  const results: BadInputResult[] = new Array(cases.length);
  let next = 0;
  const count = Math.max(1, Math.min(options.workers ?? 2, cases.length));
  const workers = await Promise.all(Array.from({ length: count }, (_, i) => Worker.start(i)));
  try {
    await Promise.all(
      workers.map(async (worker) => {
        while (next < cases.length) {
          const i = next++;
          results[i] = await worker.run(cases[i]);
          const r = results[i];
          options.log?.(`${r.rejected ? "rejected" : "ACCEPTED"} at ${r.stage ?? "-"} (${r.writes.length} writes): ${r.name}`);
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  return {
    tried: results.length,
    rejected: results.filter((r) => r.rejected).length,
    atPreview: results.filter((r) => r.stage === "preview").length,
    writes: results.reduce((n, r) => n + r.writes.length, 0),
    results,
  };
}
