import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import type { Results } from "../../src/model/types.js";
import { history, results } from "./builders.js";

describe("thin or odd data gives warnings and verdicts, never exceptions", () => {
  const { baseline } = history({ runs: 10 });
  it.each<[string, Results[], Results[], boolean | undefined]>([
    ["no files at all", [], [], undefined],
    ["a current run without benchmarks", baseline, [{ ...results([]), benchmarks: [] }], undefined],
    ["a current metric with no samples", baseline, [results([{ samples: [] }])], undefined],
    [
      "baseline runs with no samples",
      [results([{ samples: [] }]), results([{ samples: [] }])],
      [results([{ samples: [1] }])],
      undefined,
    ],
    ["every round NaN", baseline, [results([{ samples: [Number.NaN, Number.NaN] }])], undefined],
    [
      "a baseline of zeros",
      Array.from({ length: 5 }, () => results([{ samples: [0, 0, 0] }])),
      [results([{ samples: [1] }])],
      undefined,
    ],
    ["a current run of zeros", baseline, [results([{ samples: [0, 0, 0] }])], undefined],
    ["one pair", [results([{ samples: [1] }])], [results([{ samples: [1.1] }])], true],
    ["paired with no base files", [], [results([{ samples: [1] }])], true],
    [
      "paired rounds with zeros",
      [results([{ samples: [0, 1, 2] }])],
      [results([{ samples: [1, 0, 2] }])],
      true,
    ],
  ])("%s", (_name, base, current, paired) => {
    const report = compare({ baseline: base, current, paired });
    expect(report.status).toMatch(/pass|fail/);
    for (const f of report.findings) expect(f.reason.length).toBeGreaterThan(0);
    // The report is plain data: it survives JSON.
    expect(() => JSON.stringify(report)).not.toThrow();
  });

  it("a metric in only the last 2 of 10 baseline runs is judged with the wide margin, and says so", () => {
    const runs = history({ runs: 10 }).baseline;
    for (const run of runs.slice(8)) {
      run.benchmarks.push({
        name: "young",
        metrics: { time: { unit: "s", direction: "lower", samples: [1, 1.01, 0.99] } },
      });
    }
    const cur = results([{ samples: [1] }, { benchmark: "young", samples: [1.12, 1.13, 1.11] }]);
    const f = compare({ baseline: runs, current: [cur] }).findings.find(
      (x) => x.benchmark === "young",
    );
    expect(f?.reason).toContain(
      "noise unknown (2 baseline runs): only changes past 20 % are graded",
    );
    expect(f?.verdict).not.toBe("regression");
  });

  it("a current run that fell to zero throughput is a Critical regression", () => {
    const { baseline: b } = history({ runs: 10, direction: "higher", unit: "Gbit/s", centre: 9 });
    const f = compare({
      baseline: b,
      current: [results([{ samples: [0, 0, 0], direction: "higher", unit: "Gbit/s" }])],
    }).findings[0];
    expect(f?.verdict).toBe("regression");
    expect(f?.severity).toBe("critical");
    expect(f?.change?.estimate).toBe(-1);
    expect(f?.reason).toContain("fell to 0");
  });
});
