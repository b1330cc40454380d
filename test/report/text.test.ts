import { describe, expect, it } from "vitest";
import { cutMiddle, distinctWidth, renderText, wantsColor } from "../../src/report/text.js";
import { finding, regression, report, unchanged } from "./builders.js";
import { SCENARIO_NAMES, SCENARIOS } from "./scenarios.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape sequences
const ANSI = /\u001b\[/;

describe("renderText", () => {
  it.each(SCENARIO_NAMES)("renders the %s report for a terminal", (name) => {
    expect(renderText(SCENARIOS[name], { color: false })).toMatchSnapshot();
  });

  it("colours grades only when asked", () => {
    const mixed = SCENARIOS["mixed grades"];
    expect(renderText(mixed, { color: false })).not.toMatch(ANSI);
    const coloured = renderText(mixed, { color: true });
    expect(coloured).toContain("\u001b[1;31mCritical\u001b[0m");
    expect(coloured).toContain("\u001b[32mModerate improvement\u001b[0m");
    // Names and figures stay plain.
    expect(coloured).toMatch(/ {2}tcp\/throughput {2}/);
  });

  it("lets no name write escape sequences or break lines", () => {
    const hostile = "evil\u001b[2J\u001b[31mred\nnext line\u0007";
    const text = renderText(
      report([regression("severe", { benchmark: hostile })], { warnings: [hostile] }),
      { color: false },
    );
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain("\u0007");
    // The headline (it names the worst benchmark), the table row and the warning: one line each.
    expect(text.split("\n").filter((l) => l.includes("evil"))).toHaveLength(3);
  });

  it("aligns columns and shortens long names to the width", () => {
    const long = "suite/a-very-long-group-name/and-an-even-longer-benchmark-name-that-goes-on";
    const text = renderText(report([regression("minor", { benchmark: long }), ...unchanged(2)]), {
      color: false,
      width: 80,
    });
    const table = text.split("\n").filter((l) => /^(GRADE|Minor|unchanged) /.test(l));
    expect(table).toHaveLength(4);
    for (const line of table) expect([...line].length).toBeLessThanOrEqual(80);
    // The middle goes: the start says the group, the end tells siblings apart.
    expect(text).toContain("suite/…-that-goes-on ");
    // Every row's metric starts in the same column.
    const at = table.map((l) => l.indexOf(l.startsWith("GRADE") ? "METRIC" : "time"));
    expect(new Set(at).size).toBe(1);
    // The last column is right-aligned: every line ends in the same column.
    expect(new Set(table.map((l) => [...l].length)).size).toBe(1);
    // With room, the name is shown whole.
    const wide = renderText(report([regression("minor", { benchmark: long })]), {
      color: false,
      width: 200,
    });
    expect(wide).toContain(long);
  });

  it("never cuts two names so that they read the same (tcp/transfer/10MB and 100MB), even past the width", () => {
    const names = [
      "tcp/transfer/10MB",
      "tcp/transfer/100MB",
      "tls/transfer/10MB",
      "tls/transfer/100MB",
    ];
    for (const width of [40, 60, 80]) {
      const text = renderText(
        report(names.map((benchmark) => regression("minor", { benchmark }))),
        { color: false, width },
      );
      const shown = text
        .split("\n")
        .filter((l) => l.startsWith("Minor"))
        .map((l) => l.split(/\s{2,}/)[1]);
      expect(new Set(shown).size, text).toBe(4);
    }
    expect(cutMiddle("tcp/transfer/100MB", 10)).toBe("tcp…/100MB");
    expect(distinctWidth(["tcp/transfer/10MB", "tcp/transfer/100MB"], 4)).toBeGreaterThan(4);
  });

  it("the table takes the width it is given (COLUMNS or --width)", () => {
    const long = "suite/group/a-benchmark-name-of-fifty-characters-or-so";
    // The table's row (the headline names the worst benchmark whole).
    const at = (width: number) =>
      renderText(report([regression("minor", { benchmark: long })]), { color: false, width })
        .split("\n")
        .filter((l) => l.startsWith("Minor "))
        .join("\n");
    expect(at(160)).toContain(long);
    expect(at(70)).not.toContain(long);
  });

  it("explains once for many inconclusive metrics whose reasons differ only in their figures", () => {
    const alike = [11.3, 14.2, 20.7].map((roundsToDecide, i) =>
      finding({
        benchmark: `parse/${i}`,
        verdict: "inconclusive",
        roundsToDecide,
        changeBy: 0.05,
        spread: 0.1,
      }),
    );
    const text = renderText(report(alike), { color: false });
    const section = text.slice(text.indexOf("Inconclusive"));
    // The heading, then one explanation.
    expect(section.match(/would decide it/g)).toHaveLength(2);
    expect(section).toContain("  the same for 2 more: parse/");
  });

  it("lists what would decide an inconclusive result", () => {
    const text = renderText(
      report([
        finding({ verdict: "inconclusive", roundsToDecide: 11.3, changeBy: 0.05, spread: 0.1 }),
      ]),
      { color: false },
    );
    expect(text).toContain(
      "Inconclusive (why, and what would decide it):\n  parse/json · time: within noise; about 12 rounds in all would decide it",
    );
  });

  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: "1" }, false],
    [true, { NO_COLOR: "" }, true],
    [true, { CI: "true" }, false],
    [true, { CI: "false" }, true],
    [false, { FORCE_COLOR: "1" }, true],
    [undefined, { FORCE_COLOR: "3", CI: "true" }, true],
    [false, { FORCE_COLOR: "1", NO_COLOR: "1" }, true],
    [true, { FORCE_COLOR: "0" }, false],
    [true, { FORCE_COLOR: "false" }, false],
    [false, { FORCE_COLOR: "" }, false],
  ])("colours a TTY=%s with env %j: %s", (tty, env, expected) => {
    expect(wantsColor(tty, env)).toBe(expected);
  });
});
