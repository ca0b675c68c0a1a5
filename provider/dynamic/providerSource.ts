/**
 * The text every resource stores in `__provider`: a CommonJS module whose `handler()` returns the
 * provider object of Pulumi's dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider` loads
 * it with `require-from-string`, calls `handler()`, then `configure` with the stack's config).
 *
 * It is written here as text rather than serialized from a closure: it holds no logic, no secret and
 * nothing captured but the type name, so it is a quarter of the size of the same hook serialized by
 * Pulumi (stored twice per resource in state, and rewritten at every checkpoint). Its `configure`
 * loads the *installed* package, resolved from the program's folder (so a later build is what runs
 * on update, refresh and destroy), and attaches the real hooks to the provider object before its
 * first `await`: the host looks hooks up only when a call arrives. When the package cannot be
 * resolved, Node's own "Cannot find module 'pulumi-kantata/dynamic-provider'" says so;
 * `PULUMI_KANTATA_PROVIDER_MODULE` names another build in its place (tests, benchmarks).
 */
export function providerSource(typeName: string): string {
  const installed = `require("module").createRequire(process.cwd() + "/_").resolve("pulumi-kantata/dynamic-provider")`;
  return `exports.handler = () => ({ configure(req) { require(process.env.PULUMI_KANTATA_PROVIDER_MODULE || ${installed}).attach(this, ${JSON.stringify(typeName)}, req.config); } });\n`;
}
