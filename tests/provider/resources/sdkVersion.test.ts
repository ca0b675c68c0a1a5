import { expect } from "chai";
import { isSupportedSdk, sdkProblem, SUPPORTED_SDK_RANGE } from "../../../provider/resources/sdkVersion";

describe("the supported @pulumi/pulumi versions", () => {
  it("are 3.139.0 and later 3.x versions", () => {
    expect(["3.139.0", "3.200.0", "3.248.0", "3.276.0", "3.1000.0-alpha.1"].filter(isSupportedSdk)).to.have.length(5);
    expect(["3.130.0", "3.138.9", "2.99.0", "4.0.0", "x"].filter(isSupportedSdk)).to.deep.equal([]);
  });

  it("refuse an older SDK in the program, naming both versions, the range and the fix", () => {
    const message = sdkProblem({ version: "3.130.0", dir: "/p/node_modules/@pulumi/pulumi" }, { version: "3.248.0", dir: "/p/node_modules/@pulumi/pulumi" });
    expect(message).to.equal(
      `pulumi-kantata supports @pulumi/pulumi ${SUPPORTED_SDK_RANGE}, and this program runs @pulumi/pulumi 3.130.0 (/p/node_modules/@pulumi/pulumi). ` +
        "Fix: npm install @pulumi/pulumi@^3.248.0 (any version in the range works), then run pulumi again.",
    );
  });

  it("refuse two copies of the SDK, naming both", () => {
    const message = sdkProblem({ version: "3.200.0", dir: "/p/node_modules/@pulumi/pulumi" }, { version: "3.248.0", dir: "/p/node_modules/pulumi-kantata/node_modules/@pulumi/pulumi" });
    expect(message).to.match(/^Two copies of @pulumi\/pulumi are installed: the program runs 3.200.0 \(\/p\/node_modules\/@pulumi\/pulumi\) and pulumi-kantata loaded 3.248.0/);
  });

  it("accept one supported copy, and a program whose SDK cannot be found beside it", () => {
    const own = { version: "3.248.0", dir: "/p/node_modules/@pulumi/pulumi" };
    expect(sdkProblem({ ...own }, own)).to.equal(undefined);
    expect(sdkProblem(undefined, own)).to.equal(undefined);
  });
});
