import { describe, expect, it } from "vitest";
import { DEFAULT_OUT, parseRunArgs } from "../../src/commands/run.js";
import { UsageError } from "../../src/util/errors.js";

describe("perfgate run's flags", () => {
  it("takes several baseline files after one --baseline, and repeated ones", () => {
    const args = parseRunArgs([
      "--baseline",
      "a.json",
      "b.json",
      "--format",
      "json",
      "-b",
      "c.json",
    ]);
    expect(args.baseline).toEqual(["a.json", "b.json", "c.json"]);
    expect(args.format).toBe("json");
  });

  it("leaves out and rounds to the config when not given", () => {
    const args = parseRunArgs([]);
    expect(args).toMatchObject({ baseline: [], format: "text", default: false });
    expect(args.out).toBeUndefined();
    expect(args.rounds).toBeUndefined();
    expect(DEFAULT_OUT).toBe("perfgate-results.json");
  });

  it.each([
    [["stray"], /unexpected argument 'stray'/],
    [["--rounds", "2.5"], /--rounds must be a whole number ≥ 1, not '2\.5'/],
    [
      ["--format", "html"],
      /--format must be one of text, markdown, json, json-compact, not 'html'/,
    ],
    [["--fail-on", "major"], /--fail-on must be one of minor, moderate, severe, critical, never/],
    [["--default", "--baseline", "h.json"], /--default brings its own suite and baseline/],
    [["--colour"], /Unknown option '--colour'; try 'perfgate run --help'/],
  ])("refuses %j in one line", (argv, message) => {
    expect(() => parseRunArgs(argv)).toThrow(UsageError);
    expect(() => parseRunArgs(argv)).toThrow(message);
  });
});
