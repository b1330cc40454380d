/**
 * The methods the verdict benchmark scores, each turning one trial into what the user would
 * see: perfgate's grade (from the real `compare()`), or a competitor's alert.
 */
import type { CompareInput, Report, Verdict } from "../../src/analyze/types.js";
import type { Severity } from "../../src/model/defaults.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import { median } from "../../src/util/quantiles.js";
import {
  bencherTTestAlerts,
  githubActionBenchmarkAlerts,
  mean,
  pairedTTestAlerts,
  predictionIntervalAlerts,
} from "./rules.js";
import type { HistoryTrial, PairedTrial } from "./scenarios.js";

/** What perfgate said about the one benchmark of a trial. */
export type Given = "improved" | "none" | "inconclusive" | Severity;

export const GIVEN_ORDER: Given[] = [
  "improved",
  "none",
  "inconclusive",
  "minor",
  "moderate",
  "severe",
  "critical",
];

const BENCHMARK = "bench";
const METRIC = "time";

function results(samples: number[], commit: string): Results {
  return {
    schema: RESULTS_SCHEMA,
    suite: "verdict-bench",
    commit,
    timestamp: "2026-01-01T00:00:00Z",
    environment: {},
    benchmarks: [
      { name: BENCHMARK, metrics: { [METRIC]: { unit: "s", direction: "lower", samples } } },
    ],
  };
}

export function historyInput(trial: HistoryTrial, seed: number): CompareInput {
  return {
    baseline: trial.history.map((rounds, i) => results(rounds, `base${i}`)),
    current: [results(trial.current, "head")],
    seed,
  };
}

export function pairedInput(trial: PairedTrial, seed: number): CompareInput {
  return {
    baseline: trial.base.map((rounds, i) => results(rounds, `base${i}`)),
    current: trial.head.map((rounds, i) => results(rounds, `head${i}`)),
    paired: true,
    seed,
  };
}

/** perfgate's answer on one trial. */
export interface Answer {
  given: Given;
  /** The change is significant (Holm-adjusted p below the report's alpha) and worse, whatever
   *  its size: statistical detection, before the tolerance and the bands are applied. */
  significantWorse: boolean;
}

export function answerOf(report: Report): Answer {
  const finding = report.findings.find((f) => f.benchmark === BENCHMARK && f.metric === METRIC);
  if (!finding) throw new Error("compare() returned no finding for the benchmark");
  const change = finding.change;
  const worse =
    change !== undefined &&
    (finding.direction === "lower" ? change.estimate > 0 : change.estimate < 0);
  const significantWorse =
    worse && change !== undefined && change.adjustedPValue < report.thresholds.alpha;
  return { given: givenOf(finding.verdict, finding.severity), significantWorse };
}

function givenOf(verdict: Verdict, severity: Severity | undefined): Given {
  if (verdict === "regression") return severity ?? "minor";
  if (verdict === "improvement") return "improved";
  if (verdict === "inconclusive") return "inconclusive";
  return "none";
}

/** A competitor's rule on a trial: true when it alerts (and, with fail-on-alert, fails). */
export interface Rule<T> {
  name: string;
  alerts(trial: T): boolean;
}

/** One number per run, as the tools those rules read report it: the mean of the rounds. */
const runValue = (rounds: readonly number[]) => mean(rounds);

/** The reference tests use each run's (file's) median, as perfgate does. */
function fileValue(rounds: readonly number[]): number {
  return median(rounds);
}

export function historyRules(): Rule<HistoryTrial>[] {
  const last = (t: HistoryTrial) => runValue(t.history[t.history.length - 1] ?? []);
  return [
    {
      name: "github-action-benchmark 200 %",
      alerts: (t) => githubActionBenchmarkAlerts(last(t), runValue(t.current), "lower", 2),
    },
    {
      name: "github-action-benchmark 110 %",
      alerts: (t) => githubActionBenchmarkAlerts(last(t), runValue(t.current), "lower", 1.1),
    },
    {
      name: "Bencher t-test 99 %",
      alerts: (t) => bencherTTestAlerts(t.history.map(runValue), runValue(t.current), "lower"),
    },
    {
      name: "reference: 95 % t prediction interval (log)",
      alerts: (t) =>
        predictionIntervalAlerts(t.history.map(fileValue), fileValue(t.current), "lower"),
    },
  ];
}

/**
 * In paired mode the competitors have no notion of pairs: github-action-benchmark compares
 * the base side's value with the head side's (its pull-request workflow), and Bencher treats
 * the base side's files as its history and the head side's mean as the new value.
 */
export function pairedRules(): Rule<PairedTrial>[] {
  const side = (files: number[][]) => runValue(files.flat());
  return [
    {
      name: "github-action-benchmark 200 %",
      alerts: (t) => githubActionBenchmarkAlerts(side(t.base), side(t.head), "lower", 2),
    },
    {
      name: "github-action-benchmark 110 %",
      alerts: (t) => githubActionBenchmarkAlerts(side(t.base), side(t.head), "lower", 1.1),
    },
    {
      name: "Bencher t-test 99 %",
      alerts: (t) => bencherTTestAlerts(t.base.map(runValue), side(t.head), "lower"),
    },
    {
      name: "reference: paired t-test 95 % (log ratios)",
      alerts: (t) => pairedTTestAlerts(t.base.map(fileValue), t.head.map(fileValue), "lower"),
    },
  ];
}
