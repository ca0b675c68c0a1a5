/**
 * The `@pulumi/pulumi` versions this package supports, enforced when a program declares its
 * first resource: an SDK outside the range, or a second copy of the SDK beside the program's,
 * fails `pulumi preview` with a message naming both versions and the fix — instead of the
 * provider process's "provider.create is not a function" (SDKs before 3.139.0 never call a dynamic
 * provider's `configure`, which is where this package attaches its hooks).
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The range package.json declares for `@pulumi/pulumi`. */
export const SUPPORTED_SDK_RANGE = ">=3.139.0 <4";
const MIN: [number, number, number] = [3, 139, 0];
const BELOW_MAJOR = 4;

/** One installed copy of the SDK. */
export interface SdkCopy {
  version: string;
  /** The folder of its package.json. */
  dir: string;
}

function parts(version: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** True when `version` is in {@link SUPPORTED_SDK_RANGE}. */
export function isSupportedSdk(version: string): boolean {
  const v = parts(version);
  if (!v) return false;
  if (v[0] >= BELOW_MAJOR) return false;
  for (let i = 0; i < 3; i++) if (v[i] !== MIN[i]) return v[i] > MIN[i];
  return true;
}

/** What is wrong with the SDK the program runs (`program`) and the one this package loaded (`own`), or undefined. */
export function sdkProblem(program: SdkCopy | undefined, own: SdkCopy): string | undefined {
  const running = program ?? own;
  if (!isSupportedSdk(running.version)) {
    return (
      `pulumi-kantata supports @pulumi/pulumi ${SUPPORTED_SDK_RANGE}, and this program runs @pulumi/pulumi ${running.version} (${running.dir}). ` +
      `Fix: npm install @pulumi/pulumi@^${own.version} (any version in the range works), then run pulumi again.`
    );
  }
  if (program && path.resolve(program.dir) !== path.resolve(own.dir)) {
    return (
      `Two copies of @pulumi/pulumi are installed: the program runs ${program.version} (${program.dir}) and pulumi-kantata loaded ${own.version} (${own.dir}). ` +
      `Resources declared through the second copy never reach the engine. Fix: npm install @pulumi/pulumi@^${own.version} in the project, then npm dedupe.`
    );
  }
  return undefined;
}

function copyFrom(req: NodeJS.Require): SdkCopy | undefined {
  try {
    const file = req.resolve("@pulumi/pulumi/package.json");
    return { version: (req(file) as { version: string }).version, dir: path.dirname(file) };
  } catch {
    return undefined;
  }
}

let checked = false;

/** Fails the program (message only, no stack) when the SDK is unsupported or doubled; checks once per process. */
export function assertSupportedSdk(): void {
  if (checked) return;
  checked = true;
  const own = copyFrom(require)!;
  const program = copyFrom(createRequire(path.join(process.cwd(), "index.js")));
  const problem = sdkProblem(program, own);
  if (problem) throw new pulumi.RunError(problem);
}
