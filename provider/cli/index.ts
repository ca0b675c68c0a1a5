/**
 * The `pulumi-kantata` command: `pulumi-kantata <command> [options]`. Tests call `run` with
 * their own `io`; bin/pulumi-kantata.js only sets the exit code.
 */
import { writeFileSync } from "node:fs";
import { exportCommand } from "./commands/export";
import { simulatorCommand } from "./commands/simulator";
import { Command } from "./commands/command";
import { CliIO, EXIT, UsageError } from "./io";

const COMMANDS: Command[] = [exportCommand, simulatorCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: pulumi-kantata <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"help".padEnd(width)}  show help for a command`,
    "",
    "Run `pulumi-kantata <command> --help` for a command's options.",
  ].join("\n");
}

/** The process's own streams, environment and file system. */
export const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  writeFile: (p, t) => writeFileSync(p, t),
};

/** Runs `pulumi-kantata` with `argv` (without node and the script); resolves to the exit code. */
export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usage() + "\n");
    return EXIT.usage;
  }
  if (name === "-h" || name === "--help") {
    io.stdout(usage() + "\n");
    return EXIT.ok;
  }
  if (name === "help") {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    io.stdout((command ? command.help : usage()) + "\n");
    return command || rest.length === 0 ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`pulumi-kantata: unknown command "${name}"\n\n${usage()}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`pulumi-kantata ${command.name}: ${err.message}\nRun \`pulumi-kantata ${command.name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`pulumi-kantata ${command.name}: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
}
