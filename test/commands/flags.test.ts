import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { type Flag, flagHelp } from "../../src/commands/flags.js";

const FLAGS = {
  baseline: { type: "string", short: "b", multiple: true, value: "<file>…", help: "baseline runs" },
  paired: { type: "boolean", help: "pairs ran back to back\non one machine" },
  "max-connections-per-listener": { type: "string", value: "N", help: "a long one" },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

describe("flags defined once", () => {
  it("the help lists every flag, short forms first, aligned, a long flag not widening all, a second line indented", () => {
    expect(flagHelp(FLAGS)).toBe(
      [
        "  -b, --baseline <file>…    baseline runs",
        "      --paired              pairs ran back to back",
        "                            on one machine",
        "      --max-connections-per-listener N  a long one",
        "  -h, --help                this help",
      ].join("\n"),
    );
  });

  it("the same table parses the arguments", () => {
    const { values } = parseArgs({
      args: ["-b", "a.json", "--baseline", "b.json", "--paired"],
      options: FLAGS,
      strict: true,
    });
    expect(values).toEqual({ baseline: ["a.json", "b.json"], paired: true });
    expect(() => parseArgs({ args: ["--pared"], options: FLAGS, strict: true })).toThrow(
      /Unknown option '--pared'/,
    );
  });
});
