import { expect } from "chai";
import { buildQueryString } from "../../../provider/client/query";

describe("buildQueryString", () => {
  it("joins arrays with literal commas, drops undefined and encodes keys and values", () => {
    expect(buildQueryString({ only: [1, "2"], q: "a b&c=d/é", flag: true, n: 0, skip: undefined, "k[]": "x" })).to.equal(
      "?only=1,2&q=a%20b%26c%3Dd%2F%C3%A9&flag=true&n=0&k%5B%5D=x",
    );
  });

  it("encodes a comma inside one array item, so it cannot split the item", () => {
    expect(buildQueryString({ names: ["a,b", "c"] })).to.equal("?names=a%2Cb,c");
  });

  it("returns an empty string when nothing is left", () => {
    expect(buildQueryString(undefined)).to.equal("");
    expect(buildQueryString({ a: undefined })).to.equal("");
  });

  it("refuses an empty list, which Kantata would ignore and so match every record", () => {
    expect(() => buildQueryString({ only: [] })).to.throw(TypeError, /"only" is an empty list/);
  });
});
