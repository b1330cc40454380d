/**
 * Scores issue 23's shapes: perfgate's `compare()` beside the naive rule, github-action-
 * benchmark's 200 % rule and a Bencher-style t-test, on the same draws (common random
 * numbers: a slowdown multiplies the current side of the very trial the A/A row saw).
 */
import { compare } from "../../src/analyze/compare.js";
import { needsConfirmation } from "../../src/analyze/confirm.js";
import type { Report } from "../../src/analyze/types.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import { median } from "../../src/util/quantiles.js";
import { createRandom } from "./random.js";
import { bencherTTestAlerts, githubActionBenchmarkAlerts, mean } from "./rules.js";
import type { FirstRunsTrial, ShapeScenario, ShapeTrial } from "./shapes.js";
import { CONFIRM_ROUNDS, drawFirstRuns, slowFile } from "./shapes.js";
import { markdownTable, percent } from "./table.js";

/** What one method said about one trial. */
export interface Outcome {
  /** Any graded finding, either direction (an alert for the competitors). */
  any: boolean;
  /** A graded regression (the slowdown was caught). */
  caught: boolean;
  severePlus: boolean;
  /** The build fails (perfgate: at the default fail-on critical; competitors: any alert). */
  fail: boolean;
  inconclusive: boolean;
}

type Method<T> = { name: string; judge(trial: T): Outcome };

const NOTHING: Outcome = {
  any: false,
  caught: false,
  severePlus: false,
  fail: false,
  inconclusive: false,
};

function alert(on: boolean): Outcome {
  return { any: on, caught: on, severePlus: on, fail: on, inconclusive: false };
}

/** perfgate's outcome from a whole report (every finding counts: that is what a user sees). */
export function reportOutcome(report: Report): Outcome {
  const out = { ...NOTHING };
  for (const f of report.findings) {
    if (f.verdict === "inconclusive") out.inconclusive = true;
    if (f.verdict === "improvement" || f.verdict === "regression") out.any = true;
    if (f.verdict === "regression") {
      out.caught = true;
      if (f.severity === "severe" || f.severity === "critical") out.severePlus = true;
    }
  }
  out.fail = report.status === "fail";
  return out;
}

function file(samples: number[], commit: string, cpu?: string): Results {
  return {
    schema: RESULTS_SCHEMA,
    suite: "verdict-bench",
    commit,
    timestamp: "2026-01-01T00:00:00Z",
    environment: cpu ? { cpuModel: cpu, os: "Linux", arch: "x64" } : {},
    benchmarks: [{ name: "bench", metrics: { time: { unit: "s", direction: "lower", samples } } }],
  };
}

export function perfgateOn(t: ShapeTrial): Report {
  return compare({
    baseline: t.base.map((r, i) => file(r, `base${i}`, t.baseCpu?.[i])),
    current: t.head.map((r, i) => file(r, `head${i}`, t.headCpu)),
    paired: t.paired,
  });
}

/** The naive rule: median of the current rounds against the median of the baseline runs'
 *  medians, graded by the default 5/10/20/40 % bands; fails at 40 %. */
function naive(base: number[][], head: number[][]): Outcome {
  const c = median(head.flat()) / median(base.map(median)) - 1;
  return {
    any: Math.abs(c) >= 0.05,
    caught: c >= 0.05,
    severePlus: c >= 0.2,
    fail: c >= 0.4,
    inconclusive: false,
  };
}

export function shapeMethods(): Method<ShapeTrial>[] {
  const side = (runs: number[][]) => mean(runs.flat());
  return [
    { name: "perfgate", judge: (t) => reportOutcome(perfgateOn(t)) },
    {
      name: `perfgate + confirm-rounds ${CONFIRM_ROUNDS}`,
      judge: (t) => {
        const first = perfgateOn(t);
        if (!t.confirm || !needsConfirmation(first, CONFIRM_ROUNDS)) return reportOutcome(first);
        return reportOutcome(perfgateOn({ ...t, head: [[...(t.head[0] ?? []), ...t.confirm]] }));
      },
    },
    { name: "naive (median vs median, bands)", judge: (t) => naive(t.base, t.head) },
    {
      name: "github-action-benchmark 200 %",
      judge: (t) =>
        alert(
          githubActionBenchmarkAlerts(
            t.paired ? side(t.base) : mean(t.base[t.base.length - 1] ?? []),
            side(t.head),
            "lower",
            2,
          ),
        ),
    },
    {
      name: "Bencher t-test 99 %",
      judge: (t) => alert(bencherTTestAlerts(t.base.map(mean), side(t.head), "lower")),
    },
  ];
}

export interface Trials {
  none: number;
  power: number;
}

export interface ShapeRow {
  shape: string;
  noise: string;
  method: string;
  trials: Trials;
  aaAny: number;
  aaFail: number;
  aaInconclusive: number;
  caught10: number;
  severe30: number;
  fail30: number;
  fail60: number;
}

