/**
 * How good are perfgate's change points? Series of 100 runs drawn from the real A/A runs in
 * fixtures/aa (the same code, each run a fresh process on this shared machine), with a step of
 * +5/+10/+20/+50 % injected from a known run on: recall, the rate of hits on the exact run
 * (the commit that moved it), and false changes per 100 unstepped series — beside the simple
 * rule (median of the last 10, 3 MADs, sustained 3 runs), scored on the same series, and two
 * oracles that bound what any method could do (told the true noise density, the level before
 * and the step's size: one only places the step, one detects it at 1 false change per 100).
 * Then the time for a 1,000-benchmark × 3-metric × 100-run history.
 *
 *   npm run bench -- changepoints        (PERFGATE_BENCH_SCALE=0.2 for a quick look)
 */
import { fileURLToPath } from "node:url";
import { changePoints } from "../src/analyze/changePoints.js";
import { gradeStep, historyChanges, seriesOf } from "../src/analyze/historyChanges.js";
import { type ResidualDensity, residualDensity } from "../src/analyze/stepLocation.js";
import { DEFAULT_THRESHOLDS } from "../src/model/defaults.js";
import { HISTORY_SCHEMA, RESULTS_SCHEMA, type Results } from "../src/model/types.js";
import { median } from "../src/util/quantiles.js";
import { type AARun, loadAAData } from "./lib/aaData.js";
import { createRandom, type Random, sampleIndices } from "./lib/random.js";
import { markdownTable, percent } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const SEED = 20_261_207;
const RUNS = 100;
const STEPS = [0.05, 0.1, 0.2, 0.5];
/** A hit is a change within this many runs of the injected step, in its direction: the
 *  commit it names is then one of the step's seven, a range a user reads in a minute. */
const NEAR = 3;
/** Found at all: within the drift window push alerts take for the same step
 *  (MAX_STEP_DRIFT in src/action/alerts.ts). Reported beside recall, not instead of it: a
 *  change placed 10 runs off names the wrong commit. */
const FOUND = 12;
/** The step starts somewhere in [FIRST_STEP, RUNS − LAST_RUNS]: at least 5 runs at the new
 *  level, as on a push a few commits after the one that moved it. */
const FIRST_STEP = 10;
const LAST_RUNS = 5;
const scale = Number(process.env.PERFGATE_BENCH_SCALE ?? "1");
const TRIALS = Math.max(20, Math.round(600 * scale));

type Detector = (values: number[], truth: Truth) => { index: number; change: number }[];

/** What only the bench knows about a series: its benchmark and the injected step. */
interface Truth {
  bench: string;
  size: number;
}

/** perfgate: change points graded as `perfgate history changes` reports them (steps under
 *  the 5 % tolerance are not reported). */
const perfgate: Detector = (values) =>
  changePoints(values).filter((p) => gradeStep(p.change, "lower", DEFAULT_THRESHOLDS));

/** The simple rule: a run and the next two all more than 3 MADs (unscaled) from the median
 *  of the 10 runs before it, on one side; then 10 runs at the new level before looking again. */
const simpleRule: Detector = (values) => {
  const found: { index: number; change: number }[] = [];
  let start = 0;
  for (let i = start + 10; i + 3 <= values.length; i++) {
    if (i - start < 10) continue;
    const window = values.slice(i - 10, i);
    const med = median(window);
    const mad = median(window.map((v) => Math.abs(v - med)));
    const next = values.slice(i, i + 3);
    const up = next.every((v) => v > med + 3 * mad);
    const down = next.every((v) => v < med - 3 * mad);
    if (up || down) {
      const after = median(next);
      found.push({ index: i, change: after / med - 1 });
      start = i;
    }
  }
  return found;
};

/**
 * The bound on placing a step: an oracle told that the series has exactly one step, in
 * [FIRST_STEP, RUNS − LAST_RUNS], its size, the level before it (the median of the
 * benchmark's 200 run medians) and the noise's true density (a kernel estimate from all 200
 * runs) puts it at the most likely run — the Bayes-optimal guess under the flat prior the
 * bench draws from. No method that must also learn the levels and the noise, and decide
 * whether there is a step at all, places steps exactly more often than this.
 */
