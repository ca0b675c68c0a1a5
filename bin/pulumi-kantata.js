#!/usr/bin/env node
// The `pulumi-kantata` command; everything lives in dist/provider/cli.
require("../dist/provider/cli").run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