function rate(xs: boolean[]): number {
  return xs.length === 0 ? Number.NaN : xs.filter(Boolean).length / xs.length;
}

/** Scores every method on the same draws of one scenario. */
export function scoreGeneric<T>(
  shape: string,
  noise: string,
  draw: (random: ReturnType<typeof createRandom>) => T,
  slow: (t: T, s: number) => T,
  methods: Method<T>[],
  trials: Trials,
  seed: number,
): ShapeRow[] {
  const random = createRandom(seed);
  const results = methods.map(() => ({
    aa: [] as Outcome[],
    at10: [] as Outcome[],
    at30: [] as Outcome[],
    at60: [] as Outcome[],
  }));
  for (let i = 0; i < trials.none; i++) {
    const trial = draw(random);
    const withPower = i < trials.power;
    const slowed = withPower ? [slow(trial, 0.1), slow(trial, 0.3), slow(trial, 0.6)] : [];
    methods.forEach((m, k) => {
      const r = results[k] as (typeof results)[number];
      r.aa.push(m.judge(trial));
      if (withPower) {
        r.at10.push(m.judge(slowed[0] as T));
        r.at30.push(m.judge(slowed[1] as T));
        r.at60.push(m.judge(slowed[2] as T));
      }
    });
  }
  return methods.map((m, k) => {
    const r = results[k] as (typeof results)[number];
    return {
      shape,
      noise,
      method: m.name,
      trials,
      aaAny: rate(r.aa.map((o) => o.any)),
      aaFail: rate(r.aa.map((o) => o.fail)),
      aaInconclusive: rate(r.aa.map((o) => o.inconclusive)),
      caught10: rate(r.at10.map((o) => o.caught)),
      severe30: rate(r.at30.map((o) => o.severePlus)),
      fail30: rate(r.at30.map((o) => o.fail)),
      fail60: rate(r.at60.map((o) => o.fail)),
    };
  });
}

export function scoreShape(s: ShapeScenario, trials: Trials, seed: number): ShapeRow[] {
  const slow = (t: ShapeTrial, x: number): ShapeTrial => ({
    ...t,
    head: t.head.map((r) => r.map((v) => v * (1 + x))),
    ...(t.confirm ? { confirm: t.confirm.map((v) => v * (1 + x)) } : {}),
  });
  return scoreGeneric(s.shape, s.noise, s.draw, slow, shapeMethods(), trials, seed);
}

/** First runs: whole hyperfine files (time: 10 values per run; user, system: one). */
export function scoreFirstRuns(
  noise: string,
  files: Results[],
  trials: Trials,
  seed: number,
): ShapeRow[] {
  const values = (r: Results) =>
    r.benchmarks.flatMap((b) =>
      Object.entries(b.metrics).map(([k, m]) => [`${b.name}:${k}`, m.samples] as const),
    );
  const worstNaive = (t: FirstRunsTrial): Outcome => {
    const cur = new Map(values(t.current));
    const outs: Outcome[] = [];
    for (const [key] of values(t.baseline[0] as Results)) {
      const base = t.baseline.map((f) => new Map(values(f)).get(key) ?? []);
      outs.push(naive(base, [cur.get(key) ?? []]));
    }
    return {
      any: outs.some((o) => o.any),
      caught: outs.some((o) => o.caught),
      severePlus: outs.some((o) => o.severePlus),
      fail: outs.some((o) => o.fail),
      inconclusive: false,
    };
  };
  const methods: Method<FirstRunsTrial>[] = [
    {
      name: "perfgate",
      judge: (t) => reportOutcome(compare({ baseline: t.baseline, current: [t.current] })),
    },
    { name: "naive (median vs median, bands)", judge: worstNaive },
  ];
  return scoreGeneric(
    "first runs: 1–2 baseline files, 1 current file (hyperfine --export-json)",
    noise,
    (random) => drawFirstRuns(random, files),
    (t, x) => ({ ...t, current: slowFile(t.current, x) }),
    methods,
    trials,
    seed,
  );
}

export function shapeTable(rows: ShapeRow[]): string {
  const p = (x: number) => (Number.isNaN(x) ? "–" : percent(x, 1));
  return markdownTable(
    [
      "shape",
      "noise",
      "method",
      "A/A any grade",
      "A/A fails build",
      "A/A inconclusive",
      "+10 % caught",
      "+30 % Severe+",
      "+30 % fails",
      "+60 % fails",
    ],
    rows.map((r) => [
      r.shape,
      r.noise,
      r.method,
      p(r.aaAny),
      p(r.aaFail),
      r.method.startsWith("perfgate") ? p(r.aaInconclusive) : "–",
      p(r.caught10),
      p(r.severe30),
      p(r.fail30),
      p(r.fail60),
    ]),
  );
}
