import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import schema from "../../schema/report.v2.json" with { type: "json" };
import { renderJsonReport } from "../../src/report/json.js";
import {
  compactFinding,
  compactReportChunks,
  isPlainUnchanged,
  renderCompactReport,
  UNCHANGED_COLUMNS,
} from "../../src/report/jsonCompact.js";
import { finding, regression, report, unchanged } from "./builders.js";
import { SCENARIO_NAMES, SCENARIOS } from "./scenarios.js";

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function valid(doc: unknown): boolean {
  const ok = validate(doc);
  if (!ok) console.error(validate.errors);
  return ok;
}

type Row = Array<string | number | null>;

describe("renderCompactReport", () => {
  it.each(SCENARIO_NAMES)("writes a %s report that matches schema/report.v2.json", (name) => {
    const doc = JSON.parse(renderCompactReport(SCENARIOS[name]));
    expect(valid(doc)).toBe(true);
    expect(doc.schema).toBe("perfgate/report/v2");
  });

  it.each(SCENARIO_NAMES)(
    "keeps the %s report's head and every finding, as a v1 finding or a table row",
    (name) => {
      const r = SCENARIOS[name];
      const v1 = JSON.parse(renderJsonReport(r));
      const v2 = JSON.parse(renderCompactReport(r));
      const { findings: v1Findings, schema: _1, ...v1Head } = v1;
      const { findings, unchanged: table, schema: _2, ...v2Head } = v2;
      expect(v2Head).toEqual(v1Head);
      const rows = table.rows as Row[];
      expect(findings.length + rows.length).toBe(r.findings.length);
      // The full findings are v1's (numbers to 6 digits), in v1's order (the report's).
      expect(findings).toEqual(r.findings.filter((f) => !isPlainUnchanged(f)).map(compactFinding));
      for (const row of rows) {
        const named = Object.fromEntries(UNCHANGED_COLUMNS.map((c, i) => [c, row[i]]));
        const full = v1Findings.find(
          (f: { benchmark: string; metric: string }) =>
            f.benchmark === named.benchmark && f.metric === named.metric,
        );
        expect(full.verdict).toBe("unchanged");
        expect(named.reason).toBe(full.reason);
        expect(named.estimate).toBeCloseTo(full.change.estimate, 5);
      }
    },
  );

  it("tables the plain unchanged findings and keeps the rest whole", () => {
    const r = report([
      regression("critical", { benchmark: "slow" }),
      ...unchanged(3),
      finding({ benchmark: "flagged", flags: [{ kind: "zero-variance", message: "all 0" }] }),
      finding({
        benchmark: "creeping",
        trend: { slopePerRun: 0.01, totalChange: 0.2, runs: 20, flagged: true },
      }),
      finding({ benchmark: "odd", verdict: "inconclusive", reason: "too noisy" }),
    ]);
    const doc = JSON.parse(renderCompactReport(r));
    expect(doc.findings.map((f: { benchmark: string }) => f.benchmark)).toEqual([
      "slow",
      "flagged",
      "creeping",
      "odd",
    ]);
    expect(doc.findings[0]).toEqual(compactFinding(r.findings[0] as never));
    const v1 = JSON.parse(renderJsonReport(r)).findings[0];
    expect(doc.findings[0].current).toBeCloseTo(v1.current, 7);
    expect(doc.findings[0].series).toHaveLength(v1.series.length);
    expect(doc.unchanged.columns).toEqual(UNCHANGED_COLUMNS);
    expect(doc.unchanged.rows.map((row: Row) => row[0])).toEqual([
      "bench/00000",
      "bench/00001",
      "bench/00002",
    ]);
    expect(valid(doc)).toBe(true);
  });

  it("writes numbers to 6 significant digits and null for what is not finite", () => {
    const r = report([
      finding({ baseline: 0.012345678912, current: Number.NaN, minDetectable: undefined }),
    ]);
    const row = JSON.parse(renderCompactReport(r)).unchanged.rows[0] as Row;
    const cell = (name: (typeof UNCHANGED_COLUMNS)[number]) => row[UNCHANGED_COLUMNS.indexOf(name)];
    expect(cell("baseline")).toBe(0.0123457);
    expect(cell("current")).toBeNull();
    expect(cell("minDetectable")).toBeNull();
    expect(cell("level")).toBe(0.95);
  });

  it("is far smaller than version 1 for a large, mostly unchanged suite, one line per entry", () => {
    const r = report([regression("severe", { benchmark: "slow" }), ...unchanged(2000)]);
    const compact = renderCompactReport(r);
    const full = renderJsonReport(r);
    expect(compact.length).toBeLessThan(full.length / 3);
    const pieces = [...compactReportChunks(r)];
    expect(pieces.join("")).toBe(compact);
    expect(compact.endsWith("}\n")).toBe(true);
    expect(compact.split("\n").filter((l) => l.startsWith('      ["bench/'))).toHaveLength(2000);
  });

  it("is rejected by the schema when a row is the wrong length", () => {
    const doc = JSON.parse(renderCompactReport(report(unchanged(1))));
    expect(valid(doc)).toBe(true);
    doc.unchanged.rows[0].pop();
    expect(validate(doc)).toBe(false);
  });

  it("writes an empty report", () => {
    const doc = JSON.parse(renderCompactReport(report([])));
    expect(doc.findings).toEqual([]);
    expect(doc.unchanged.rows).toEqual([]);
    expect(valid(doc)).toBe(true);
  });
});
