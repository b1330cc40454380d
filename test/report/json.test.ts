import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import schema from "../../schema/report.v1.json" with { type: "json" };
import type { Report } from "../../src/analyze/types.js";
import { jsonReportChunks, renderJsonReport, toJsonReport } from "../../src/report/json.js";
import { finding, regression, report } from "./builders.js";
import { SCENARIO_NAMES, SCENARIOS } from "./scenarios.js";

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function valid(doc: unknown): boolean {
  const ok = validate(doc);
  if (!ok) console.error(validate.errors);
  return ok;
}

/** The layout's definition: JSON.stringify(…, 2), then each array of numbers joined onto
 *  one line (how the report was written before it was written directly). */
function stringifyThenJoin(value: unknown, indent = ""): string {
  const numberArray = /\[\n\s*(?:-?[\d.eE+-]+|null)(?:,\n\s*(?:-?[\d.eE+-]+|null))*\n\s*\]/g;
  return JSON.stringify(value, null, 2)
    .replace(
      numberArray,
      (array) =>
        `[${array
          .slice(1, -1)
          .split(",")
          .map((x) => x.trim())
          .join(", ")}]`,
    )
    .replace(/\n/g, `\n${indent}`);
}

describe("renderJsonReport, written a batch of findings at a time", () => {
  // Series of every length and value JSON can hold or not, names that quote, escape and
  // look like the mark the writer puts where each series goes, and more findings than one
  // piece holds.
  const odd = ["series", '"series": [1]', "\u0000series", 'a\nb \\ "c"', "é ☃ \u2028"];
  const findings = Array.from({ length: 600 }, (_, i) =>
    finding({
      benchmark: `${odd[i % odd.length]} ${i}`,
      metric: i % 7 === 0 ? "\u0000series" : "time",
      series: Array.from({ length: i % 33 }, (_, k) =>
        k % 11 === 5 ? Number.NaN : (i + 1) * 10 ** ((k % 9) - 4) * (k % 2 ? -1 : 1),
      ),
      reason: i % 5 === 0 ? '"series": "\u0000series"' : "within noise",
      flags: i % 9 === 0 ? [{ kind: "zero-variance", message: "[\n1,\n2\n]" }] : [],
    }),
  );
  const cases: Record<string, Report> = { ...SCENARIOS, "600 odd findings": report(findings) };
  it.each(Object.keys(cases))(
    "writes a %s report exactly as stringify with series on one line does",
    (name) => {
      const r = cases[name] as Report;
      expect(renderJsonReport(r)).toBe(`${stringifyThenJoin(toJsonReport(r))}\n`);
    },
  );
});

describe("renderJsonReport", () => {
  it.each(SCENARIO_NAMES)(
    "lays out a %s report as JSON.stringify(…, 2) does, series on one line, whole findings per piece",
    (name) => {
      const r = SCENARIOS[name];
      const whole = renderJsonReport(r);
      const plain = `${JSON.stringify(toJsonReport(r), null, 2)}\n`;
      // Same text once arrays of numbers are put back on one line per number.
      const oneLine = (text: string) =>
        text.replace(/\[[-\d.eE+,\snul]*\]/g, (a) => a.replace(/\s+/g, ""));
      expect(oneLine(whole)).toBe(oneLine(plain));
      expect(JSON.parse(whole)).toEqual(toJsonReport(r));
      // The head, the findings a few hundred at a time, the tail.
      const pieces = [...jsonReportChunks(r)];
      expect(pieces).toHaveLength(
        r.findings.length === 0 ? 1 : Math.ceil(r.findings.length / 256) + 2,
      );
    },
  );

  it.each(SCENARIO_NAMES)("writes a %s report that matches schema/report.v1.json", (name) => {
    expect(valid(JSON.parse(renderJsonReport(SCENARIOS[name])))).toBe(true);
  });

  it("states status, worst grade, thresholds and every finding with its interval", () => {
    const doc = JSON.parse(renderJsonReport(SCENARIOS["mixed grades"]));
    expect(doc).toMatchObject({
      schema: "perfgate/report/v1",
      status: "fail",
      worst: "critical",
      failOn: "critical",
      thresholds: { tolerance: 0.05, critical: 0.4, confidence: 0.95 },
      counts: { regression: 4, critical: 1, improvement: 1, unchanged: 3 },
    });
    expect(doc.findings).toHaveLength(8);
    const critical = doc.findings.find((f: { severity: string }) => f.severity === "critical");
    expect(critical).toMatchObject({
      benchmark: "tcp/throughput",
      unit: "Gbit/s",
      direction: "higher",
      verdict: "regression",
      baseline: 9.41,
      current: 4.2,
      change: {
        kind: "relative",
        estimate: -0.554,
        low: -0.6,
        high: -0.5,
        level: 0.95,
        pValue: 1e-7,
        adjustedPValue: 1e-6,
      },
      text: { baseline: "9.41 Gbit/s", current: "4.20 Gbit/s", change: "-55.4% [-60.0%, -50.0%]" },
      flags: [],
      trend: null,
      limit: null,
    });
  });

  it("writes null, never NaN or a missing key, for what does not apply", () => {
    const doc = JSON.parse(
      renderJsonReport(
        report([
          finding({
            verdict: "new",
            baseline: undefined,
            change: undefined,
            minDetectable: undefined,
          }),
          finding({ series: [1, Number.NaN, Number.POSITIVE_INFINITY], roundsToDecide: 4.2 }),
        ]),
      ),
    );
    expect(valid(doc)).toBe(true);
    expect(doc.findings[0]).toMatchObject({
      baseline: null,
      change: null,
      minDetectable: null,
      text: { baseline: null, change: null },
    });
    expect(doc.findings[1].series).toEqual([1, null, null]);
    expect(doc.findings[1].roundsToDecide).toBe(5);
  });

  it("carries plausibility flags, trends and breached limits", () => {
    const doc = JSON.parse(renderJsonReport(SCENARIOS.inconclusive));
    expect(doc.findings.flatMap((f: { flags: unknown[] }) => f.flags)).toEqual([
      { kind: "zero-variance", message: "5 rounds, all exactly 0.0125 s" },
    ]);
    expect(doc.findings.find((f: { trend: unknown }) => f.trend).trend).toEqual({
      slopePerRun: 0.011,
      totalChange: 0.17,
      runs: 16,
      flagged: true,
    });
    const limits = JSON.parse(renderJsonReport(SCENARIOS.limits));
    expect(limits.findings[0].limit).toEqual({ bound: "min", value: 1 });
  });

  it("is rejected by the schema when a required field is wrong", () => {
    const doc = JSON.parse(renderJsonReport(report([regression("minor")])));
    expect(validate({ ...doc, status: "maybe" })).toBe(false);
    const { worst: _, ...withoutWorst } = doc;
    expect(validate(withoutWorst)).toBe(false);
    doc.findings[0].change.level = 95;
    expect(validate(doc)).toBe(false);
  });

  it("keeps every value, with number arrays on one line", () => {
    for (const name of SCENARIO_NAMES) {
      const text = renderJsonReport(SCENARIOS[name]);
      expect(JSON.parse(text)).toEqual(toJsonReport(SCENARIOS[name]));
    }
    const text = renderJsonReport(report([finding({ series: [1.5, -2e-7, Number.NaN, 4] })]));
    expect(text).toContain('"series": [1.5, -2e-7, null, 4]');
    expect(text).toContain('"commits": [\n');
  });

  it("pins the exact output of a small report", () => {
    expect(renderJsonReport(SCENARIOS.limits)).toMatchSnapshot();
  });
});
