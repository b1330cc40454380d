/**
 * How good is the verdict? False alarms with no change, power at injected slowdowns and the
 * grade confusion matrix of perfgate's `compare()`, in history mode (20-run history, 5 rounds)
 * and paired mode (20 pairs), on a simulated noise model and on real A/A data recorded on this
 * machine (fixtures/aa) — and, on the same trials, github-action-benchmark's rule and a
 * Bencher-style t-test threshold.
 *
 *   npm run bench -- verdict          (PERFGATE_BENCH_SCALE=0.2 for a quick look)
 */
import { fileURLToPath } from "node:url";
import { compare } from "../src/analyze/compare.js";
import { loadAAData } from "./lib/aaData.js";
// Same-runner A/B (issue 5), kept apart from the fixed-size modes above.
import {
  AB_SLOWDOWNS,
  type SequentialScore,
  scoreSequential,
  sequentialTable,
  sequentialTargets,
} from "./lib/abSequential.js";
import { anyGradeRate, SLOWDOWNS, score, type Trials } from "./lib/harness.js";
import { HOSTED_RUNNER_NOISE, WITH_SLOW_RUNNERS } from "./lib/noise.js";
import {
  HISTORY_ROUNDS,
  HISTORY_RUNS,
  PAIRS,
  realHistory,
  realPaired,
  simulatedHistory,
  simulatedPaired,
  slowHistory,
  slowPaired,
} from "./lib/scenarios.js";
import { shapesSection } from "./lib/shapesSection.js";
import { startTimer } from "./lib/timer.js";
import { answerOf, historyInput, historyRules, pairedInput, pairedRules } from "./lib/verdicts.js";
import { confusionTable, qualityTable, scenarioTable, targets } from "./lib/verdictTables.js";

const SEED = 20_261_127;
const scale = Number(process.env.PERFGATE_BENCH_SCALE ?? "1");
const n = (x: number) => Math.max(10, Math.round(x * scale));
/** Main scenarios: ≥ 1,000 A/A trials (the bar for P(Critical | no change) = 0). */
const MAIN: Trials = { none: n(2000), power: n(1000), confusion: n(300) };
/** Side rows (whole-run jumps, load): the false-alarm rate and power only. */
const SIDE: Trials = { none: n(1000), power: n(300), confusion: 0 };
/** Issue 23's shapes: ≥ 1,000 A/A trials per row at scale 1. */
const SHAPE_TRIALS = { none: n(1000), power: n(300) };

const historyVerdict = (t: Parameters<typeof historyInput>[0], seed: number) =>
  answerOf(compare(historyInput(t, seed)));
const pairedVerdict = (t: Parameters<typeof pairedInput>[0], seed: number) =>
  answerOf(compare(pairedInput(t, seed)));

const SIM_NOISE = "run CV 3 %, round CV 1.5 %, 3 % of rounds +10–50 %";
const REAL_NOISE = "this shared 2-core machine as it was (see fixtures/aa/README.md)";
const SIM_PAIRED_NOISE = `${SIM_NOISE}, pair drift CV 2 % (shared by both sides of a pair)`;

