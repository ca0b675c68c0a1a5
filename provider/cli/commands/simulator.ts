import { Command } from "./command";

/**
 * `pulumi-kantata simulator`: the local Kantata OX simulator, from an installed package. It runs
 * until SIGINT or SIGTERM; the first line on standard output is its base URL.
 */
export const simulatorCommand: Command = {
  name: "simulator",
  summary: "start the local Kantata OX simulator (its base URL is the first line printed)",
  get help() {
    return (require("../../../simulator/cli") as typeof import("../../../simulator/cli")).USAGE;
  },
  async run(argv: string[]): Promise<number> {
    const { main } = require("../../../simulator/cli") as typeof import("../../../simulator/cli");
    return main(argv);
  },
};
