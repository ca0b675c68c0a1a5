import { expect } from "chai";
import { findByLabel, type Loaded } from "../../../provider/lookups/collection";
import { KantataLookupAmbiguousError, KantataLookupNotFoundError } from "../../../provider/lookups/errors";
import { users } from "../../../provider/lookups/getUser";
import type { GetUserResult } from "../../../provider/lookups/getUser";
import {
  closestById,
  closestByLabel,
  editDistance,
  foldEmail,
  foldName,
  indexByLabel,
  matchLabel,
} from "../../../provider/lookups/matching";

interface Row { id: number; name: string }
const rows = (...names: string[]): Row[] => names.map((name, i) => ({ id: i + 1, name }));
const match = (records: Row[], value: string) => matchLabel(indexByLabel(records, (r) => r.name, foldName), value, foldName);

describe("lookup matching rules", () => {
  describe("folding", () => {
    it("compares emails trimmed and lower-cased", () => {
      expect(foldEmail("  Ada.Lovelace@Example.COM \t")).to.equal("ada.lovelace@example.com");
    });

    it("compares names trimmed, lower-cased, with inner runs of spaces as one", () => {
      expect(foldName("  Strategy   &\tOperations ")).to.equal("strategy & operations");
    });
  });

  describe("matchLabel", () => {
    it("takes the one exact match even when others match ignoring case", () => {
      const result = match(rows("Auditors", "AUDITORS", "auditors "), "AUDITORS");
      expect(result).to.deep.equal({ kind: "found", record: { id: 2, name: "AUDITORS" } });
    });

    it("falls back to the one match ignoring case and extra spaces", () => {
      expect(match(rows("Engineering", "Design Studio"), "  design   STUDIO ")).to.deep.equal({ kind: "found", record: { id: 2, name: "Design Studio" } });
    });

    it("calls several exact matches a duplicate, listing all of them", () => {
      const result = match(rows("Reviewers", "Other", "Reviewers"), "Reviewers");
      expect(result).to.deep.equal({ kind: "ambiguous", reason: "duplicate", candidates: [{ id: 1, name: "Reviewers" }, { id: 3, name: "Reviewers" }] });
    });

    it("calls several matches ignoring case with no exact one ambiguous", () => {
      const result = match(rows("Auditors", "AUDITORS"), "auditors");
      expect(result).to.deep.equal({ kind: "ambiguous", reason: "folded", candidates: [{ id: 1, name: "Auditors" }, { id: 2, name: "AUDITORS" }] });
    });

    it("reports none when nothing matches, even ignoring case", () => {
      expect(match(rows("Engineering"), "Enginering")).to.deep.equal({ kind: "none" });
    });
  });

  describe("editDistance", () => {
    it("counts a swap of two neighbouring characters as one edit", () => {
      expect(editDistance("larsne", "larsen")).to.equal(1);
      expect(editDistance("ab", "ba")).to.equal(1);
      expect(editDistance("ca", "abc")).to.equal(3); // optimal string alignment: no edit inside a swapped pair
    });

    it("counts insertions, deletions and substitutions", () => {
      expect(editDistance("kitten", "sitting")).to.equal(3);
      expect(editDistance("", "abc")).to.equal(3);
      expect(editDistance("same", "same")).to.equal(0);
      expect(editDistance("enginering", "engineering")).to.equal(1);
    });

    it("stops early with a value above the limit once the distance must exceed it", () => {
      expect(editDistance("abcdefgh", "zzzzzzzz", 2)).to.equal(3);
      expect(editDistance("a", "abcdef", 2)).to.equal(3);
      expect(editDistance("abc", "abd", 2)).to.equal(1);
    });
  });

  describe("closest matches", () => {
    it("ranks labels containing the query first, then by edit distance, three at most", () => {
      const groups = rows("Punch Clock", "Finance Reviewers", "EMEA Managers", "Finance Dashboards", "Initech");
      expect(closestByLabel(groups, "finance", (r) => r.name, foldName).map((r) => r.name)).to.deep.equal([
        "Finance Reviewers",
        "Finance Dashboards",
        "Initech", // distance 5; "Punch Clock" is 9
      ]);
    });

    it("finds a misspelt name by edit distance", () => {
      const groups = rows("Northwind Traders", "Contoso Ltd", "Engineering", "Design Studio");
      expect(closestByLabel(groups, "Enginering", (r) => r.name, foldName)[0]!.name).to.equal("Engineering");
    });

    it("breaks ties alphabetically, then by id, and returns fewer when there are fewer records", () => {
      expect(closestByLabel(rows("bb", "ab", "ab"), "xx", (r) => r.name, foldName).map((r) => r.id)).to.deep.equal([2, 3, 1]);
      expect(closestByLabel(rows("only"), "x", (r) => r.name, foldName)).to.have.length(1);
    });

    it("names the nearest ids for an id that does not exist", () => {
      expect(closestById(rows("a", "b", "c", "d", "e"), 9).map((r) => r.id)).to.deep.equal([5, 4, 3]);
    });
  });

  describe("errors of a user lookup", () => {
    const people: GetUserResult[] = [
      { id: 7, userId: 7, fullName: "Ada Lovelace", emailAddress: "Ada@Example.com" },
      { id: 9, userId: 9, fullName: "Ada L.", emailAddress: "ada@example.com" },
      { id: 12, userId: 12, fullName: "Alan Turing", emailAddress: "alan@example.com" },
    ];
    const loaded: Loaded<GetUserResult> = {
      records: people,
      byId: new Map(people.map((p) => [p.id, p])),
      byLabel: indexByLabel(people, (p) => p.emailAddress, foldEmail),
      baseUrl: "https://api.mavenlink.com/api/v1",
    };

    it("returns the user whose email is written exactly as asked when two differ only in case", () => {
      expect(findByLabel(users, loaded, "ada@example.com").id).to.equal(9);
    });

    it("lists every candidate with its id when emails match only ignoring case", () => {
      let caught: unknown;
      try {
        findByLabel(users, loaded, "ADA@example.com");
      } catch (err) {
        caught = err;
      }
      expect(caught).to.be.instanceOf(KantataLookupAmbiguousError);
      const err = caught as KantataLookupAmbiguousError;
      expect(err.candidates.map((c) => c.id)).to.deep.equal([7, 9]);
      expect(err.message).to.equal(
        'getUser: email "ADA@example.com" matches 2 users ignoring case and extra spaces, and none exactly: Ada@Example.com (id 7, Ada Lovelace), ada@example.com (id 9, Ada L.). Fix: write the email exactly as Kantata has it, or use the id you mean directly.',
      );
    });

    it("returns a copy, so a caller cannot change what later lookups see", () => {
      const found = findByLabel(users, loaded, "alan@example.com");
      found.fullName = "changed";
      expect(findByLabel(users, loaded, "alan@example.com").fullName).to.equal("Alan Turing");
    });

    it("says what was looked up, where, and the closest emails when none matches", () => {
      let caught: unknown;
      try {
        findByLabel(users, loaded, "alan@exmaple.com");
      } catch (err) {
        caught = err;
      }
      expect(caught).to.be.instanceOf(KantataLookupNotFoundError);
      const err = caught as KantataLookupNotFoundError;
      expect(err.query).to.deep.equal({ email: "alan@exmaple.com" });
      expect(err.closest[0]).to.deep.equal({ id: 12, label: "alan@example.com", detail: "Alan Turing" });
      expect(err.message).to.match(/^getUser: no user with email "alan@exmaple.com" among the 3 users of the account at https:\/\/api\.mavenlink\.com\/api\/v1\. Closest matches: alan@example\.com \(id 12, Alan Turing\), /);
    });
  });
});
