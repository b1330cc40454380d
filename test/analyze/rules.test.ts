import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import { matchesGlob, policyFor } from "../../src/analyze/rules.js";
import { DEFAULT_THRESHOLDS } from "../../src/model/defaults.js";
import { history, results, rounds } from "./builders.js";

describe("benchmark globs", () => {
  it.each([
    ["tcp/*", "tcp/throughput", true],
    ["tcp/*", "tcp/tls/throughput", false],
    ["tcp/**", "tcp/tls/throughput", true],
    ["**/throughput", "tcp/tls/throughput", true],
    ["**/throughput", "throughput", true],
    ["a/**/b", "a/b", true],
    ["parse?json", "parse/json", false],
    ["parse (large)", "parse (large)", true],
    ["p99.9", "p99x9", false],
    ["*", "anything-without-slash", true],
  ])("%s matches %s: %s", (glob, name, expected) => {
    expect(matchesGlob(glob, name)).toBe(expected);
  });
});

describe("policy: the last matching rule wins per field", () => {
  const config = {
    thresholds: { tolerance: 0.03 },
    rules: [
      { benchmark: "tcp/**", thresholds: { critical: 0.5, severe: 0.25 }, min: 1 },
      { benchmark: "tcp/throughput", metric: "p99", thresholds: { critical: 0.6 } },
      { benchmark: "tcp/**", metric: "cpu", ignore: true },
    ],
  };
  it("merges field by field in order", () => {
    const p = policyFor(config, "tcp/throughput", "p99");
    expect(p.thresholds).toEqual({
      ...DEFAULT_THRESHOLDS,
      tolerance: 0.03,
      critical: 0.6,
      severe: 0.25,
    });
    expect(p.min).toBe(1);
    expect(p.ignore).toBe(false);
  });
  it("a metric glob only matches its metric", () => {
    expect(policyFor(config, "tcp/throughput", "throughput").thresholds.critical).toBe(0.5);
    expect(policyFor(config, "tcp/throughput", "cpu").ignore).toBe(true);
    expect(policyFor(config, "udp/x", "cpu")).toEqual({
      thresholds: { ...DEFAULT_THRESHOLDS, tolerance: 0.03 },
      ignore: false,
    });
  });
});

describe("rules through compare()", () => {
  it("an absolute minimum breached is Critical with the limit, even when within noise", () => {
    const { baseline } = history({ runs: 10, unit: "Gbit/s", direction: "higher", centre: 0.99 });
    const current = [
      results([
        { unit: "Gbit/s", direction: "higher", samples: rounds(createRandom(1), 0.99, 0.01) },
      ]),
    ];
    const report = compare({ baseline, current, config: { rules: [{ benchmark: "**", min: 1 }] } });
    const f = report.findings[0];
    expect(f?.verdict).toBe("regression");
    expect(f?.severity).toBe("critical");
    expect(f?.limit).toEqual({ bound: "min", value: 1 });
    expect(f?.reason).toContain("minimum of 1 Gbit/s");
    expect(report.status).toBe("fail");
  });
  it("a limit written in another unit than the metric's is left out, with a warning", () => {
    const { baseline } = history({ runs: 10 });
    const report = compare({
      baseline,
      current: [results([{ samples: [1, 1.01, 0.99] }])],
      config: { rules: [{ benchmark: "**", min: 40, limitUnits: { min: "Gbit/s" } }] },
    });
    // 1 s is "below 40" as a bare number; in Gbit/s it means nothing for a time.
    expect(report.findings[0]?.limit).toBeUndefined();
    expect(report.status).toBe("pass");
    expect(report.warnings.join("\n")).toContain("min (Gbit/s) does not apply");
  });
  it("a limit written in the metric's own unit applies", () => {
    const { baseline } = history({ runs: 10 });
    const report = compare({
      baseline,
      current: [results([{ samples: [3, 3.1, 2.9] }])],
      config: { rules: [{ benchmark: "**", max: 2, limitUnits: { max: "s" } }] },
    });
    expect(report.findings[0]?.limit).toEqual({ bound: "max", value: 2 });
    expect(report.warnings.join("\n")).not.toContain("does not apply");
  });
  it("a rule's direction overrides the one the results carry (a counter the tool left unsaid)", () => {
    // The tool said "lower is better" for what is really a rate: 30 % more is an improvement.
    const { baseline } = history({ runs: 10 });
    const current = [results([{ samples: [1.3, 1.31, 1.29] }])];
    expect(compare({ baseline, current }).findings[0]?.verdict).toBe("regression");
    const report = compare({
      baseline,
      current,
      config: { rules: [{ benchmark: "**", direction: "higher" }] },
    });
    expect(report.findings[0]).toMatchObject({ verdict: "improvement", direction: "higher" });
  });
  it("a maximum respected does nothing", () => {
    const { baseline } = history({ runs: 10 });
    const report = compare({
      baseline,
      current: [results([{ samples: [1, 1.01, 0.99] }])],
      config: { rules: [{ benchmark: "**", max: 2 }] },
    });
    expect(report.findings[0]?.limit).toBeUndefined();
    expect(report.status).toBe("pass");
  });
  it("an ignored benchmark is listed, not graded, and cannot fail the gate", () => {
    const { baseline } = history({ runs: 10 });
    const report = compare({
      baseline,
      current: [results([{ samples: [3, 3.1, 2.9] }])],
      config: { rules: [{ benchmark: "parse/*", ignore: true }] },
    });
    expect(report.findings[0]).toMatchObject({ verdict: "unchanged", ignored: true });
    expect(report.status).toBe("pass");
  });
  it("a per-benchmark critical line moves the grade", () => {
    const { baseline } = history({ runs: 20, runCv: 0.01 });
    const current = [results([{ samples: rounds(createRandom(2), 1.5, 0.005) }])];
    expect(compare({ baseline, current }).findings[0]?.severity).toBe("critical");
    const relaxed = compare({
      baseline,
      current,
      config: { rules: [{ benchmark: "parse/json", thresholds: { critical: 0.6 } }] },
    });
    expect(relaxed.findings[0]?.severity).toBe("severe");
    expect(relaxed.thresholds.critical).toBe(0.4);
  });
  it("--fail-on moderate fails on a Moderate regression; never passes everything", () => {
    const { baseline } = history({ runs: 20, runCv: 0.01 });
    const current = [results([{ samples: rounds(createRandom(2), 1.15, 0.005) }])];
    expect(compare({ baseline, current, failOn: "moderate" }).status).toBe("fail");
    expect(compare({ baseline, current, failOn: "severe" }).status).toBe("pass");
    expect(compare({ baseline, current, failOn: "never" }).status).toBe("pass");
    expect(compare({ baseline, current, config: { failOn: "minor" } }).status).toBe("fail");
  });
});