function oracle(pool: Pool): Detector {
  const known = new Map<string, { level: number; density: ResidualDensity }>();
  for (const bench of pool.benchmarks) {
    const logs = pool.runs.map((r) => Math.log(median(r.rounds[bench] ?? [])));
    const level = median(logs);
    const density = residualDensity(logs.map((v) => v - level));
    if (density) known.set(bench, { level, density });
  }
  return (values, { bench, size }) => {
    const truth = known.get(bench);
    if (!truth || size === 0) return [];
    const a = truth.level;
    const b = a + Math.log(1 + size);
    let sum = 0;
    let best = FIRST_STEP;
    let bestScore = Number.NEGATIVE_INFINITY;
    // ℓ(k) up to a constant: Σ_{i<k} log f(yᵢ − a) − log f(yᵢ − b).
    for (let k = 1; k <= RUNS - LAST_RUNS; k++) {
      const y = Math.log(values[k - 1] as number);
      sum += truth.density.logDensity(y - a) - truth.density.logDensity(y - b);
      if (k >= FIRST_STEP && sum > bestScore) {
        bestScore = sum;
        best = k;
      }
    }
    return [{ index: best, change: size }];
  };
}

/** log f on a fine grid (linear between points): the oracles evaluate it millions of times. */
function tabulated(density: ResidualDensity): (x: number) => number {
  const lo = -3;
  const hi = 3;
  const n = 6001;
  const step = (hi - lo) / (n - 1);
  const table = Float64Array.from({ length: n }, (_, i) => density.logDensity(lo + i * step));
  return (x) => {
    const t = Math.min(n - 1, Math.max(0, (x - lo) / step));
    const i = Math.min(n - 2, Math.floor(t));
    return (table[i] as number) + (t - i) * ((table[i + 1] as number) - (table[i] as number));
  };
}

/**
 * The bound on finding a step at ≤ 1 false change per 100 series: a scan of the
 * log-likelihood ratio Σ_{i≥k} log f(yᵢ − b) − log f(yᵢ − a) over the start k, told the
 * noise's true density, the level before (a) and the step's size (b − a) — a Neyman–Pearson
 * test at each k — its line set at the 99th percentile of the scan's maximum over unstepped
 * series drawn the same way. A hit, as for the others, is its best k within ±3 runs.
 */
function detectingOracle(pool: Pool): Detector {
  const known = new Map<string, { level: number; logF: (x: number) => number }>();
  for (const bench of pool.benchmarks) {
    const logs = pool.runs.map((r) => Math.log(median(r.rounds[bench] ?? [])));
    const level = median(logs);
    const density = residualDensity(logs.map((v) => v - level));
    if (density) known.set(bench, { level, logF: tabulated(density) });
  }
  const scan = (values: number[], bench: string, size: number) => {
    const truth = known.get(bench);
    if (!truth) return { at: -1, stat: Number.NEGATIVE_INFINITY };
    const d = Math.log(1 + size);
    let sum = 0;
    let at = -1;
    let stat = Number.NEGATIVE_INFINITY;
    for (let k = values.length - 1; k >= 3; k--) {
      const y = Math.log(values[k] as number) - truth.level;
      sum += truth.logF(y - d) - truth.logF(y);
      if (k <= values.length - 3 && sum > stat) {
        stat = sum;
        at = k;
      }
    }
    return { at, stat };
  };
  const lines = new Map<number, number>();
  const random = createRandom(SEED + 7);
  for (const size of STEPS) {
    const nulls: number[] = [];
    for (let t = 0; t < TRIALS; t++) {
      const { values, bench } = series(pool, random, 0);
      nulls.push(scan(values, bench, size).stat);
    }
    nulls.sort((x, y) => x - y);
    lines.set(size, nulls[Math.floor(0.99 * (nulls.length - 1))] as number);
  }
  return (values, { bench, size }) => {
    if (size === 0) return [];
    const { at, stat } = scan(values, bench, size);
    return stat > (lines.get(size) as number) ? [{ index: at, change: size }] : [];
  };
}

