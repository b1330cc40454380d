/**
 * What the dashboard shows, computed once from the histories (pure: no I/O, no clock).
 * Every series is one suite/benchmark/metric with one value per run (the median of its
 * rounds, as the verdict and `history changes` read it), the run's spread (its rounds'
 * smallest and largest), the expected range the verdict would have learned before each run
 * (analyze/expectedRange.ts), its graded change points (analyze/historyChanges.ts, accepted
 * ones marked by `.perfgate.yml` accept:) and, with a report, the pull request's point.
 */
import { expectedRanges, RANGE_DEFAULTS } from "../../analyze/expectedRange.js";
import {
  CHANGE_DEFAULTS,
  type ChangeOptions,
  type Series,
  type SeriesChange,
  seriesChanges,
} from "../../analyze/historyChanges.js";
import { collectRuns } from "../../analyze/observations.js";
import { median } from "../../analyze/summary.js";
import type { Report } from "../../analyze/types.js";
import { SEVERITIES, type Severity } from "../../model/defaults.js";
import type { Direction, Results } from "../../model/types.js";
import { displayScale, formatPercent, formatValue } from "../format.js";

/** One suite's history: its runs, oldest first. */
export interface SuiteHistory {
  suite: string;
  runs: readonly Results[];
}

/** The pull request's figures for one benchmark/metric (from a perfgate report). */
export interface PrFinding {
  benchmark: string;
  metric: string;
  current: number | null;
  verdict: string;
  severity: Severity | "none";
  change: number | null;
}

export interface PrPoint {
  suite: string;
  commit: string | null;
  findings: readonly PrFinding[];
}

/** A comparison's report as the point it adds to each chart. */
export function prPointOf(report: Report): PrPoint {
  return {
    suite: report.suite,
    commit: report.current.commit ?? null,
    findings: report.findings.map((f) => ({
      benchmark: f.benchmark,
      metric: f.metric,
      current: f.current ?? null,
      verdict: f.verdict,
      severity: f.severity ?? "none",
      change: f.change?.estimate ?? null,
    })),
  };
}

export interface DashboardInput {
  histories: readonly SuiteHistory[];
  report?: PrPoint;
  changes?: ChangeOptions;
  /** https://github.com/owner/repo: change points then link to their commit there. */
  repoUrl?: string;
  title: string;
  /** When the site was built (RFC 3339), passed in so the build stays pure. */
  generated: string;
}

/** A change point as the pages list it. */
export interface DashboardChange {
  series: string;
  run: number;
  commit: string | null;
  timestamp: string;
  before: number;
  after: number;
  change: number;
  kind: SeriesChange["kind"];
  severity: Severity;
  accepted: string | null;
}

/** What a series' row in the index shows. */
export type Grade = Severity | "improved" | "accepted" | "steady";

export interface IndexEntry {
  id: string;
  suite: string;
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  /** Which data file holds the series' detail. */
  shard: number;
  latest: number | null;
  latestText: string;
  /** The latest value against the centre of the range expected before it. */
  change: number | null;
  changeText: string;
  /** Whether the latest value lies outside the range expected before it. */
  outside: boolean;
  /** The newest change point's grade: a regression's severity, improved, accepted, or
   *  steady when the series has none. */
  grade: Grade;
  /** Run of the newest change point, -1 when none. */
  changedAt: number;
  /** Values for the sparkline (4 significant digits; null where a run lacks the metric). */
  spark: (number | null)[];
}

export interface SeriesDetail {
  id: string;
  /** Per run: value, spread (rounds' smallest and largest), rounds. */
  value: (number | null)[];
  low: (number | null)[];
  high: (number | null)[];
  rounds: number[];
  /** Expected range before each run and before the next one (one entry longer). */
  bandLow: (number | null)[];
  bandHigh: (number | null)[];
  /** The scale the chart's axis uses: values are divided by `factor` and read in `unit`. */
  display: { factor: number; unit: string };
  pr: { value: number; verdict: string; severity: string; change: number | null } | null;
}