export default async function verdict(): Promise<void> {
  const elapsed = startTimer();
  const dir = fileURLToPath(new URL("../fixtures/aa", import.meta.url));
  const data = loadAAData(dir, "time");
  const cpuData = loadAAData(dir, "cpu");
  const rules = { history: historyRules(), paired: pairedRules() };
  // Issue 23's shapes; PERFGATE_BENCH_ONLY=shapes prints only this section.
  const shapes = shapesSection(dir, { time: data, cpu: cpuData }, SHAPE_TRIALS, SEED);
  if (process.env.PERFGATE_BENCH_ONLY === "shapes") {
    console.log(
      [...shapes, `Seed ${SEED}, scale ${scale}, ${(elapsed() / 1000).toFixed(1)} s.`].join("\n"),
    );
    return;
  }

  const history = [
    [simulatedHistory("simulated", SIM_NOISE, HOSTED_RUNNER_NOISE), MAIN],
    [
      simulatedHistory(
        "simulated + slow runners",
        `${SIM_NOISE}; 5 % of runs whole-run +10–50 % (whole-run jumps)`,
        WITH_SLOW_RUNNERS,
      ),
      SIDE,
    ],
    [
      realHistory(
        "real A/A, wall time",
        `${REAL_NOISE}; all 21 runs drawn from all recorded runs (1 in 5 under added load)`,
        data,
        () => true,
        () => true,
      ),
      MAIN,
    ],
    [
      realHistory(
        "real A/A, CPU time",
        `${REAL_NOISE}; CPU time of the process; runs drawn as above`,
        cpuData,
        () => true,
        () => true,
      ),
      SIDE,
    ],
    [
      realHistory(
        "real A/A, wall time, current under added load",
        `${REAL_NOISE}; history without, current run with a second process burning a core (whole-run jumps)`,
        data,
        (r) => !r.load,
        (r) => r.load,
      ),
      SIDE,
    ],
  ] as const;
  const historyScores = history
    .filter(([scenario]) => scenario.pool !== 0)
    .map(([scenario, trials], i) =>
      score(scenario, historyVerdict, rules.history, slowHistory, trials, SEED + i),
    );

  const paired = [
    [simulatedPaired("simulated", SIM_PAIRED_NOISE, HOSTED_RUNNER_NOISE), MAIN],
    [
      simulatedPaired(
        "simulated + slow runners",
        `${SIM_PAIRED_NOISE}; 5 % of sessions whole-run +10–50 % (whole-run jumps, both sides)`,
        WITH_SLOW_RUNNERS,
      ),
      SIDE,
    ],
    [
      realPaired(
        "real A/A, wall time",
        `${REAL_NOISE}; A B A B … fresh processes; sessions without the added load`,
        data,
        (s) => !s.load,
      ),
      MAIN,
    ],
    [
      realPaired(
        "real A/A, CPU time",
        `${REAL_NOISE}; CPU time of the process; sessions without the added load`,
        cpuData,
        (s) => !s.load,
      ),
      SIDE,
    ],
    [
      realPaired(
        "real A/A, wall time, sessions under added load",
        `${REAL_NOISE}; A B A B … while a second process burns a core`,
        data,
        (s) => s.load,
      ),
      SIDE,
    ],
  ] as const;
  const pairedScores = paired
    .filter(([scenario]) => scenario.pool !== 0)
    .map(([scenario, trials], i) =>
      score(scenario, pairedVerdict, rules.paired, slowPaired, trials, SEED + 100 + i),
    );

  const out = [
    `History mode: ${HISTORY_RUNS}-run history, ${HISTORY_ROUNDS} rounds per run. Paired mode: ${PAIRS} pairs.`,
    "Each trial is one benchmark; a slowdown multiplies the current (head) side. perfgate's alert is",
    "any graded finding (regression or improvement); its build fails on Critical (the default",
    "`--fail-on critical`). The competitors fail the build on every alert (`fail-on-alert`).",
    "The reference rows are textbook t tests on the same trials (no outlier handling, no grading):",
    "they show how much power the noise leaves at a 5 % two-sided false-alarm level.",
    "",
    qualityTable("History mode", historyScores),
    "",
    qualityTable("Paired mode", pairedScores),
    "",
    ...historyScores
      .filter((s) => s.trials.confusion > 0)
      .flatMap((s) => [confusionTable("History", s), ""]),
    ...pairedScores
      .filter((s) => s.trials.confusion > 0)
      .flatMap((s) => [confusionTable("Paired", s), ""]),
    "### Scenarios",
    "",
    scenarioTable([
      ...historyScores.map((s) => ({ mode: "history", s })),
      ...pairedScores.map((s) => ({ mode: "paired", s })),
    ]),
    "",
    "### Targets (issue 2)",
    "",
    targets(historyScores, pairedScores),
    "",
    ...(await sameRunnerSection(paired, historyScores, pairedScores)),
    ...shapes,
    `Seed ${SEED}, scale ${scale}, ${(elapsed() / 1000).toFixed(1)} s.`,
  ];
  console.log(out.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Same-runner A/B (issue 5; owned with src/ab/): the sequential sampler on the paired
// trials of the main scenarios, beside history mode and paired mode at a fixed 20 pairs.
// ---------------------------------------------------------------------------------------

/** A/A sessions and sessions per slowdown: each session is up to 4 looks of compare(). */
const SEQUENTIAL = { none: n(1000), power: n(300) };

async function sameRunnerSection(
  scenarios: readonly (readonly [Parameters<typeof scoreSequential>[0], Trials])[],
  historyScores: ReturnType<typeof score>[],
  pairedScores: ReturnType<typeof score>[],
): Promise<string[]> {
  const main = scenarios.filter(([s, trials]) => trials === MAIN && s.pool !== 0);
  const seq: SequentialScore[] = [];
  for (const [i, [scenario]] of main.entries())
    seq.push(await scoreSequential(scenario, SEQUENTIAL, SEED + 200 + i));
  const at = AB_SLOWDOWNS.map((s) => SLOWDOWNS.indexOf(s));
  const fixed = [
    ...historyScores.map((s) => ({ mode: "history (20 runs × 5 rounds)", s })),
    ...pairedScores.map((s) => ({ mode: "paired, fixed 20 pairs", s })),
  ]
    .filter(({ s }) => seq.some((q) => q.scenario === s.scenario))
    .map(({ mode, s }) => ({
      mode,
      scenario: s.scenario,
      anyGrade: anyGradeRate(s),
      critical: s.none.critical / s.trials.none,
      power: at.map((k) => s.power[k] ?? 0),
    }));
  return [
    "### Same-runner A/B (issue 5): sequential sampling beside history and fixed paired mode",
    "",
    "`perfgate ab`'s sampler (looks at 8, 12, 16, 20 pairs, each at α/4 = 1.25 %, Critical at",
    "0.001/4; stops when every interval is clear of the 5 % tolerance and the 40 % Critical line)",
    `fed the same paired trials in order; ${SEQUENTIAL.none} A/A sessions and ${SEQUENTIAL.power} per slowdown.`,
    'Power is P(graded regression); "significant at 5 %" counts any significant slowdown.',
    "",
    sequentialTable(seq, fixed),
    "",
    "### Targets (issue 5)",
    "",
    sequentialTargets(seq),
    "",
  ];
}
