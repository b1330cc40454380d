/**
 * Same-runner A/B as `perfgate ab` runs it (issue 5): the real sequential sampler
 * (src/ab/sampler.ts) — looks at 8, 12, 16, 20 pairs at Bonferroni-split levels, stopping
 * when every interval is clear — fed the pairs of the verdict benchmark's paired trials in
 * order, instead of always taking all 20. Scored like harness.ts: false alarms with no
 * change, power at injected slowdowns (common random numbers), and the pairs it spent.
 */
import { DEFAULT_LOOKS, DEFAULT_MAX_PAIRS, DEFAULT_MIN_PAIRS } from "../../src/ab/defaults.js";
import { type SamplingPlan, sample } from "../../src/ab/sampler.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import { createRandom } from "./random.js";
import { type PairedTrial, type Scenario, slowPaired } from "./scenarios.js";
import { markdownTable, percent } from "./table.js";
import { answerOf, type Given } from "./verdicts.js";

/** Slowdowns the issue asks power for. */
export const AB_SLOWDOWNS = [0.02, 0.05, 0.1, 0.2];

export interface SequentialScore {
  scenario: string;
  trials: { none: number; power: number };
  anyGrade: number;
  critical: number;
  pairsNone: number;
  power: number[];
  detected: number[];
  pairsAt: number[];
}

function round(samples: number[], commit: string): Results {
  return {
    schema: RESULTS_SCHEMA,
    suite: "verdict-bench",
    commit,
    timestamp: "2026-01-01T00:00:00Z",
    environment: {},
    benchmarks: [{ name: "bench", metrics: { time: { unit: "s", direction: "lower", samples } } }],
  };
}

const REGRESSION: ReadonlySet<Given> = new Set(["minor", "moderate", "severe", "critical"]);

async function run(trial: PairedTrial, seed: number) {
  const plan: SamplingPlan = {
    minPairs: DEFAULT_MIN_PAIRS,
    maxPairs: Math.min(DEFAULT_MAX_PAIRS, trial.base.length),
    looks: DEFAULT_LOOKS,
    maxTimeMs: Number.POSITIVE_INFINITY,
    seed,
  };
  const s = await sample({
    plan,
    now: () => 0,
    runSide: (side, pair) =>
      Promise.resolve(round((side === "base" ? trial.base : trial.head)[pair] ?? [], side)),
  });
  return { answer: answerOf(s.report), pairs: s.pairs };
}

export async function scoreSequential(
  scenario: Scenario<PairedTrial>,
  trials: { none: number; power: number },
  seed: number,
): Promise<SequentialScore> {
  const random = createRandom(seed);
  let anyGrade = 0;
  let critical = 0;
  let pairsNone = 0;
  const graded = AB_SLOWDOWNS.map(() => 0);
  const detected = AB_SLOWDOWNS.map(() => 0);
  const pairsAt = AB_SLOWDOWNS.map(() => 0);
  for (let i = 0; i < trials.none; i++) {
    const trial = scenario.draw(random);
    const aa = await run(trial, seed + i);
    if (aa.answer.given === "improved" || REGRESSION.has(aa.answer.given)) anyGrade++;
    if (aa.answer.given === "critical") critical++;
    pairsNone += aa.pairs;
    if (i >= trials.power) continue;
    for (const [k, slowdown] of AB_SLOWDOWNS.entries()) {
      const ab = await run(slowPaired(trial, slowdown), seed + i);
      if (REGRESSION.has(ab.answer.given)) graded[k] = (graded[k] ?? 0) + 1;
      if (ab.answer.significantWorse) detected[k] = (detected[k] ?? 0) + 1;
      pairsAt[k] = (pairsAt[k] ?? 0) + ab.pairs;
    }
  }
  const per = (x: number) => x / Math.max(1, trials.power);
  return {
    scenario: scenario.name,
    trials,
    anyGrade: anyGrade / trials.none,
    critical: critical / trials.none,
    pairsNone: pairsNone / trials.none,
    power: graded.map(per),
    detected: detected.map(per),
    pairsAt: pairsAt.map(per),
  };
}

/** Same-runner rows beside the fixed-size rows (history, paired at 20) of the same scenario. */
export interface FixedRow {
  mode: string;
  scenario: string;
  anyGrade: number;
  critical: number;
  /** Power (graded regression) at AB_SLOWDOWNS, read from the harness's SLOWDOWNS. */
  power: number[];
}

export function sequentialTable(seq: SequentialScore[], fixed: FixedRow[]): string {
  const header = [
    "mode",
    "scenario",
    "P(any grade | A/A)",
    "P(Critical | A/A)",
    "pairs (A/A)",
    ...AB_SLOWDOWNS.map((s) => `power ${Math.round(s * 100)} %`),
    "significant at 5 %",
    "pairs at 5 %",
  ];
  const rows = [
    ...seq.map((s) => [
      "same-runner A/B (sequential)",
      s.scenario,
      percent(s.anyGrade),
      percent(s.critical),
      s.pairsNone.toFixed(1),
      ...s.power.map((p) => percent(p, 0)),
      percent(s.detected[1] ?? 0, 0),
      (s.pairsAt[1] ?? 0).toFixed(1),
    ]),
    ...fixed.map((f) => [
      f.mode,
      f.scenario,
      percent(f.anyGrade),
      percent(f.critical),
      f.mode.startsWith("paired") ? "20" : "–",
      ...f.power.map((p) => percent(p, 0)),
      "–",
      "–",
    ]),
  ];
  return markdownTable(header, rows);
}

export function sequentialTargets(seq: SequentialScore[]): string {
  return seq
    .flatMap((s) => [
      `- ${s.critical === 0 ? "✅" : "❌"} same-runner A/B, ${s.scenario}: P(Critical | A/A) = ${percent(s.critical)} over ${s.trials.none} sessions (= 0)`,
      `- ${(s.power[1] ?? 0) >= 0.8 ? "✅" : "❌"} same-runner A/B, ${s.scenario}: power at 5 % = ${percent(s.power[1] ?? 0)} with ≤ ${DEFAULT_MAX_PAIRS} pairs (mean ${(s.pairsAt[1] ?? 0).toFixed(1)}; ≥ 80 %; significant at any size: ${percent(s.detected[1] ?? 0)})`,
    ])
    .join("\n");
}
