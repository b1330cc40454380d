import { describe, expect, it } from "vitest";
import { renderReport, reportChoices } from "../../src/commands/reportOutput.js";
import { UsageError } from "../../src/util/errors.js";
import { SCENARIOS } from "../report/scenarios.js";

const ESC = "\u001b[";
const report = SCENARIOS["mixed grades"];

describe("reportChoices", () => {
  it("defaults to text and leaves --fail-on to the config", () => {
    expect(reportChoices("run", {})).toEqual({ format: "text", failOn: undefined });
  });

  it.each([
    [
      { format: "html" },
      "ab: --format must be one of text, markdown, json, json-compact, not 'html'",
    ],
    [
      { "fail-on": "major" },
      "ab: --fail-on must be one of minor, moderate, severe, critical, never, not 'major'",
    ],
    [{ width: "20" }, "ab: --width must be a whole number of columns, at least 40; got '20'"],
    [{ width: "wide" }, "ab: --width must be a whole number of columns, at least 40; got 'wide'"],
  ])("refuses %j naming the command", (values, message) => {
    expect(() => reportChoices("ab", values)).toThrow(new UsageError(message));
  });
});

describe("the text report's width (issue 21 §4)", () => {
  /** The table's width: its header row down to the blank line after it. */
  const tableWidth = (text: string) => {
    const lines = text.split("\n");
    const top = lines.findIndex((l) => l.startsWith("GRADE"));
    const rows = lines.slice(top, lines.indexOf("", top));
    return Math.max(...rows.map((l) => [...l].length));
  };
  const long = {
    ...report,
    findings: report.findings.map((f, i) =>
      i === 0 ? { ...f, benchmark: `group/${"a-long-benchmark-name-".repeat(4)}end` } : f,
    ),
  };
  const pipe = { isTTY: false };

  it("--width beats COLUMNS, which beats the terminal's width, which beats the default", () => {
    const text = (to: Parameters<typeof renderReport>[2]) => renderReport(long, "text", to);
    const name = long.findings[0]?.benchmark ?? "";
    expect(text({ terminal: pipe, env: {} })).not.toContain(name);
    expect(text({ terminal: pipe, env: { COLUMNS: "200" } })).toContain(name);
    expect(text({ terminal: { isTTY: true, columns: 200 }, env: {} })).toContain(name);
    expect(
      text({ terminal: { isTTY: true, columns: 200 }, env: { COLUMNS: "90", NO_COLOR: "1" } }),
    ).toBe(text({ terminal: pipe, env: { COLUMNS: "90" } }));
    // The flag beats COLUMNS, both ways.
    expect(text({ terminal: pipe, env: { COLUMNS: "80" }, width: 200 })).toContain(name);
    expect(text({ terminal: pipe, env: { COLUMNS: "200" }, width: 80 })).not.toContain(name);
    // Given room the whole table fits in it; given less, the name column gives way first (down
    // to the shortest name it keeps, so the table may then be wider than asked).
    const roomy = text({ terminal: pipe, env: {}, width: 200 });
    expect(tableWidth(roomy)).toBeLessThanOrEqual(200);
    expect(tableWidth(text({ terminal: pipe, env: {}, width: 80 }))).toBeLessThan(
      tableWidth(roomy),
    );
  });

  it("a COLUMNS that is not a width is ignored", () => {
    const text = renderReport(long, "text", { terminal: pipe, env: { COLUMNS: "x" } });
    expect(text).toBe(renderReport(long, "text", { terminal: pipe, env: {} }));
  });
});

describe("renderReport", () => {
  const terminal = { isTTY: true, columns: 120 };
  const env = {};

  it("colours text for a person at a terminal, never into a file", () => {
    expect(renderReport(report, "text", { terminal, env })).toContain(ESC);
    expect(renderReport(report, "text", { terminal, env, toFile: true })).not.toContain(ESC);
    expect(renderReport(report, "text", { terminal: {}, env })).not.toContain(ESC);
  });

  it.each([
    ["NO_COLOR", "1"],
    ["CI", "true"],
  ])("leaves colour out under %s=%s", (name, value) => {
    expect(renderReport(report, "text", { terminal, env: { [name]: value } })).not.toContain(ESC);
  });

  it("renders JSON and Markdown whatever the terminal", () => {
    expect(JSON.parse(renderReport(report, "json", { terminal, env })).status).toBe(report.status);
    expect(renderReport(report, "markdown", { terminal, env })).not.toContain(ESC);
  });
});
