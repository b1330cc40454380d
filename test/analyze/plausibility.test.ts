import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { type PlausibilityInput, plausibilityFlags } from "../../src/analyze/plausibility.js";
import { history, results } from "./builders.js";

function kinds(over: Partial<PlausibilityInput>): string[] {
  return plausibilityFlags({
    unit: "s",
    currentSamples: [1, 1.01, 0.99],
    baselineRuns: [],
    ...over,
  }).map((f) => f.kind);
}

describe("plausibility flags", () => {
  it.each([
    ["ordinary rounds", { currentSamples: [1, 1.02, 0.98] }, []],
    ["all 3 rounds identical", { currentSamples: [9.41, 9.41, 9.41] }, ["zero-variance"]],
    ["2 identical rounds are not enough", { currentSamples: [9.41, 9.41] }, []],
    ["identical counts are normal", { unit: "allocs/op", currentSamples: [12, 12, 12] }, []],
    ["identical byte counts are normal", { unit: "B", currentSamples: [4096, 4096, 4096] }, []],
    ["a NaN round", { currentSamples: [1, Number.NaN, 1.1] }, ["non-finite"]],
    ["an infinite round", { currentSamples: [1, Number.POSITIVE_INFINITY, 1.1] }, ["non-finite"]],
    ["a negative round", { currentSamples: [1, -0.2, 1.1] }, ["negative"]],
    [
      "same as the last two baseline runs",
      { currentCentre: 9.4132, baselineRuns: [9.1, 9.4132, 9.4132] },
      ["identical-to-baseline"],
    ],
    [
      "same as only the last baseline run",
      { currentCentre: 9.4132, baselineRuns: [9.1, 9.3, 9.4132] },
      [],
    ],
    ["1000× the baseline", { currentCentre: 1003, baselineCentre: 1 }, ["unit-mixup"]],
    ["1/1000 of the baseline", { currentCentre: 0.001, baselineCentre: 1.02 }, ["unit-mixup"]],
    ["3× the baseline is a regression, not a mix-up", { currentCentre: 3, baselineCentre: 1 }, []],
    [
      "8× a rate: bits for bytes",
      { unit: "Gbit/s", currentCentre: 80, baselineCentre: 10 },
      ["unit-mixup"],
    ],
    ["8× a time is not a bits/bytes mix-up", { currentCentre: 8, baselineCentre: 1 }, []],
    ["above the ceiling", { unit: "Gbit/s", currentCentre: 95, ceiling: 40 }, ["above-ceiling"]],
    ["under the ceiling", { unit: "Gbit/s", currentCentre: 35, ceiling: 40 }, []],
    [
      "pairs equal to the last digit",
      { pairs: { base: [1.5, 1.6, 1.7], head: [1.5, 1.6, 1.7] } },
      ["identical-to-baseline"],
    ],
  ])("%s", (_name, over, expected) => {
    expect(kinds(over as Partial<PlausibilityInput>)).toEqual(expected);
  });
});

describe("flags through compare()", () => {
  it("a hard-coded throughput gets zero-variance and identical-to-baseline, and the environment ceiling", () => {
    const baseline = Array.from({ length: 5 }, (_, i) =>
      results([{ unit: "Gbit/s", direction: "higher", samples: [99.5, 99.5, 99.5] }], `c${i}`),
    );
    const current = [
      results([{ unit: "Gbit/s", direction: "higher", samples: [99.5, 99.5, 99.5] }], "head", {
        ceilingGbps: 42,
      }),
    ];
    const f = compare({ baseline, current }).findings[0];
    expect(f?.flags.map((x) => x.kind).sort()).toEqual([
      "above-ceiling",
      "identical-to-baseline",
      "zero-variance",
    ]);
  });

  it("the environment's ceiling (Gbit/s) applies to data rates only", () => {
    const { baseline } = history({ runs: 5, centre: 30 });
    const current = [results([{ samples: [30, 30.5, 29.8] }], "head", { ceilingGbps: 1 })];
    expect(compare({ baseline, current }).findings[0]?.flags).toEqual([]);
  });

  it("a config ceiling wins over the environment's", () => {
    const { baseline } = history({ runs: 5, unit: "Gbit/s", direction: "higher", centre: 30 });
    const current = [
      results([{ unit: "Gbit/s", direction: "higher", samples: [30, 30.5, 29.8] }], "head", {
        ceilingGbps: 42,
      }),
    ];
    const config = { rules: [{ benchmark: "**", ceiling: 25 }] };
    const f = compare({ baseline, current, config }).findings[0];
    expect(f?.flags.map((x) => x.kind)).toEqual(["above-ceiling"]);
  });

  it("non-finite and negative rounds are left out of the statistics, not thrown", () => {
    const { baseline } = history({ runs: 10 });
    const current = [results([{ samples: [1, Number.NaN, 1.01, -3, 0.99] }])];
    const f = compare({ baseline, current }).findings[0];
    expect(f?.flags.map((x) => x.kind)).toEqual(["non-finite", "negative"]);
    expect(f?.current).toBe(1);
  });

  it("a run with no usable round is inconclusive and says why", () => {
    const { baseline } = history({ runs: 10 });
    const f = compare({ baseline, current: [results([{ samples: [Number.NaN, -1] }])] })
      .findings[0];
    expect(f?.verdict).toBe("inconclusive");
    expect(f?.reason).toContain("no finite, non-negative round");
  });
});
