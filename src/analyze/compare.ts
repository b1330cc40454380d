/**
 * compare(): the verdict engine. Pure: the same input (and seed) gives the same report.
 *
 *   baseline runs ─┐                       ┌─ Holm over all compared metrics ─┐
 *                  ├─ per metric: model ───┤                                   ├─ grade, limits,
 *   current run  ──┘  (history | paired)   └─ Holm over all trends ────────────┘  flags, order
 *
 * Modes: "paired" when asked; "no-baseline" with no baseline run; "unknown-noise" with
 * fewer than MIN_HISTORY_FOR_NOISE runs; "history" otherwise.
 */
import { DEFAULT_FAIL_ON, MIN_HISTORY_FOR_NOISE, SEVERITIES } from "../model/defaults.js";
import type { Results } from "../model/types.js";
import type { Analysis } from "./analysis.js";
import { analyseHistory } from "./historyAnalysis.js";
import { bonferroni, holmAdjust } from "./holm.js";
import { collectRuns, type MetricRuns, usable } from "./observations.js";
import { compareFindings, countFindings, worstRegression } from "./order.js";
import { analysePaired, pairingOf } from "./pairedAnalysis.js";
import { minPairsFor } from "./pairedModel.js";
import { baseThresholds, policyFor } from "./rules.js";
import { type Grade, grade, pctAbs, worseChange } from "./severity.js";
import { median } from "./summary.js";
import type { CompareInput, Finding, Mode, Report, Trend } from "./types.js";

function modeOf(input: CompareInput): Mode {
  if (input.paired) return "paired";
  if (input.baseline.length === 0) return "no-baseline";
  if (input.baseline.length < MIN_HISTORY_FOR_NOISE) return "unknown-noise";
  return "history";
}

function ceilingGbps(files: readonly Results[]): number | undefined {
  const value = files[0]?.environment?.ceilingGbps;
  return typeof value === "number" && value > 0 ? value : undefined;
}

/** Present in the newest baseline run (history) or any base file (paired), absent now. */
function isMissing(base: MetricRuns, paired: boolean): boolean {
  return paired
    ? base.runs.some((r) => r !== undefined)
    : base.runs[base.runs.length - 1] !== undefined;
}

function bare(
  a: Pick<Finding, "benchmark" | "metric" | "unit" | "direction">,
): Omit<Finding, "verdict" | "reason"> {
  return {
    benchmark: a.benchmark,
    metric: a.metric,
    unit: a.unit,
    direction: a.direction,
    flags: [],
    series: [],
  };
}

/** A limit from the config that the current centre breaches. */
function breachedLimit(a: Analysis): Finding["limit"] {
  const { min, max } = a.policy;
  if (a.current === undefined) return undefined;
  if (min !== undefined && a.current < min) return { bound: "min", value: min };
  if (max !== undefined && a.current > max) return { bound: "max", value: max };
  return undefined;
}

/** The half-width that would settle an inconclusive shift: enough to show it is real, or
 *  enough to show it stays under the Moderate line, whichever comes first. */
function halfWidthToDecide(a: Analysis, moderate: number): number {
  const shift = a.shift as NonNullable<Analysis["shift"]>;
  const sign = a.direction === "lower" ? 1 : -1;
  const worseLog = sign * shift.estimate;
  const moderateLog = a.direction === "lower" ? Math.log1p(moderate) : -Math.log1p(-moderate);
  return Math.max(Math.abs(worseLog), moderateLog - worseLog);
}

function trendOf(a: Analysis, pValue: number, adjusted: number): Trend | undefined {
  const estimate = a.trend;
  if (!estimate || Number.isNaN(pValue)) return undefined;
  const t = a.policy.thresholds;
  const totalChange = worseChange(estimate.logSlope * (estimate.runs - 1), a.direction);
  return {
    slopePerRun: Math.expm1(estimate.logSlope),
    totalChange,
    runs: estimate.runs,
    flagged: adjusted <= t.alpha && totalChange >= t.tolerance,
  };
}

