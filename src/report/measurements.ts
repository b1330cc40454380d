/**
 * What a reader counts: measurements and benchmarks, not metrics. Many tools report one
 * measurement two ways — time per operation and its reciprocal, operations per second
 * (criterion, tinybench, Google Benchmark's items/s, ns/op beside ops/s) — and a slowdown
 * then shows as two regressions. Such a pair is one measurement here, graded once by the
 * worse of its two grades, which is what the gate does too: the report fails when any
 * metric reaches `fail-on` (src/analyze/compare.ts), so "some metric of the measurement
 * reaches it" and "the measurement's grade reaches it" always agree.
 *
 * A pair is found from units and values, never from names alone: one metric is a time, the
 * other a rate (events or data per second), one is better lower and the other higher, and
 * their product is the same constant in every run of the series (1 for s and ops/s, the
 * payload for s and Gbit/s). Two metrics measured separately never keep a product fixed to
 * a fraction of a percent run after run.
 */
import type { Finding } from "../analyze/types.js";
import { quantityOf } from "../model/units.js";
import { gradeCounts, sortFindings, type Tone, toneOf } from "./grades.js";

/** How far each run's product may stray from the series' first product and still count
 *  as one measurement seen two ways: rounding in a tool's output, and the median of an even
 *  number of rounds (not exactly the reciprocal of the reciprocals' median), stay well
 *  inside 1 %; independent measurements do not. */
export const RECIPROCAL_TOLERANCE = 0.01;

/** How much steadier than the series its products must be (see productsAgree). */
const STEADIER = 3;

/** Points of the series that must agree, at least: one product alone proves nothing. */
const MIN_RECIPROCAL_POINTS = 3;

/** One measurement: a metric, and the same rounds seen the other way round when there are. */
export interface Measurement {
  /** The one that grades the measurement: the worse graded, worst first as sortFindings. */
  finding: Finding;
  /** Its reciprocal twin, if any: shown beside it, never counted. */
  twin?: Finding;
}

const RATES = new Set(["event-rate", "data-rate"]);

/** How much a series moves: its largest value over its smallest, less one. */
function spread(values: readonly number[]): number {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return low > 0 ? high / low - 1 : Number.NaN;
}

/**
 * Each run's product within RECIPROCAL_TOLERANCE of the first, and far steadier than the
 * series itself (a third of its spread at most): two steady metrics measured apart keep
 * their product steady too, but only as steady as they are, while one measurement seen two
 * ways keeps it fixed however much the measurement moves.
 */
function productsAgree(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length || a.length < MIN_RECIPROCAL_POINTS) return false;
  const k = (a[0] as number) * (b[0] as number);
  if (!(k > 0) || !Number.isFinite(k)) return false;
  let worst = 0;
  for (let i = 1; i < a.length; i++) {
    const off = Math.abs(((a[i] as number) * (b[i] as number)) / k - 1);
    if (!(off <= RECIPROCAL_TOLERANCE)) return false;
    worst = Math.max(worst, off);
  }
  const moved = spread(a);
  return moved > 0 && worst <= moved / STEADIER;
}

/** Whether two metrics of one benchmark are one measurement seen two ways (see top). */
export function isReciprocalPair(a: Finding, b: Finding): boolean {
  if (a.benchmark !== b.benchmark || a.direction === b.direction) return false;
  const qa = quantityOf(a.unit);
  const qb = quantityOf(b.unit);
  const kinds = (qa === "time" && RATES.has(qb ?? "")) || (qb === "time" && RATES.has(qa ?? ""));
  return kinds && productsAgree(a.series, b.series);
}

/** Every finding in exactly one measurement, in sortFindings order of their graders. */
export function measurementsOf(findings: readonly Finding[]): Measurement[] {
  const sorted = sortFindings(findings);
  // Only time and rate metrics can pair, and only within a benchmark: group those by name.
  const candidates = new Map<string, Finding[]>();
  for (const f of sorted) {
    const q = quantityOf(f.unit);
    if (q !== "time" && !RATES.has(q ?? "")) continue;
    const list = candidates.get(f.benchmark);
    if (list) list.push(f);
    else candidates.set(f.benchmark, [f]);
  }
  const twinOf = new Map<Finding, Finding>();
  for (const list of candidates.values()) {
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as Finding;
      if (twinOf.has(a)) continue;
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j] as Finding;
        if (!twinOf.has(b) && isReciprocalPair(a, b)) {
          // `a` comes first in sorted order, so it is the worse graded of the two.
          twinOf.set(a, b);
          twinOf.set(b, a);
          break;
        }
      }
    }
  }
  const out: Measurement[] = [];
  const seen = new Set<Finding>();
  for (const f of sorted) {
    if (seen.has(f)) continue;
    const twin = twinOf.get(f);
    seen.add(f);
    if (twin) seen.add(twin);
    out.push(twin ? { finding: f, twin } : { finding: f });
  }
  return out;
}

/** One benchmark: its measurements, the worst first (it decides the row's place and tone). */
export interface BenchmarkRow {
  benchmark: string;
  measurements: Measurement[];
  worst: Finding;
  tone: Tone;
}

/** One row per benchmark, in the order of their worst measurements. */
export function benchmarkRows(measurements: readonly Measurement[]): BenchmarkRow[] {
  const rows = new Map<string, BenchmarkRow>();
  for (const m of measurements) {
    const row = rows.get(m.finding.benchmark);
    if (row) row.measurements.push(m);
    else
      rows.set(m.finding.benchmark, {
        benchmark: m.finding.benchmark,
        measurements: [m],
        worst: m.finding,
        tone: toneOf(m.finding),
      });
  }
  return [...rows.values()];
}

/** The counts every renderer shows, one measurement counted once (see top). */
export interface Tally {
  measurements: Measurement[];
  rows: BenchmarkRow[];
  byVerdict: ReturnType<typeof gradeCounts>["byVerdict"];
  bySeverity: ReturnType<typeof gradeCounts>["bySeverity"];
  information: ReturnType<typeof gradeCounts>["information"];
}

export function tallyOf(findings: readonly Finding[]): Tally {
  const measurements = measurementsOf(findings);
  const counts = gradeCounts(measurements.map((m) => m.finding));
  return { measurements, rows: benchmarkRows(measurements), ...counts };
}