interface Pool {
  name: string;
  runs: AARun[];
  benchmarks: string[];
}

/** One series: 100 runs drawn without repetition from the pool, one benchmark, each run's
 *  median round; from `step` on, every value × (1 + size). */
function series(
  pool: Pool,
  random: Random,
  size: number,
): { values: number[]; step: number; bench: string } {
  const bench = pool.benchmarks[random.int(pool.benchmarks.length)] as string;
  const picks = sampleIndices(random, pool.runs.length, RUNS);
  const step = FIRST_STEP + random.int(RUNS - LAST_RUNS - FIRST_STEP + 1);
  const values = picks.map((k, i) => {
    const rounds = [...((pool.runs[k] as AARun).rounds[bench] ?? [])].sort((a, b) => a - b);
    const m = rounds[rounds.length >> 1] as number;
    return size > 0 && i >= step ? m * (1 + size) : m;
  });
  return { values, step, bench };
}

interface Score {
  recall: number[];
  /** Share with a rise within ±FOUND runs, per step size. */
  found: number[];
  exact: number[];
  falsePer100: number;
}

function score(detector: Detector, pool: Pool, seed: number): Score {
  const recall: number[] = [];
  const found: number[] = [];
  const exact: number[] = [];
  for (const size of STEPS) {
    const random = createRandom(seed + Math.round(size * 1000));
    let hits = 0;
    let foundAtAll = 0;
    let exactHits = 0;
    for (let t = 0; t < TRIALS; t++) {
      const { values, step, bench } = series(pool, random, size);
      const rises = detector(values, { bench, size }).filter((c) => c.change > 0);
      const near = rises.filter((c) => Math.abs(c.index - step) <= NEAR);
      if (rises.some((c) => Math.abs(c.index - step) <= FOUND)) foundAtAll++;
      if (near.length > 0) hits++;
      if (near.some((c) => c.index === step)) exactHits++;
    }
    recall.push(hits / TRIALS);
    found.push(foundAtAll / TRIALS);
    exact.push(hits === 0 ? 0 : exactHits / hits);
  }
  const random = createRandom(seed);
  let falses = 0;
  for (let t = 0; t < TRIALS; t++) {
    const { values, bench } = series(pool, random, 0);
    falses += detector(values, { bench, size: 0 }).length;
  }
  return { recall, found, exact, falsePer100: (100 * falses) / TRIALS };
}

/** A history of `benchmarks` × 3 metrics × RUNS runs, values resampled from the A/A runs. */
function bigHistory(runs: AARun[], cpu: AARun[], benchmarks: number): Results[] {
  const random = createRandom(SEED);
  const names = Object.keys(runs[0]?.rounds ?? {});
  return Array.from({ length: RUNS }, (_, r) => ({
    schema: RESULTS_SCHEMA,
    suite: "scale",
    commit: `c${r.toString(16).padStart(7, "0")}`,
    timestamp: new Date(Date.UTC(2026, 11, 1) + r * 60_000).toISOString(),
    environment: {},
    benchmarks: Array.from({ length: benchmarks }, (_, b) => {
      const base = names[b % names.length] as string;
      const run = runs[random.int(runs.length)] as AARun;
      const cpuRun = cpu[random.int(cpu.length)] as AARun;
      const step = b % 10 === 0 && r >= 60 ? 1.2 : 1;
      return {
        name: `${base}#${b}`,
        metrics: {
          time: {
            unit: "s",
            direction: "lower",
            samples: (run.rounds[base] ?? []).map((v) => v * step),
          },
          cpu: {
            unit: "s",
            direction: "lower",
            samples: (cpuRun.rounds[base] ?? []).map((v) => v * step),
          },
          ops: {
            unit: "ops/s",
            direction: "higher",
            samples: (cpuRun.rounds[base] ?? []).map((v) => 1 / v / step),
          },
        },
      };
    }),
  }));
}

