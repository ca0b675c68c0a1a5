/** What a CLI command may touch, so tests can run it in-process and read what it printed. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  writeFile: (path: string, text: string) => void;
}

/** Exit codes: 0 success, 1 API or runtime failure, 2 usage error (as grep and diff do). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A usage error: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
