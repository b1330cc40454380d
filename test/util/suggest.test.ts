import { describe, expect, it } from "vitest";
import { editDistance, suggestions } from "../../src/util/suggest.js";

const COMMANDS = ["run", "throughput", "parse", "compare", "history", "db", "ab", "serve"];

describe("editDistance", () => {
  it.each([
    ["compare", "compare", 0],
    ["compre", "compare", 1],
    ["comapre", "compare", 1],
    ["cmopare", "compare", 1],
    ["ab", "db", 1],
    ["", "run", 3],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i edits", (a, b, edits) => {
    expect(editDistance(a, b)).toBe(edits);
    expect(editDistance(b, a)).toBe(edits);
  });
});

describe("suggestions", () => {
  it.each([
    ["compre", ["compare"]],
    ["Compare", ["compare"]],
    ["hist", ["history"]],
    ["serv", ["serve"]],
    ["rn", ["run"]],
    ["parse", ["parse"]],
    ["frobnicate", []],
    ["x", []],
    ["zz", []],
  ])("offers %s → %j", (typed, expected) => {
    expect(suggestions(typed, COMMANDS)).toEqual(expected);
  });

  it("lists the closest first, then alphabetically", () => {
    expect(suggestions("tets", ["text", "tests", "test"])).toEqual(["test", "tests", "text"]);
  });
});
