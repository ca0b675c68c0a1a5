import { CliIO } from "../io";

/** One subcommand of `pulumi-kantata`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  /** Runs the command; throws `UsageError` for bad usage. Resolves to the exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}