export interface DashboardData {
  title: string;
  generated: string;
  repoUrl: string | null;
  suites: { name: string; runs: { commit: string | null; timestamp: string }[] }[];
  /** Regressions with the newest open one first, then the rest in name order. */
  series: IndexEntry[];
  changes: DashboardChange[];
  pr: { suite: string; commit: string | null } | null;
  details: SeriesDetail[][];
}

/** Series per data file: a chart page loads one file, not the whole site's data; 50 keeps
 *  a 1,000 × 3 × 100 site at 60 files (one git tree, not thousands of blobs). */
export const SERIES_PER_SHARD = 50;

/** 32-bit FNV-1a as 8 hex digits: a series' id stays the same from build to build, so a
 *  link to a chart keeps working. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Significant digits kept in the data files: values 5 (the hover shows 3, and a step of
 *  0.01 % still shows on the chart), the rounds' spread and the expected range 4, the
 *  sparkline 3 (120 pixels wide). At 1,000 × 3 × 100 the values are most of the site: 6
 *  digits everywhere made 18.7 MB. */
const DIGITS = 5;
const RANGE_DIGITS = 4;
const SPARK_DIGITS = 3;

function rounded(x: number, digits: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)) : null;
}

const SEVERITY_RANK = (s: Severity) => SEVERITIES.indexOf(s);

function gradeOf(newest: SeriesChange | undefined): Grade {
  if (!newest) return "steady";
  if (newest.kind === "improvement") return "improved";
  return newest.accepted !== undefined ? "accepted" : newest.severity;
}

function isOpenRegression(grade: Grade): grade is Severity {
  return (SEVERITIES as readonly string[]).includes(grade);
}

