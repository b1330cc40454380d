import { describe, expect, it } from "vitest";
import type { AbOutcome } from "../../src/ab/session.js";
import { renderAb } from "../../src/commands/ab.js";
import { SCENARIOS } from "../report/scenarios.js";

const ESC = "\u001b[";
const report = SCENARIOS["mixed grades"];
// Only the reports are rendered; the sampling record is not read here.
const outcome = { report, historyReport: report } as AbOutcome;
const terminal = { isTTY: true, columns: 120 };

describe("perfgate ab's report", () => {
  it("colours both verdicts for a person at a terminal, like compare and run", () => {
    const text = renderAb(outcome, "text", { terminal, env: {} });
    expect(text).toContain(ESC);
    const [gate, lens] = text.split("History lens");
    expect(gate).toContain(ESC);
    expect(lens).toContain(ESC);
  });

  it.each([
    ["into a file", { terminal, env: {}, toFile: true }],
    ["into a pipe", { terminal: {}, env: {} }],
    ["under NO_COLOR", { terminal, env: { NO_COLOR: "1" } }],
  ])("leaves colour out %s", (_, to) => {
    const text = renderAb(outcome, "text", to);
    expect(text).toContain("History lens");
    expect(text).not.toContain(ESC);
  });

  it("keeps JSON one report, without the history lens", () => {
    const json = renderAb(outcome, "json", { terminal, env: {} });
    expect(() => JSON.parse(json)).not.toThrow();
    expect(json).not.toContain(ESC);
  });
});
