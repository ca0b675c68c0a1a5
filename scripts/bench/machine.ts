/** A description of the machine and the software a benchmark ran on. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ENGINE_BIN } from "../lib/pulumiStack";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  pulumi: string;
  pulumiNodejsSdk: string;
  loadAverage: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  let pulumi = "unknown";
  const v = spawnSync(path.join(ENGINE_BIN, "pulumi"), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  if (v.status === 0) pulumi = v.stdout.trim();
  let sdk = "unknown";
  try {
    sdk = (JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
  } catch {
    /* keep unknown */
  }
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumi,
    pulumiNodejsSdk: sdk,
    loadAverage: os.loadavg().map((x) => x.toFixed(2)).join(" "),
  };
}
