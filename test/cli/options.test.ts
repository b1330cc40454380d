import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import {
  durationMs,
  filesOfFlags,
  optionsError,
  portNumber,
  positiveNumber,
  wholeNumber,
} from "../../src/commands/options.js";
import { UsageError } from "../../src/util/errors.js";

function tokens(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    tokens: true,
    options: {
      baseline: { type: "string", multiple: true },
      current: { type: "string", multiple: true },
      paired: { type: "boolean" },
    },
  }).tokens;
}

describe("filesOfFlags", () => {
  it("gives bare arguments to the last file flag seen", () => {
    const files = filesOfFlags(
      tokens(["--baseline", "a", "b", "--current", "c", "--baseline=d", "e"]),
      ["baseline", "current"],
      "compare",
    );
    expect(files).toEqual({ baseline: ["a", "b", "d", "e"], current: ["c"] });
  });

  it.each([[["x"]], [["--baseline", "a", "--paired", "x"]], [["--baseline", "a", "--", "x"]]])(
    "refuses a bare argument after %j",
    (args) => {
      expect(() => filesOfFlags(tokens(args), ["baseline"], "run")).toThrow(
        new UsageError("run: unexpected argument 'x'"),
      );
    },
  );
});

describe("option readers", () => {
  it("return undefined for an absent value, so the caller's default applies", () => {
    for (const read of [
      () => wholeNumber(undefined, "--n", 1),
      () => positiveNumber(undefined, "--x"),
      () => portNumber(undefined, "--port", 1),
      () => durationMs(undefined, "--interval"),
    ])
      expect(read()).toBeUndefined();
  });

  it.each([
    [() => wholeNumber("1", "--rounds", 1), 1],
    [() => wholeNumber("0", "--seed", 0), 0],
    [() => positiveNumber("0.5", "--x"), 0.5],
    [() => portNumber("65535", "--port", 1), 65535],
    [() => portNumber("0", "--port", 0), 0],
    [() => durationMs("1.5s", "--interval"), 1500],
  ])("accept the edge of what is allowed (%#)", (read, value) => {
    expect(read()).toBe(value);
  });

  it.each([
    [
      () => wholeNumber("0", "run: --rounds", 1),
      "run: --rounds must be a whole number ≥ 1, not '0'",
    ],
    [() => wholeNumber("2.5", "--rounds", 1), "--rounds must be a whole number ≥ 1, not '2.5'"],
    [() => positiveNumber("0", "--x"), "--x must be a number above 0, not '0'"],
    [() => positiveNumber("", "-e"), "-e must be a number above 0, not ''"],
    [() => portNumber("0", "--port", 1), "--port must be a port number (1–65535), not '0'"],
    [() => portNumber("65536", "--port", 0), "--port must be a port number (0–65535), not '65536'"],
    [
      () => durationMs("soon", "--interval"),
      "--interval must be a duration such as 500ms, 1s or 2m, not 'soon'",
    ],
  ])("refuse junk with one line naming the flag (%#)", (read, message) => {
    expect(read).toThrow(new UsageError(message));
  });
});

describe("optionsError", () => {
  it("keeps the first sentence of Node's message and says where help is", () => {
    let error: unknown;
    try {
      parseArgs({ args: ["--bogus"], options: {}, strict: true });
    } catch (e) {
      error = e;
    }
    expect(optionsError(error, "parse", "parse: ").message).toBe(
      "parse: Unknown option '--bogus'; try 'perfgate parse --help'",
    );
  });
});
