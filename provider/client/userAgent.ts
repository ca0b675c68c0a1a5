/**
 * `pulumi-kantata/<version>`, the version read at run time from the installed package's own
 * package.json (through its self-reference, so it is right in `dist/` and when installed);
 * `dev` when that cannot be read.
 */
export function defaultUserAgent(): string {
  let version = "dev";
  try {
    const pkg: unknown = require("pulumi-kantata/package.json");
    const v = (pkg as { version?: unknown }).version;
    if (typeof v === "string" && v !== "") version = v;
  } catch {
    // Not resolvable (e.g. code copied out of the package): "dev" says so.
  }
  return `pulumi-kantata/${version}`;
}