export function compare(input: CompareInput): Report {
  const config = input.config;
  const mode = modeOf(input);
  const paired = mode === "paired";
  const thresholds = baseThresholds(config);
  const failOn = input.failOn ?? config?.failOn ?? DEFAULT_FAIL_ON;
  const warnings: string[] = [];
  const base = collectRuns(input.baseline);
  const current = collectRuns(input.current);
  const commits = input.baseline.map((r) => r.commit);
  const pairing = paired
    ? pairingOf(input.baseline.length, input.current.length, warnings)
    : undefined;
  if (mode === "no-baseline")
    warnings.push("no baseline yet: the current values are listed and nothing is graded");
  if (mode === "unknown-noise") {
    warnings.push(
      `need ≥ ${MIN_HISTORY_FOR_NOISE} baseline runs to learn the noise; have ${input.baseline.length}: only changes past the wide default margin are graded`,
    );
  }

  const findings: Finding[] = [];
  const analyses: Analysis[] = [];
  for (const [key, cur] of current) {
    const policy = policyFor(config, cur.benchmark, cur.metric);
    const b = base.get(key);
    if (policy.ignore) {
      findings.push({
        ...bare(cur),
        verdict: "unchanged",
        ignored: true,
        reason: "ignored by a rule in the config",
      });
      continue;
    }
    const hasBase = b?.runs.some((r) => r !== undefined && usable(r).length > 0) ?? false;
    if (!hasBase) {
      const values = usable(cur.runs.flatMap((r) => r ?? []));
      findings.push({
        ...bare(cur),
        verdict: "new",
        current: values.length > 0 ? median(values) : undefined,
        reason: mode === "no-baseline" ? "no baseline yet" : "not in the baseline",
      });
      continue;
    }
    const ctx = { policy, ceilingGbps: ceilingGbps(input.current), commits };
    analyses.push(
      paired && pairing && b ? analysePaired(b, cur, ctx, pairing) : analyseHistory(b, cur, ctx),
    );
  }
  for (const [key, b] of base) {
    if (current.has(key) || !isMissing(b, paired)) continue;
    const policy = policyFor(config, b.benchmark, b.metric);
    if (policy.ignore) continue;
    findings.push({
      ...bare(b),
      verdict: "missing",
      reason: "in the baseline but not in this run",
    });
    warnings.push(
      `'${b.benchmark}' ${b.metric} is in the baseline but not in this run: renamed or removed?`,
    );
  }

  // Multiple testing: one family for the changes, one for the trends.
  const pValues = analyses.map((a) => a.shift?.pValue ?? Number.NaN);
  const adjusted = holmAdjust(pValues);
  const tested = pValues.filter((p) => !Number.isNaN(p)).length;
  const trendP = analyses.map((a) => a.trend?.pValue ?? Number.NaN);
  const trendAdjusted = holmAdjust(trendP);

  analyses.forEach((a, i) => {
    findings.push(
      finish(a, adjusted[i] as number, tested, trendP[i] as number, trendAdjusted[i] as number),
    );
  });

  if (paired) {
    const fewest = Math.min(...analyses.map((a) => a.pairs ?? Number.POSITIVE_INFINITY));
    const needed = minPairsFor(thresholds.alpha / Math.max(1, tested));
    if (Number.isFinite(fewest) && fewest < needed) {
      warnings.push(
        `need ≥ ${needed} pairs for any change to be significant over ${tested} metric${tested === 1 ? "" : "s"}; have ${fewest}`,
      );
    }
  }
  findings.sort(compareFindings);
  const worst = worstRegression(findings);
  const failing =
    failOn !== "never" &&
    worst !== "none" &&
    SEVERITIES.indexOf(worst) >= SEVERITIES.indexOf(failOn);
  const rounds = Math.max(
    0,
    ...[...current.values()].map((m) => m.runs.reduce((n, r) => n + (r?.length ?? 0), 0)),
  );
  const first = input.current[0];
  return {
    suite: first?.suite ?? input.baseline[0]?.suite ?? "",
    mode,
    status: failing ? "fail" : "pass",
    worst,
    failOn,
    counts: countFindings(findings),
    findings,
    warnings,
    baseline: {
      runs: input.baseline.length,
      commits: commits.filter((c): c is string => c !== undefined),
    },
    current: {
      rounds,
      commit: first?.commit,
      ref: first?.ref,
      environment: first?.environment ?? {},
    },
    thresholds,
  };
}

/** Grade one analysed metric once the family's adjusted p-values are known. */
function finish(
  a: Analysis,
  adjustedP: number,
  tested: number,
  trendP: number,
  trendAdjusted: number,
): Finding {
  const t = a.policy.thresholds;
  const finding: Finding = {
    ...bare(a),
    verdict: "unchanged",
    baseline: a.baseline,
    current: a.current,
    flags: a.flags,
    series: a.series,
    reason: "",
    trend: trendOf(a, trendP, trendAdjusted),
  };
  const limit = breachedLimit(a);
  if (!a.shift) {
    finding.verdict = "inconclusive";
    finding.reason = a.unavailable ?? "nothing to compare";
  } else {
    const shift = a.shift;
    const g: Grade = grade({
      shift,
      direction: a.direction,
      thresholds: t,
      adjustedP,
      strictP: bonferroni((a.criticalShift ?? shift).pValue, tested),
      criticalShift: a.criticalShift,
      gradeFloor: a.gradeFloor,
    });
    finding.verdict = g.verdict;
    finding.severity = g.severity;
    finding.reason = g.reason;
    finding.change = {
      estimate: Math.expm1(shift.estimate),
      low: Math.expm1(shift.low),
      high: Math.expm1(shift.high),
      level: shift.level,
      pValue: shift.pValue,
      adjustedPValue: adjustedP,
    };
    const detectable = shift.halfWidthAt(1 - t.alpha / Math.max(1, tested));
    if (detectable !== undefined) {
      finding.minDetectable = Math.max(Math.expm1(detectable), t.tolerance, t.minor, a.gradeFloor);
    }
    if (g.verdict === "inconclusive") {
      const { rounds, advice } = a.toDecide(
        halfWidthToDecide(a, t.moderate),
        t.alpha / Math.max(1, tested),
      );
      finding.roundsToDecide = rounds;
      finding.reason += `; ${advice}`;
    }
  }
  if (limit) {
    finding.verdict = "regression";
    finding.severity = "critical";
    finding.limit = limit;
    finding.reason = `breaches the configured ${limit.bound === "min" ? "minimum" : "maximum"} of ${limit.value} ${a.unit}`;
  }
  if (a.notes.length > 0) finding.reason = `${a.notes.join("; ")}; ${finding.reason}`;
  if (finding.trend?.flagged) {
    finding.reason += `; creeping ${pctAbs(finding.trend.totalChange)} worse over ${finding.trend.runs} runs`;
  }
  return finding;
}
