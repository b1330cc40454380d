/**
 * compare(): the verdict engine. Pure: the same input gives the same report. No model
 * resamples (the paired interval is an exact sign-flip inversion), so `seed` is accepted for
 * the contract but nothing random depends on it today; random.ts is there for any that will.
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
import { bare, finish } from "./finding.js";
import { hiccupWarning, repeatedJump } from "./hiccup.js";
import { analyzeHistory } from "./historyAnalysis.js";
import { shortCommit } from "./historyChanges.js";
import { holmAdjust } from "./holm.js";
import { collectRuns, type MetricRuns, usable } from "./observations.js";
import { compareFindings, countFindings, worstRegression } from "./order.js";
import { analyzePaired, pairingOf } from "./pairedAnalysis.js";
import { renameHint } from "./renames.js";
import { baseThresholds, dropForeignLimits, policyFor } from "./rules.js";
import { matchRunner } from "./runnerMatch.js";
import { analyzeScaling, scalingNotes } from "./scaling.js";
import { median } from "./summary.js";
import type { CompareInput, Finding, Mode, Report } from "./types.js";

/** The trimmed t test needs 2 pairs for one degree of freedom; with 2 the interval is the
 *  t(1) one, wide enough that only a near-constant ratio is significant. */
const MIN_PAIRS = 2;

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

export function compare(given: CompareInput): Report {
  // History mode compares like with like (runnerMatch.ts); paired runs share one machine.
  const match = given.paired ? undefined : matchRunner(given.baseline, given.current);
  const input = match ? { ...given, baseline: match.runs } : given;
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

  if (match?.note) warnings.push(match.note);

  const findings: Finding[] = [];
  const analyses: Analysis[] = [];
  /** History analyses whose newest baseline run looked like this run, and how to judge them
   *  again with that run as the start of a level (only if many series share it). */
  const again = new Map<number, () => Analysis>();
  for (const [key, cur] of current) {
    const policy = policyFor(config, cur.benchmark, cur.metric);
    const b = base.get(key);
    if (policy.direction) {
      cur.direction = policy.direction;
      if (b) b.direction = policy.direction;
    }
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
    warnings.push(...dropForeignLimits(policy, cur.benchmark, cur.metric, cur.unit));
    const ctx = {
      policy,
      ceilingGbps: ceilingGbps(input.current),
      commits,
      mixedRunners: match?.mixed ?? false,
    };
    if (paired && pairing && b) analyses.push(analyzePaired(b, cur, ctx, pairing));
    else {
      const analysis = analyzeHistory(b, cur, ctx);
      if (analysis.newestAlike !== undefined)
        again.set(analyses.length, () =>
          analyzeHistory(b, cur, { ...ctx, newestStartsLevel: true }),
        );
      analyses.push(analysis);
    }
  }
  // A runner hiccup passes; one that the next run repeats in the same series by the same
  // factor is a level that held, and is judged as one (hiccup.ts, repeatedJump).
  const held = mode === "history" ? repeatedJump(analyses) : undefined;
  if (held) {
    for (const i of held.indices) {
      const redo = again.get(i);
      if (redo) analyses[i] = redo();
    }
    const last = commits[commits.length - 1];
    const newest = last ? shortCommit(last) : "the newest baseline run";
    warnings.push(
      `${held.indices.length} of ${held.compared} metrics were about ${held.factor.toFixed(2)}× worse in ${newest} too, and this run repeats it: a level that held over two runs, not a passing runner hiccup, so it is judged as a change`,
    );
  }
  const missingNotes: string[] = [];
  for (const [key, b] of base) {
    if (current.has(key) || !isMissing(b, paired)) continue;
    const policy = policyFor(config, b.benchmark, b.metric);
    if (policy.ignore) continue;
    findings.push({
      ...bare(b),
      verdict: "missing",
      reason: "in the baseline but not in this run",
    });
    missingNotes.push(
      `'${b.benchmark}' ${b.metric} is in the baseline but not in this run: renamed or removed?`,
    );
  }
  // Missing and new benchmarks that pair up exactly: one "renamed?" line instead.
  const renamed = mode === "no-baseline" ? undefined : renameHint(findings);
  warnings.push(...(renamed ? [renamed] : missingNotes));

  // Scaling series ("…/n=N"): the growth with N is graded too, in the same family.
  if (mode !== "no-baseline") {
    const policyOf = (b: string, m: string) => policyFor(config, b, m);
    analyses.push(
      ...analyzeScaling(input.baseline, input.current, { paired, policyFor: policyOf }),
    );
  }
  warnings.push(...scalingNotes(input.current));

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
    if (Number.isFinite(fewest) && fewest < MIN_PAIRS) {
      warnings.push(
        `need ≥ ${MIN_PAIRS} pairs for an interval; have ${fewest}: nothing can be significant`,
      );
    }
  }
  if ((mode === "history" || mode === "unknown-noise") && !held) {
    const hiccup = hiccupWarning(findings);
    if (hiccup) warnings.push(hiccup);
  }
  findings.sort(compareFindings);
  const worst = worstRegression(findings);
  const failing =
    failOn !== "never" &&
    worst !== "none" &&
    SEVERITIES.indexOf(worst) >= SEVERITIES.indexOf(failOn);
  // Rounds of the current run; in paired mode the pairs that entered the model.
  let rounds = 0;
  if (paired) for (const a of analyses) rounds = Math.max(rounds, a.pairs ?? 0);
  else {
    for (const m of current.values()) {
      let n = 0;
      for (const r of m.runs) n += r?.length ?? 0;
      rounds = Math.max(rounds, n);
    }
  }
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
    ...(held ? { hiccupHeld: true } : {}),
    baseline: {
      runs: input.baseline.length,
      commits: commits.filter((c): c is string => c !== undefined),
      ...baselineOrigin(input.baseline),
    },
    current: {
      rounds,
      commit: first?.commit,
      ref: first?.ref,
      environment: first?.environment ?? {},
      ...(first?.collection ? { collection: first.collection } : {}),
    },
    thresholds,
  };
}

/** Where the baseline runs came from: their ref and CPU models, for the report's headline. */
function baselineOrigin(runs: readonly Results[]): Pick<Report["baseline"], "ref" | "machines"> {
  const ref = runs.at(-1)?.ref;
  const byModel = new Map<string, number>();
  for (const r of runs) {
    const model = r.environment?.cpuModel;
    if (typeof model === "string" && model.trim() !== "")
      byModel.set(model.trim(), (byModel.get(model.trim()) ?? 0) + 1);
  }
  const machines = [...byModel]
    .map(([cpuModel, n]) => ({ cpuModel, runs: n }))
    .sort((a, b) => b.runs - a.runs);
  return { ...(ref ? { ref } : {}), ...(machines.length > 0 ? { machines } : {}) };
}
