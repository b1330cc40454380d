import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_PAIRS,
  DEFAULT_MAX_TIME_MS,
  DEFAULT_MIN_PAIRS,
} from "../../src/ab/defaults.js";
import { parseAbArgs } from "../../src/commands/ab.js";
import { parseDuration } from "../../src/util/duration.js";
import { UsageError } from "../../src/util/errors.js";

describe("--max-time durations", () => {
  it.each([
    ["10m", 600_000],
    ["90s", 90_000],
    ["1h30m", 5_400_000],
    ["2.5m", 150_000],
    ["45", 45_000],
    ["250ms", 250],
  ])("%s → %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "soon", "10 m", "m10", "10m junk", "-5s"])("%j is not a duration", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("perfgate ab arguments", () => {
  it("defaults: 6 to 20 pairs, 10 minutes, text, seed 1", () => {
    expect(parseAbArgs(["--base", "main"])).toMatchObject({
      base: "main",
      minPairs: DEFAULT_MIN_PAIRS,
      maxPairs: DEFAULT_MAX_PAIRS,
      maxTimeMs: DEFAULT_MAX_TIME_MS,
      format: "text",
      seed: 1,
      baseline: [],
    });
  });

  it("takes several history files after one --baseline", () => {
    const args = parseAbArgs([
      "--base",
      "main",
      "--baseline",
      "a.json",
      "b.json",
      "--format",
      "json",
    ]);
    expect(args.baseline).toEqual(["a.json", "b.json"]);
    expect(args.format).toBe("json");
  });

  it("a --min-pairs above the default cap raises the cap with it", () => {
    expect(parseAbArgs(["--min-pairs", "30"])).toMatchObject({ minPairs: 30, maxPairs: 30 });
  });

  it.each([
    [
      ["--run", "x", "--config", "c.yml", "--tool", "go"],
      /give --run \(with --tool\) or --config, not both/,
    ],
    [["--tool", "go"], /--tool applies to --run/],
    [["--min-pairs", "0"], /--min-pairs must be a whole number ≥ 1, not '0'/],
    [["--seed=-1"], /--seed must be a whole number ≥ 0, not .-1./],
    [["--format", "html"], /--format must be one of text, markdown, json/],
    [["--fail-on", "sometimes"], /--fail-on must be one of/],
    [["stray"], /unexpected argument 'stray'/],
    [["--bogus"], /ab: Unknown option '--bogus'/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseAbArgs(argv)).toThrow(UsageError);
    expect(() => parseAbArgs(argv)).toThrow(message);
  });
});
