import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import { history, results, rounds } from "./builders.js";

/** The current run: a level `factor` × the history's centre, measured with round noise. */
function current(factor: number, opts: { direction?: "higher" | "lower"; seed?: number } = {}) {
  const rng = createRandom(opts.seed ?? 7);
  return [
    results([{ samples: rounds(rng, factor, 0.01), direction: opts.direction ?? "lower" }], "head"),
  ];
}

describe("history mode", () => {
  it("a 45 % slowdown with a tight history is Critical and fails the gate", () => {
    const { baseline } = history({ runCv: 0.02 });
    const report = compare({ baseline, current: current(1.45) });
    expect(report.mode).toBe("history");
    const [f] = report.findings;
    expect(f?.verdict).toBe("regression");
    expect(f?.severity).toBe("critical");
    expect(f?.change?.estimate).toBeGreaterThan(0.4);
    expect(f?.change?.low).toBeGreaterThan(0.2);
    expect(report.status).toBe("fail");
    expect(report.worst).toBe("critical");
    expect(report.counts.regression).toBe(1);
    expect(report.counts.critical).toBe(1);
  });

  it("the same run as the history is unchanged and passes", () => {
    const { baseline } = history();
    const report = compare({ baseline, current: current(1) });
    expect(report.findings[0]?.verdict).toBe("unchanged");
    expect(report.status).toBe("pass");
    expect(report.worst).toBe("none");
    expect(report.findings[0]?.change?.pValue).toBeGreaterThan(0.05);
  });

  it("a 30 % throughput drop is a regression for a higher-is-better metric", () => {
    const { baseline } = history({ direction: "higher", unit: "Gbit/s" });
    const report = compare({ baseline, current: current(0.7, { direction: "higher" }) });
    const [f] = report.findings;
    expect(f?.verdict).toBe("regression");
    expect(f?.severity).toBe("severe");
    expect(f?.change?.estimate).toBeLessThan(-0.25);
  });

  it("a 50 % speed-up is an improvement and never fails the gate, even with --fail-on minor", () => {
    const { baseline } = history();
    const report = compare({ baseline, current: current(0.5), failOn: "minor" });
    expect(report.findings[0]?.verdict).toBe("improvement");
    expect(report.findings[0]?.severity).toBe("critical");
    expect(report.status).toBe("pass");
    expect(report.worst).toBe("none");
  });

  it("states the baseline as the median of per-run medians and lists the series", () => {
    const { baseline } = history({ runs: 5 });
    const report = compare({ baseline, current: current(1) });
    const f = report.findings[0];
    expect(f?.series).toHaveLength(6);
    const sorted = [...(f?.series.slice(0, 5) ?? [])].sort((a, b) => a - b);
    expect(f?.baseline).toBe(sorted[2]);
    expect(report.baseline.runs).toBe(5);
    expect(report.baseline.commits[0]).toBe("c0000000");
  });

  it("sets one wild baseline run aside instead of letting it widen the noise", () => {
    const { baseline } = history({ runs: 20, runCv: 0.01 });
    const wild = results([{ samples: [1.6, 1.6, 1.6, 1.6, 1.61] }], "wild123");
    const report = compare({ baseline: [...baseline, wild], current: current(1.12) });
    const f = report.findings[0];
    expect(f?.reason).toContain("1 outlier baseline run set aside (wild123)");
    expect(f?.verdict).toBe("regression");
  });
});

describe("thin or absent baselines", () => {
  it("with no baseline lists the current values, grades nothing and passes", () => {
    const report = compare({ baseline: [], current: current(3) });
    expect(report.mode).toBe("no-baseline");
    expect(report.findings[0]?.verdict).toBe("new");
    expect(report.findings[0]?.current).toBeGreaterThan(2.5);
    expect(report.status).toBe("pass");
    expect(report.warnings.join(" ")).toContain("no baseline");
  });

  it.each([
    [1, 1.1, "unchanged"],
    [1, 1.15, "unchanged"],
    [2, 1.1, "unchanged"],
    [2, 1.5, "regression"],
    [1, 2, "regression"],
  ])(
    "with %i baseline run(s), a %f× change is %s (only past the wide margin)",
    (runs, factor, verdict) => {
      const { baseline } = history({ runs });
      const report = compare({ baseline, current: current(factor) });
      expect(report.mode).toBe("unknown-noise");
      expect(report.warnings.join(" ")).toContain(
        `need ≥ 3 baseline runs to learn the noise; have ${runs}`,
      );
      const f = report.findings[0];
      expect(f?.verdict === "inconclusive" ? "unchanged" : f?.verdict).toBe(verdict);
    },
  );

  it("a metric new in this run is 'new' and one gone from it is 'missing'", () => {
    const { baseline } = history({ runs: 12 });
    const last = baseline[baseline.length - 1];
    last?.benchmarks.push({
      name: "old/bench",
      metrics: { time: { unit: "s", direction: "lower", samples: [1, 1, 1] } },
    });
    const rng = createRandom(3);
    const cur = results([
      { samples: rounds(rng, 1, 0.01) },
      { benchmark: "new/bench", samples: [2, 2.1, 2.05] },
    ]);
    const report = compare({ baseline, current: [cur] });
    const byName = Object.fromEntries(report.findings.map((f) => [f.benchmark, f.verdict]));
    expect(byName).toMatchObject({
      "new/bench": "new",
      "old/bench": "missing",
      "parse/json": "unchanged",
    });
    // One gone and one new with the same metrics: one "renamed?" line names the pair.
    expect(report.warnings.join(" ")).toContain("renamed? 'old/bench' → 'new/bench'");
    expect(report.counts.new).toBe(1);
    expect(report.counts.missing).toBe(1);
  });
});

