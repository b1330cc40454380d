/**
 * The sentences around the tables: the one-line verdict, the counts, what kind of
 * comparison this was, and the footnote. Plain text with the outside parts left raw; each
 * dialect escapes and decorates them.
 */
import { shortCommit } from "../analyze/historyChanges.js";
import type { Finding, Report } from "../analyze/types.js";
import { MIN_HISTORY_FOR_NOISE, SEVERITIES, UNKNOWN_NOISE_MARGIN } from "../model/defaults.js";
import { settingNoteText } from "../model/settings.js";
import type { Collection, Environment } from "../model/types.js";
import { median } from "../util/quantiles.js";
import { formatPercent, formatSize } from "./format.js";
import { capitalize, type Tone } from "./grades.js";
import { type Tally, tallyOf } from "./measurements.js";

export interface Headline {
  /** The worst severity, "improvement"-free: what colour the verdict is. */
  tone: Tone | "pass" | "fail";
  text: string;
}

/** 9800 → "9,800": counts in the thousands are common (10,000 benchmarks × 3 metrics). */
export const count = (n: number) => n.toLocaleString("en-US");

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${count(n)} ${n === 1 ? one : many}`;

function gateText(report: Report, hasRegressions: boolean): string {
  if (report.status === "fail") return "the gate fails";
  if (report.failOn === "never") return "the gate passes (fail-on: never)";
  if (report.hiccup) return "the gate passes: it looks like a runner hiccup, re-run to confirm";
  const accepted = report.findings.filter((f) => f.accepted).length;
  if (accepted > 0) return `the gate passes: ${plural(accepted, "failing grade")} accepted`;
  if (hasRegressions) return `the gate passes (it fails at ${report.failOn})`;
  return "the gate passes";
}

export interface HeadlineOptions {
  /** How outside text (a benchmark, a commit, a branch) is set: a code span in Markdown,
   *  as it is (control characters removed by the caller) in a terminal or a check title. */
  quote?: (text: string) => string;
  /** The report's counts, when the caller has them already (one pass over 30,000 findings
   *  is not free). */
  tally?: Tally;
}

/** refs/heads/main → main; other refs and names as given. */
export function branchName(ref: string): string {
  return ref.replace(/^refs\/heads\//, "");
}

/** "head `abc1234` against 20 runs of `main`": what was compared with what, in a phrase. */
export function comparisonText(report: Report, quote: (text: string) => string): string {
  const head = report.current.commit
    ? `head ${quote(shortCommit(report.current.commit))}`
    : "this run";
  if (report.mode === "paired")
    return `${head} against base, ${plural(report.current.rounds, "pair")} run back to back on one runner`;
  const of = report.baseline.ref ? quote(branchName(report.baseline.ref)) : "the baseline";
  return `${head} against ${plural(report.baseline.runs, "run")} of ${of}`;
}

/** "+53.1%": the estimate of a change, for the headline. */
function changeText(f: Finding): string {
  return f.change ? formatPercent(f.change.estimate) : "";
}

/**
 * One sentence: the verdict, the worst change and what was compared, e.g. "Critical
 * regression in 11 of 12 benchmarks, 1 more at lower grades, worst `sort/strings` time
 * +53.1% — the gate fails; head `abc1234` against 20 runs of `main`". Benchmarks are
 * counted by their worst measurement (measurements.ts), as the table's rows are.
 */
export function headline(report: Report, options: HeadlineOptions = {}): Headline {
  const quote = options.quote ?? ((text: string) => text);
  const tally = options.tally ?? tallyOf(report.findings);
  const benchmarks = tally.rows.length;
  if (report.information) {
    const changed = tally.rows.filter(
      (r) => r.worst.verdict === "regression" || r.worst.verdict === "improvement",
    ).length;
    return {
      tone: "neutral",
      text: `Information only: ${count(changed)} of ${plural(benchmarks, "benchmark")} differ from the baseline — ${report.information}`,
    };
  }
  if (report.mode === "no-baseline") {
    return {
      tone: "neutral",
      text: `No baseline yet: recorded ${plural(tally.measurements.length, "measurement")} of ${plural(benchmarks, "benchmark")}, nothing compared — ${gateText(report, false)}`,
    };
  }
  const compared = comparisonText(report, quote);
  const bySeverity = new Map<string, number>();
  let regressed = 0;
  let undecided = 0;
  for (const row of tally.rows) {
    if (row.worst.verdict === "inconclusive") undecided++;
    if (row.worst.verdict !== "regression") continue;
    regressed++;
    const s = row.worst.severity ?? "minor";
    bySeverity.set(s, (bySeverity.get(s) ?? 0) + 1);
  }
  const worst = SEVERITIES.slice()
    .reverse()
    .find((s) => (bySeverity.get(s) ?? 0) > 0);
  if (!worst) {
    const extra = undecided > 0 ? ` (${count(undecided)} inconclusive)` : "";
    return {
      tone: report.status === "fail" ? "fail" : "pass",
      text: `No regressions in ${plural(benchmarks, "benchmark")}${extra} — ${gateText(report, false)}; ${compared}`,
    };
  }
  const atWorst = bySeverity.get(worst) ?? 0;
  const lower = regressed - atWorst;
  const more = lower > 0 ? `, ${count(lower)} more at lower grades` : "";
  const top = tally.rows[0]?.worst as Finding;
  const example =
    `, worst ${quote(top.benchmark)} ${quote(top.metric)} ${changeText(top)}`.trimEnd();
  return {
    tone: worst,
    text: `${capitalize(worst)} regression in ${count(atWorst)} of ${plural(benchmarks, "benchmark")}${more}${example} — ${gateText(report, true)}; ${compared}`,
  };
}

/** One entry per non-zero count, worst first: [tone, "2 critical"]. Measurements are
 *  counted, a metric and its reciprocal once (measurements.ts), as the gate decides. */
export function countParts(
  tally: Pick<Tally, "byVerdict" | "bySeverity"> & Partial<Pick<Tally, "information">>,
): Array<[Tone, string]> {
  const { byVerdict: counts, bySeverity } = tally;
  const parts: Array<[Tone, string]> = [];
  for (const s of [...SEVERITIES].reverse())
    if (bySeverity[s]) parts.push([s, `${count(bySeverity[s])} ${s}`]);
  const { worse, better } = tally.information ?? { worse: 0, better: 0 };
  if (worse) parts.push(["neutral", `${count(worse)} worse here`]);
  if (better) parts.push(["neutral", `${count(better)} better here`]);
  if (counts.inconclusive)
    parts.push(["inconclusive", `${count(counts.inconclusive)} inconclusive`]);
  if (counts.improvement - better)
    parts.push(["improvement", plural(counts.improvement - better, "improvement")]);
  if (counts.unchanged) parts.push(["neutral", `${count(counts.unchanged)} unchanged`]);
  if (counts.new) parts.push(["neutral", `${count(counts.new)} new`]);
  if (counts.missing) parts.push(["neutral", `${count(counts.missing)} missing`]);
  return parts;
}

/** Whether modeLine says more than the headline's comparison: only when the baseline is
 *  thin or missing (the verdict's caveat); otherwise it would say the same thing twice. */
export function needsModeLine(report: Report): boolean {
  return report.mode === "unknown-noise" || report.mode === "no-baseline";
}

/** What was compared with what, and how far the verdict can be trusted. */
export function modeLine(report: Report): string {
  const runs = plural(report.baseline.runs, "baseline run");
  const rounds = plural(report.current.rounds, "round");
  switch (report.mode) {
    case "history":
      return `Compared ${rounds} of this run with the history of the last ${runs}; the noise is learned from their spread.`;
    case "paired":
      return `Compared ${plural(report.current.rounds, "pair")} of base and head run back to back on one runner.`;
    case "unknown-noise":
      return `Only ${runs}: the noise is unknown, so only changes past ${formatSize(UNKNOWN_NOISE_MARGIN)} are graded. The verdict sharpens from ${MIN_HISTORY_FOR_NOISE} baseline runs on.`;
    case "no-baseline":
      return "There is no baseline for this suite yet: these values are recorded and nothing is graded. Baselines are saved from pushes to the baseline branch.";
  }
}

/** "GitHub Actions ubuntu-24.04 · linux x64 · AMD EPYC (4 CPUs) · Node v24.1.0". */
export function environmentText(env: Environment): string {
  const cpu = env.cpuModel
    ? `${env.cpuModel}${env.cpus ? ` (${plural(env.cpus, "CPU")})` : ""}`
    : env.cpus
      ? plural(env.cpus, "CPU")
      : undefined;
  const system = [env.os, env.arch].filter(Boolean).join(" ");
  const parts = [env.runner, system, cpu, env.node ? `Node ${env.node}` : undefined];
  return parts.filter((p): p is string => Boolean(p)).join(" · ") || "unknown";
}

/** "4.2%", or "4.2% median (3.1%–8.4%)" when metrics differ. */
export function minDetectableText(findings: readonly Finding[]): string | undefined {
  // A typed array's own numeric sort, several times faster than a comparator on 30,000.
  // Same order for finite numbers, except that it puts −0 before +0, which print alike.
  const finite: number[] = [];
  for (const f of findings) {
    const v = f.minDetectable;
    if (v !== undefined && Number.isFinite(v)) finite.push(v);
  }
  const values = Float64Array.from(finite).sort();
  if (values.length === 0) return undefined;
  const low = values[0] as number;
  const high = values[values.length - 1] as number;
  if (formatSize(low) === formatSize(high)) return formatSize(low);
  return `${formatSize(median(values))} median (${formatSize(low)}–${formatSize(high)})`;
}

export { shortCommit };

/** "collected in 61.5 s: 5 rounds of 12.3 s (11.9–12.8 s), build 3.1 s" — what the rounds cost,
 *  so a `command:` that runs `cargo bench` once per round says so (issue 21 §8). */
export function collectionText(c: Collection): string {
  const seconds = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} s`;
  const sorted = [...c.roundSeconds].sort((a, b) => a - b);
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  const spread =
    low !== undefined && high !== undefined && seconds(low) !== seconds(high)
      ? ` (${seconds(low)}–${seconds(high)})`
      : "";
  const rounds =
    sorted.length > 0
      ? `: ${plural(sorted.length, "round")} of ${seconds(median(sorted))}${spread}`
      : "";
  const build = c.buildSeconds !== undefined ? `, build ${seconds(c.buildSeconds)}` : "";
  return `collected in ${seconds(c.seconds)}${rounds}${build}`;
}

/** The footnote's facts, as raw text: environment, rounds, history, sensitivity, commit. */
export function footnoteItems(report: Report): string[] {
  const paired = report.mode === "paired";
  const items = [
    `Environment: ${environmentText(report.current.environment)}`,
    `${paired ? "pairs" : "rounds"}: ${count(report.current.rounds)}`,
  ];
  const { collection } = report.current;
  if (collection) items.push(collectionText(collection));
  // In paired mode the "baseline runs" are the base side's rounds, already counted as pairs.
  if (!paired) items.push(`history: ${plural(report.baseline.runs, "run")}`);
  const detectable = minDetectableText(report.findings);
  if (detectable) items.push(`smallest detectable change: ${detectable}`);
  if (report.current.commit) items.push(`commit ${shortCommit(report.current.commit)}`);
  if (report.current.ref) items.push(`ref ${report.current.ref}`);
  // Only what differs from the built-in defaults, with its source: `fail-on: severe (.perfgate.yml)`.
  for (const note of report.settings ?? []) items.push(settingNoteText(note));
  return items;
}
