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
    [{ format: "html" }, "ab: --format must be one of text, markdown, json, not 'html'"],
    [
      { "fail-on": "major" },
      "ab: --fail-on must be one of minor, moderate, severe, critical, never, not 'major'",
    ],
  ])("refuses %j naming the command", (values, message) => {
    expect(() => reportChoices("ab", values)).toThrow(new UsageError(message));
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
