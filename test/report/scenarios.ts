/** Representative reports, pinned by snapshots in every format. */
import type { Report } from "../../src/analyze/types.js";
import { finding, regression, report, unchanged } from "./builders.js";

const throughput = {
  benchmark: "tcp/throughput",
  metric: "throughput",
  unit: "Gbit/s",
  direction: "higher" as const,
};

export const SCENARIOS = {
  "all-clear": report(unchanged(4)),

  "mixed grades": report(
    [
      // Deliberately out of order: the renderers sort.
      regression("minor", { benchmark: "json/parse" }),
      regression("critical", {
        ...throughput,
        baseline: 9.41,
        current: 4.2,
        change: {
          estimate: -0.554,
          low: -0.6,
          high: -0.5,
          level: 0.95,
          pValue: 1e-7,
          adjustedPValue: 1e-6,
        },
        series: [9.38, 9.45, 9.41, 9.36, 9.44, 4.2],
      }),
      regression("severe", { benchmark: "tls/handshake", metric: "p99" }),
      regression("moderate", { benchmark: "http/keepalive", metric: "rtt" }),
      finding({
        verdict: "improvement",
        severity: "moderate",
        changeBy: -0.13,
        benchmark: "udp/echo",
      }),
      ...unchanged(3),
    ],
    {
      warnings: ["2 benchmarks in the baseline did not run this time: udp/burst, tcp/many"],
      baseline: { runs: 20, commits: [] },
    },
  ),

  "no-baseline": report(
    [
      finding({
        ...throughput,
        verdict: "new",
        baseline: undefined,
        current: 9.41,
        change: undefined,
        series: [9.41],
        minDetectable: undefined,
      }),
      finding({
        verdict: "new",
        baseline: undefined,
        change: undefined,
        series: [0.0125],
        minDetectable: undefined,
      }),
    ],
    { mode: "no-baseline", baseline: { runs: 0, commits: [] } },
  ),

  "unknown-noise": report(
    [
      regression("severe", { benchmark: "json/parse", changeBy: 0.32, minDetectable: 0.2 }),
      finding({ benchmark: "json/stringify", changeBy: 0.09, minDetectable: 0.2 }),
    ],
    {
      mode: "unknown-noise",
      baseline: { runs: 2, commits: [] },
      warnings: ["only 2 baseline runs: the noise is unknown until there are 3"],
    },
  ),

  paired: report(
    [
      regression("minor", {
        benchmark: "json/parse",
        changeBy: 0.061,
        spread: 0.01,
        minDetectable: 0.03,
      }),
      finding({ benchmark: "json/stringify", changeBy: 0.004, spread: 0.01, minDetectable: 0.03 }),
    ],
    { mode: "paired", current: { ...report([]).current, rounds: 12 } },
  ),

  inconclusive: report([
    finding({
      verdict: "inconclusive",
      changeBy: 0.08,
      spread: 0.12,
      roundsToDecide: 18,
      reason:
        "interval spans no change and Moderate; about 18 pairs in all would decide it (have 8)",
    }),
    finding({
      benchmark: "flaky",
      verdict: "inconclusive",
      changeBy: 0.3,
      spread: 0.5,
      roundsToDecide: 17.2,
      reason: "the interval spans no change and Severe",
    }),
    finding({
      benchmark: "fake",
      flags: [{ kind: "zero-variance", message: "5 rounds, all exactly 0.0125 s" }],
    }),
    finding({
      benchmark: "creep",
      trend: { slopePerRun: 0.011, totalChange: 0.17, runs: 16, flagged: true },
    }),
  ]),

  limits: report([
    regression("critical", {
      ...throughput,
      baseline: 1.2,
      current: 0.8,
      changeBy: -0.333,
      limit: { bound: "min", value: 1 },
      reason: "below the configured minimum of 1 Gbit/s",
    }),
    finding({
      benchmark: "missing/one",
      verdict: "missing",
      current: undefined,
      change: undefined,
    }),
  ]),
} satisfies Record<string, Report>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