describe("outlier runs in the history", () => {
  const loaded = (commit: string, level: number) =>
    results([{ samples: [level, level * 1.01, level * 0.99] }], commit);

  it("set-aside runs as far out as this one count in its p-value: a run like two loaded ones is not a regression", () => {
    const { baseline } = history({ runs: 18, runCv: 0.01 });
    const report = compare({
      baseline: [...baseline, loaded("load001", 1.45), loaded("load002", 1.5)],
      current: current(1.42),
    });
    const f = report.findings[0];
    expect(f?.reason).toContain(
      "2 outlier baseline runs set aside (load001, load002), 2 of them like this run",
    );
    // p ≥ 2/20: the history says one run in ten lands this far out without any change.
    expect(f?.change?.pValue).toBeGreaterThanOrEqual(0.1);
    expect(f?.verdict).not.toBe("regression");
    expect(report.status).toBe("pass");
  });

  it("a run beyond every set-aside run keeps the everyday-noise p-value", () => {
    const { baseline } = history({ runs: 18, runCv: 0.01 });
    const f = compare({
      baseline: [...baseline, loaded("load001", 1.2), loaded("load002", 1.25)],
      current: current(1.6),
    }).findings[0];
    expect(f?.change?.pValue).toBeLessThan(1e-6);
    expect(f?.verdict).toBe("regression");
  });

  it("one 2× blip in the history neither fails a run like it nor hides a later +25 % step (issue 23)", () => {
    const { baseline } = history({ runs: 20, runCv: 0.01 });
    const withOdd = [...baseline, loaded("odd0001", 2)];
    const like = compare({ baseline: withOdd, current: current(1.8) });
    expect(like.status).toBe("pass");
    expect(like.findings[0]?.reason).toContain("1 of them like this run");
    const step = compare({ baseline: withOdd, current: current(1.25) }).findings[0];
    expect(step).toMatchObject({ verdict: "regression", severity: "severe" });
    expect(step?.change?.pValue).toBeLessThan(1e-6);
    const clean = compare({ baseline, current: current(1.45) }).findings[0];
    expect(clean?.severity).toBe("critical");
  });
});

describe("an inconclusive result says what would decide it, in numbers that make sense", () => {
  it("a run where a set-aside slow run sat points at the next run or paired mode, not at '±0.0 %'", () => {
    // 15 everyday runs and one at 1.8×: a run like it has p ≥ 1/16 on the history's word.
    const { baseline } = history({ runs: 15, runCv: 0.0001 });
    const odd = results([{ samples: [1.8, 1.8, 1.8, 1.8, 1.8] }], "odd0001");
    const f = compare({
      baseline: [...baseline, odd],
      current: [results([{ samples: [1.7, 1.7, 1.7, 1.7, 1.7] }], "head")],
    }).findings[0];
    expect(f?.verdict).toBe("inconclusive");
    expect(f?.reason).toContain(
      "it sits where 1 set-aside baseline run did; the next run on the baseline branch, or paired mode (perfgate ab), would decide it",
    );
    expect(f?.reason).not.toContain("±0.0");
  });
});

describe("a single-value history against a run whose rounds split (issue 23)", () => {
  const rng = createRandom(23);
  const base = Array.from({ length: 20 }, (_, i) =>
    results([{ samples: [Math.exp(0.03 * rng.normal())] }], `c${i}`),
  );
  const jitter = (level: number) =>
    Array.from({ length: 5 }, () => level * Math.exp(0.01 * rng.normal()));

  it("5 rounds in a 1.95× slow mode and 5 confirmation rounds back at 1× do not fail the build", () => {
    // The median of 10 rounds split 5/5 lands half-way (+48 %); before, that failed the
    // build as if the run had been measured at +48 %.
    const report = compare({
      baseline: base,
      current: [results([{ samples: [...jitter(1.95), ...jitter(1)] }], "head")],
    });
    const f = report.findings[0];
    expect(report.status).toBe("pass");
    expect(f?.severity).not.toBe("critical");
    expect(f?.reason).toContain("this run's rounds disagree");
  });

  it("10 rounds that agree at 1.5× still fail it", () => {
    const report = compare({
      baseline: base,
      current: [results([{ samples: [...jitter(1.5), ...jitter(1.5)] }], "head")],
    });
    expect(report.findings[0]?.severity).toBe("critical");
    expect(report.status).toBe("fail");
  });
});

describe("set-aside runs at the start of the window are an earlier level, not a slow mode", () => {
  const rng = createRandom(31);
  const run = (level: number, i: number) =>
    results([{ samples: [level * Math.exp(0.03 * rng.normal())] }], `c${i}`);

  it("2 runs at 0.29 s, 28 at 0.08 s, then 0.23 s: a regression back to the old level fails (rune's corpus case)", () => {
    const base = [
      run(0.29, 0),
      run(0.29, 1),
      ...Array.from({ length: 28 }, (_, i) => run(0.08, i + 2)),
    ];
    const report = compare({ baseline: base, current: [run(0.23, 99)] });
    expect(report.findings[0]?.severity).toBe("critical");
    expect(report.status).toBe("fail");
  });

  it("one slow first run still counts as a possible slow mode", () => {
    const base = [run(0.16, 0), ...Array.from({ length: 29 }, (_, i) => run(0.08, i + 1))];
    const report = compare({ baseline: base, current: [run(0.16, 99)] });
    expect(report.findings[0]?.reason).toContain("1 of them like this run");
    expect(report.status).toBe("pass");
  });
});