export default async function changepointsBench(): Promise<void> {
  const dir = fileURLToPath(new URL("../fixtures/aa", import.meta.url));
  const time = loadAAData(dir, "time");
  const cpu = loadAAData(dir, "cpu");
  const quiet = (runs: AARun[]) => runs.filter((r) => !r.load);
  const pools: Pool[] = [
    { name: "CPU time, hash/fnv1a (robust CV 1.7 %)", runs: cpu.runs, benchmarks: ["hash/fnv1a"] },
    {
      name: "CPU time, json/roundtrip + sort/float64 (CV 8–11 %, whole runs +30–60 %)",
      runs: cpu.runs,
      benchmarks: ["json/roundtrip", "sort/float64"],
    },
    {
      name: "wall time, all three, runs without added load (CV 48–57 %)",
      runs: quiet(time.runs),
      benchmarks: time.benchmarks,
    },
  ];
  console.log(
    `${TRIALS} series of ${RUNS} runs per cell, drawn from the 200 runs of fixtures/aa/history.json; step from a run in [${FIRST_STEP}, ${RUNS - LAST_RUNS}]; a hit is a rise within ±${NEAR} runs of it ("found": within ±${FOUND}).\n`,
  );
  const rows: string[][] = [];
  for (const pool of pools) {
    for (const [name, detector] of [
      ["perfgate", perfgate],
      ["simple rule", simpleRule],
      ["oracle (placing only)", oracle(pool)],
      ["oracle (detecting, 1 false / 100)", detectingOracle(pool)],
    ] as const) {
      const s = score(detector, pool, SEED);
      rows.push([
        pool.name,
        name,
        ...s.recall.map((r) => percent(r, 0)),
        percent(s.found[STEPS.indexOf(0.2)] as number, 0),
        ...s.exact.map((r) => percent(r, 0)),
        name.startsWith("oracle (placing")
          ? "—"
          : name.startsWith("oracle")
            ? "1 (its line)"
            : s.falsePer100.toFixed(1),
      ]);
    }
  }
  console.log(
    markdownTable(
      [
        "noise",
        "method",
        ...STEPS.map((s) => `recall +${s * 100} %`),
        `found ±${FOUND} +20 %`,
        ...STEPS.map((s) => `exact +${s * 100} %`),
        "false / 100 series",
      ],
      rows,
    ),
  );

  const history = {
    schema: HISTORY_SCHEMA,
    suite: "scale",
    runs: bigHistory(time.runs, quiet(cpu.runs), 1000),
  };
  historyChanges(history.runs.slice(0, 10)); // warm the JIT on a small one
  // Timing on a shared machine swings: the median of 3, beside the time to parse the same
  // history from JSON (which every use of it pays first), measured in the same run.
  const text = JSON.stringify(history);
  const times = { parse: [] as number[], series: [] as number[], changes: [] as number[] };
  let found = 0;
  for (let r = 0; r < 3; r++) {
    let elapsed = startTimer();
    const parsed = JSON.parse(text) as typeof history;
    times.parse.push(elapsed());
    elapsed = startTimer();
    seriesOf(parsed.runs);
    times.series.push(elapsed());
    elapsed = startTimer();
    found = historyChanges(parsed.runs).length;
    times.changes.push(elapsed());
  }
  const mid = median;
  console.log(
    `\n1,000 benchmarks × 3 metrics × ${RUNS} runs (median of 3): change points ${mid(times.changes).toFixed(0)} ms, of which ${mid(times.series).toFixed(0)} ms building the series; JSON.parse of the same history ${mid(times.parse).toFixed(0)} ms (ratio ${(mid(times.changes) / mid(times.parse)).toFixed(1)}×). Target < 1,000 ms. ${found} changes found (100 benchmarks carry a +20 % step at run 60 in all three metrics).`,
  );
}
