/**
 * The library's own functions (src/lib.ts), from source: what each adds over the engine it
 * calls (defaults, argument shapes) and that the surface stays the deliberate one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as perfgate from "../../src/lib.js";
import { ROOT } from "../cli/run.js";

const fixtures = join(ROOT, "fixtures/results");
const GO = "BenchmarkParse-8   \t 1000000\t      1052 ns/op\t     240 B/op\t       3 allocs/op\n";

describe("perfgate as a library", () => {
  it("exports exactly the documented surface", () => {
    expect(Object.keys(perfgate).sort()).toEqual(
      [
        "InputError",
        "Monitor",
        "MONITOR_DEFAULTS",
        "UsageError",
        "compare",
        "failed",
        "measureThroughput",
        "parseConfig",
        "parseResults",
        "readConfig",
        "readResults",
        "renderJson",
        "renderMarkdown",
        "renderText",
        "toJsonReport",
        "tools",
        "version",
      ].sort(),
    );
  });

  it("parses a tool's text with no file behind it, detecting the tool", async () => {
    const [run] = await perfgate.parseResults(GO, { timestamp: "2026-01-01T00:00:00Z" });
    expect(run?.suite).toBe("go");
    expect(run?.timestamp).toBe("2026-01-01T00:00:00Z");
    expect(run?.benchmarks[0]?.name).toBe("BenchmarkParse");
    expect(perfgate.tools).toContain("go");
  });

  it("names the source in a parse error", async () => {
    await expect(perfgate.parseResults("{ nope", { source: "bench.json" })).rejects.toThrow(
      /^bench\.json/,
    );
    await expect(perfgate.parseResults("{ nope")).rejects.toBeInstanceOf(perfgate.InputError);
  });

  it("grades a 60 % slowdown Critical and renders it three ways", async () => {
    const report = perfgate.compare({
      baseline: await perfgate.readResults(join(fixtures, "history-30-runs-3pct-noise.json")),
      current: await perfgate.readResults([join(fixtures, "current-60pct-slower.json")]),
    });
    expect(perfgate.failed(report)).toBe(true);
    expect(report.worst).toBe("critical");
    expect(perfgate.renderText(report)).not.toContain("\u001b[");
    expect(perfgate.renderText(report, { color: true })).toContain("\u001b[");
    expect(perfgate.renderMarkdown(report)).toMatch(/^<!-- perfgate/);
    expect(JSON.parse(perfgate.renderJson(report))).toEqual(perfgate.toJsonReport(report));
  });

  it("compares paired rounds: 8 back-to-back pairs with head 30 % slower", async () => {
    const paired = join(fixtures, "paired");
    const report = perfgate.compare({
      baseline: await perfgate.readResults(join(paired, "base-*.json")),
      current: await perfgate.readResults(join(paired, "head-*.json")),
      paired: true,
      failOn: "moderate",
    });
    expect(report.mode).toBe("paired");
    expect(report.current.rounds).toBe(8);
    const regression = report.findings.find((f) => f.verdict === "regression");
    expect(regression?.change?.estimate).toBeGreaterThan(0.2);
    expect(perfgate.failed(report)).toBe(true);
  });

  it("keeps only the newest historySize baseline runs, and says so", async () => {
    const baseline = await perfgate.readResults(join(fixtures, "history-30-runs-3pct-noise.json"));
    const current = await perfgate.readResults(join(fixtures, "current-unchanged.json"));
    const report = perfgate.compare({ baseline, current, historySize: 5 });
    expect(report.baseline.runs).toBe(5);
    expect(report.warnings).toContain("used the newest 5 of 30 baseline runs (history-size 5)");
  });

  it("reads a config from text and applies its fail-on and history-size", async () => {
    const config = perfgate.parseConfig("fail-on: never\nhistory-size: 10\n", ".perfgate.yml");
    const report = perfgate.compare({
      baseline: await perfgate.readResults(join(fixtures, "history-30-runs-3pct-noise.json")),
      current: await perfgate.readResults(join(fixtures, "current-60pct-slower.json")),
      config,
    });
    expect(report.failOn).toBe("never");
    expect(perfgate.failed(report)).toBe(false);
    expect(report.baseline.runs).toBe(10);
  });

  it("checks a monitor's options before any socket is opened", () => {
    expect(() => new perfgate.Monitor({ host: "::1", port: 0 })).toThrow(/port must be/);
    expect(() => new perfgate.Monitor({ host: "::1", port: 9292, intervalMs: 50 })).toThrow(
      /intervalMs must be at least 100/,
    );
    const idle = new perfgate.Monitor({ host: "::1", port: 9292 });
    expect(idle.snapshot()).toEqual({
      running: false,
      health: undefined,
      intervals: 0,
      latest: undefined,
    });
  });

  it("reports the package's version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(perfgate.version).toBe(pkg.version);
  });
});
