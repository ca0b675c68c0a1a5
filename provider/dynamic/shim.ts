import * as pulumi from "@pulumi/pulumi";

/**
 * The object Pulumi serializes into every resource's `__provider`. It holds no logic and
 * captures nothing but the type name: its `configure` hook loads the *installed* package
 * (so a later build is what runs on update, refresh and destroy) and attaches the real hooks
 * to this object before its first `await`. The provider process of @pulumi/pulumi 3.248.0 calls
 * `configure` right after deserializing and looks hooks up only when a call arrives; the
 * end-to-end tests fail if that order ever changes. When the package cannot be resolved from
 * the program's folder, Node's own "Cannot find module 'pulumi-kantata/dynamic-provider'" says so.
 */
export function shimFor(typeName: string): pulumi.dynamic.ResourceProvider {
  const shim = {
    // Kept minimal on purpose: this text is stored twice in state for every resource.
    configure(req: { config: unknown }) {
      const m = process.env.PULUMI_KANTATA_PROVIDER_MODULE || require("module").createRequire(process.cwd() + "/_").resolve("pulumi-kantata/dynamic-provider");
      require(m).attach(this, typeName, req.config);
    },
  };
  return shim as unknown as pulumi.dynamic.ResourceProvider;
}