export function dashboardData(input: DashboardInput): DashboardData {
  const options = input.changes ?? CHANGE_DEFAULTS;
  const ids = new Set<string>();
  const rows: { entry: IndexEntry; detail: SeriesDetail; timestamp: string }[] = [];
  const changes: DashboardChange[] = [];
  const pr = input.report;
  for (const { suite, runs } of input.histories) {
    const prFindings = new Map(
      pr && pr.suite === suite
        ? pr.findings.map((f) => [`${f.benchmark}\u0000${f.metric}`, f] as const)
        : [],
    );
    for (const m of collectRuns(runs).values()) {
      let id = fnv1a(`${suite}\u0000${m.benchmark}\u0000${m.metric}`);
      // Two names with one hash (about 1 in 1,400 at 3,000 series): the later one moves on.
      while (ids.has(id)) id = fnv1a(`${id}+`);
      ids.add(id);
      const n = runs.length;
      const values = new Array<number>(n);
      const value: (number | null)[] = new Array(n);
      const low: (number | null)[] = new Array(n);
      const high: (number | null)[] = new Array(n);
      const rounds: number[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const samples = m.runs[i];
        // The same value per run as seriesOf (historyChanges.ts): the median of its rounds.
        const v = samples && samples.length > 0 ? median(samples) : Number.NaN;
        values[i] = v;
        value[i] = rounded(v, DIGITS);
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        let count = 0;
        for (const s of samples ?? []) {
          if (!Number.isFinite(s)) continue;
          count++;
          if (s < lo) lo = s;
          if (s > hi) hi = s;
        }
        low[i] = count > 0 ? rounded(lo, RANGE_DIGITS) : null;
        high[i] = count > 0 ? rounded(hi, RANGE_DIGITS) : null;
        rounds[i] = count;
      }
      const series: Series = { ...m, values };
      const found = seriesChanges(series, runs, options);
      const ranges = expectedRanges(
        values,
        found.map((c) => c.run),
        { ...RANGE_DEFAULTS, confidence: options.thresholds.confidence },
      );
      for (const c of found) {
        changes.push({
          series: id,
          run: c.run,
          commit: c.commit,
          timestamp: c.timestamp,
          before: c.before,
          after: c.after,
          change: c.change,
          kind: c.kind,
          severity: c.severity,
          accepted: c.accepted ?? null,
        });
      }
      let last = n - 1;
      while (last >= 0 && !Number.isFinite(values[last])) last--;
      const latest = last >= 0 ? (values[last] as number) : null;
      const bLow = last >= 0 ? ranges.low[last] : null;
      const bHigh = last >= 0 ? ranges.high[last] : null;
      // The centre of a range symmetric on logs is its geometric mean.
      const centre = bLow && bHigh ? Math.sqrt(bLow * bHigh) : null;
      const change = latest !== null && centre ? latest / centre - 1 : null;
      const newest = found.at(-1);
      const finding = prFindings.get(`${m.benchmark}\u0000${m.metric}`);
      const finiteValues = values.filter((v) => Number.isFinite(v));
      const entry: IndexEntry = {
        id,
        suite,
        benchmark: m.benchmark,
        metric: m.metric,
        unit: m.unit,
        direction: m.direction,
        shard: 0,
        latest: latest === null ? null : rounded(latest, DIGITS),
        latestText: latest === null ? "—" : formatValue(latest, m.unit),
        change,
        changeText: change === null ? "—" : formatPercent(change),
        outside: latest !== null && !!bLow && !!bHigh && (latest < bLow || latest > bHigh),
        grade: gradeOf(newest),
        changedAt: newest ? newest.run : -1,
        spark: values.map((v) => rounded(v, SPARK_DIGITS)),
      };
      const detail: SeriesDetail = {
        id,
        value,
        low,
        high,
        rounds,
        bandLow: ranges.low.map((x) => (x === null ? null : rounded(x, RANGE_DIGITS))),
        bandHigh: ranges.high.map((x) => (x === null ? null : rounded(x, RANGE_DIGITS))),
        display: displayScale(finiteValues.length > 0 ? median(finiteValues) : 0, m.unit),
        pr:
          finding && finding.current !== null
            ? {
                value: finding.current,
                verdict: finding.verdict,
                severity: finding.severity,
                change: finding.change,
              }
            : null,
      };
      rows.push({ entry, detail, timestamp: newest?.timestamp ?? "" });
    }
  }
  // Newest open regression first (then the worse grade), then everything else as found.
  const order = rows.map((r, i) => ({ ...r, i }));
  order.sort((a, b) => {
    const ga = a.entry.grade;
    const gb = b.entry.grade;
    const oa = isOpenRegression(ga);
    const ob = isOpenRegression(gb);
    if (oa !== ob) return oa ? -1 : 1;
    if (oa && ob) {
      if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? 1 : -1;
      const bySeverity = SEVERITY_RANK(gb) - SEVERITY_RANK(ga);
      if (bySeverity !== 0) return bySeverity;
    }
    return a.i - b.i;
  });
  const details: SeriesDetail[][] = [];
  order.forEach((r, i) => {
    r.entry.shard = Math.floor(i / SERIES_PER_SHARD);
    const shard = details[r.entry.shard] ?? [];
    shard.push(r.detail);
    details[r.entry.shard] = shard;
  });
  changes.sort((a, b) =>
    a.timestamp !== b.timestamp
      ? a.timestamp < b.timestamp
        ? 1
        : -1
      : a.series < b.series
        ? -1
        : 1,
  );
  return {
    title: input.title,
    generated: input.generated,
    repoUrl: input.repoUrl ?? null,
    suites: input.histories.map((h) => ({
      name: h.suite,
      runs: h.runs.map((r) => ({ commit: r.commit ?? null, timestamp: r.timestamp })),
    })),
    series: order.map((r) => r.entry),
    changes,
    pr: pr ? { suite: pr.suite, commit: pr.commit } : null,
    details,
  };
}
