import * as pulumi from "@pulumi/pulumi";

/**
 * The object Pulumi serializes into every resource's `__provider`. It holds no logic and
 * captures nothing but the type name: its `configure` hook loads the *installed* package
 * (so a later build is what runs on update, refresh and destroy) and attaches the real hooks
 * to this object before its first `await`. The provider process of @pulumi/pulumi 3.248.0 calls
 * `configure` right after deserializing and looks hooks up only when a call arrives; the
 * end-to-end tests fail if that order ever changes.
 */
export function shimFor(typeName: string): pulumi.dynamic.ResourceProvider {
  const shim = {
    configure(req: { config: { get(key: string): string | undefined } }) {
      const path = require("path");
      const target =
        process.env.PULUMI_KANTATA_PROVIDER_MODULE ||
        (() => {
          try {
            return require("module").createRequire(path.join(process.cwd(), "noop.js")).resolve("pulumi-kantata/dynamic-provider");
          } catch (err) {
            throw new Error(
              `pulumi-kantata is not installed where the Pulumi program runs (${process.cwd()}): ${err}. ` +
                "Fix: npm install pulumi-kantata in the program's folder, or set PULUMI_KANTATA_PROVIDER_MODULE to its dynamic-provider module.",
            );
          }
        })();
      require(target).attach(this, typeName, req.config);
    },
  };
  return shim as unknown as pulumi.dynamic.ResourceProvider;
}
