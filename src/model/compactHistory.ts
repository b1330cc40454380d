/**
 * The stored form of a baseline history (schema/history.v2.json): columnar, one entry per
 * benchmark metric holding every run's rounds in one packed string (seriesCodec.ts), and
 * each run's commit, time and environment once. A 30-run history of 10,000 benchmarks × 3
 * metrics × 5 rounds takes about a tenth of the v1 file, which repeated every name and
 * wrote every sample as 17 decimal digits.
 *
 *   { "schema": "perfgate/history/v2", "suite": "s",
 *     "runs": [ { "commit": "a1", "timestamp": "…", "environment": { … } }, … ],
 *     "benchmarks": [ { "name": "parse/json", "metrics": {
 *         "time": { "unit": "s", "direction": "lower", "exponent": -7, "rounds": 5,
 *                   "values": "6tK2D7E…" } } } ] }
 *
 * `rounds` is one count when every run measured the metric that many times, else one count
 * per run (0: that run did not measure it). In memory a history is always the expanded
 * `History` (types.ts); only the stores write this form, and every reader takes both.
 */
import { InputError } from "../util/errors.js";
import { type Column as HistoryColumn, viewRuns } from "./historyColumns.js";
import { child } from "./jsonPath.js";
import { chooseExponent, packSeries, unpackSeries } from "./seriesCodec.js";
import {
  type Benchmark,
  type Direction,
  type Environment,
  HISTORY_SCHEMA,
  type History,
  type Metric,
  RESULTS_SCHEMA,
  type Results,
} from "./types.js";

export const COMPACT_HISTORY_SCHEMA = "perfgate/history/v2";

export interface CompactRun {
  commit?: string;
  ref?: string;
  timestamp: string;
  environment: Environment;
  notes?: string[];
}

export interface CompactMetric {
  unit: string;
  direction: Direction;
  exponent: number;
  rounds: number | number[];
  values: string;
}

export interface CompactHistory {
  schema: typeof COMPACT_HISTORY_SCHEMA;
  suite: string;
  runs: CompactRun[];
  benchmarks: Array<{ name: string; metrics: Record<string, CompactMetric> }>;
}

function runHeader(run: Results): CompactRun {
  return {
    ...(run.commit !== undefined ? { commit: run.commit } : {}),
    ...(run.ref !== undefined ? { ref: run.ref } : {}),
    timestamp: run.timestamp,
    environment: run.environment,
    ...(run.notes !== undefined ? { notes: run.notes } : {}),
  };
}

interface Column {
  metric: string;
  unit: string;
  direction: Direction;
  perRun: Array<number[] | undefined>;
}

function compactMetric(column: Column): CompactMetric {
  const counts: number[] = [];
  const all: number[] = [];
  for (const samples of column.perRun) {
    counts.push(samples?.length ?? 0);
    if (samples) for (const x of samples) all.push(x);
  }
  const exponent = chooseExponent(all);
  const first = counts[0] as number;
  return {
    unit: column.unit,
    direction: column.direction,
    exponent,
    rounds: first > 0 && counts.every((c) => c === first) ? first : counts,
    values: packSeries(all, exponent),
  };
}

/** The stored form of `history` (samples rounded as seriesCodec.ts says). */
export function compactHistory(history: History): CompactHistory {
  // name → columns in order of first appearance; a metric whose unit or direction changed
  // between runs gets a column of its own, so nothing is merged that was not alike.
  const byName = new Map<string, Column[]>();
  const runCount = history.runs.length;
  history.runs.forEach((run, r) => {
    for (const benchmark of run.benchmarks) {
      let columns = byName.get(benchmark.name);
      if (!columns) {
        columns = [];
        byName.set(benchmark.name, columns);
      }
      for (const metric in benchmark.metrics) {
        const m = benchmark.metrics[metric] as Metric;
        let column = columns.find(
          (c) => c.metric === metric && c.unit === m.unit && c.direction === m.direction,
        );
        if (!column) {
          column = { metric, unit: m.unit, direction: m.direction, perRun: [] };
          for (let k = 0; k < runCount; k++) column.perRun.push(undefined);
          columns.push(column);
        }
        column.perRun[r] = m.samples;
      }
    }
  });
  const benchmarks: CompactHistory["benchmarks"] = [];
  for (const [name, columns] of byName) {
    // One entry per name, unless a metric name repeats (its unit changed): then another.
    const entries: Array<Record<string, CompactMetric>> = [];
    for (const column of columns) {
      let entry = entries.find((e) => !(column.metric in e));
      if (!entry) {
        entry = {};
        entries.push(entry);
      }
      entry[column.metric] = compactMetric(column);
    }
    for (const metrics of entries) benchmarks.push({ name, metrics });
  }
  return {
    schema: COMPACT_HISTORY_SCHEMA,
    suite: history.suite,
    runs: history.runs.map(runHeader),
    benchmarks,
  };
}

/**
 * Checks one series as read (negative times, units) and may convert it to canonical units;
 * validate.ts passes the rules every results file is held to.
 */
export type SeriesCheck = (
  unit: string,
  values: number[],
  path: () => string,
) => { unit: string; values: number[] };

/**
 * The history of a stored v2 document that passed schema/history.v2.json. Each series is
 * unpacked and checked once, then sliced into its runs. A packed string that does not
 * match its rounds, or a run given one metric twice, is an InputError naming it.
 *
 * The runs are views of the columns (historyColumns.ts), which the verdict reads without
 * building a benchmark object per run; only a history that repeats a benchmark name (a
 * unit changed) is expanded into objects at once.
 */
export function expandHistory(doc: CompactHistory, file: string, check: SeriesCheck): History {
  const runCount = doc.runs.length;
  const headers = doc.runs.map(
    (header): Omit<Results, "benchmarks"> => ({
      schema: RESULTS_SCHEMA,
      suite: doc.suite,
      ...header,
    }),
  );
  const columns: HistoryColumn[] = [];
  /** The entry (index into doc.benchmarks) of each column. */
  const entryOf: number[] = [];
  const names = new Set<string>();
  let repeated = false;
  doc.benchmarks.forEach((entry, b) => {
    if (names.has(entry.name)) repeated = true;
    names.add(entry.name);
    for (const metric in entry.metrics) {
      const m = entry.metrics[metric] as CompactMetric;
      const at = () => child(child(child(child("$", "benchmarks"), b), "metrics"), metric);
      let total = 0;
      if (typeof m.rounds === "number") total = m.rounds * runCount;
      else if (m.rounds.length !== runCount) {
        throw new InputError(
          `rounds has ${m.rounds.length} counts for ${runCount} runs`,
          file,
          child(at(), "rounds"),
        );
      } else for (const c of m.rounds) total += c;
      const unpacked = unpackSeries(m.values, m.exponent, total);
      if ("problem" in unpacked)
        throw new InputError(unpacked.problem, file, child(at(), "values"));
      const { unit, values } = check(m.unit, unpacked.values, () => child(at(), "values"));
      const runs: Array<number[] | undefined> = new Array(runCount);
      let offset = 0;
      for (let r = 0; r < runCount; r++) {
        const count = typeof m.rounds === "number" ? m.rounds : (m.rounds[r] as number);
        if (count === 0) continue;
        runs[r] = values.slice(offset, offset + count);
        offset += count;
      }
      columns.push({ benchmark: entry.name, metric, unit, direction: m.direction, runs });
      entryOf.push(b);
    }
  });
  if (!repeated) {
    const runs = viewRuns({ columns, runCount }, headers);
    return { schema: HISTORY_SCHEMA, suite: doc.suite, runs };
  }
  const runs: Results[] = headers.map((header) => ({ ...header, benchmarks: [] }));
  // Each run's benchmark of the current entry. Almost always the first entry of its name:
  // then each run gets a new benchmark. A repeated name (a unit changed) joins the run's
  // benchmark of that name.
  const perRun: Array<Benchmark | undefined> = new Array(runCount);
  const seen = new Set<string>();
  columns.forEach((column, c) => {
    const b = entryOf[c] as number;
    if (c === 0 || entryOf[c - 1] !== b) {
      const again = seen.has(column.benchmark);
      seen.add(column.benchmark);
      for (let r = 0; r < runCount; r++) {
        perRun[r] = again
          ? (runs[r] as Results).benchmarks.find((x) => x.name === column.benchmark)
          : undefined;
      }
    }
    for (let r = 0; r < runCount; r++) {
      const samples = column.runs[r];
      if (samples === undefined) continue;
      let benchmark = perRun[r];
      if (!benchmark) {
        benchmark = { name: column.benchmark, metrics: {} };
        perRun[r] = benchmark;
        (runs[r] as Results).benchmarks.push(benchmark);
      } else if (column.metric in benchmark.metrics) {
        throw new InputError(
          `run ${r} has metric '${column.metric}' of '${column.benchmark}' twice`,
          file,
          child(
            child(child(child(child("$", "benchmarks"), b), "metrics"), column.metric),
            "rounds",
          ),
        );
      }
      benchmark.metrics[column.metric] = {
        unit: column.unit,
        direction: column.direction,
        samples,
      };
    }
  });
  return { schema: HISTORY_SCHEMA, suite: doc.suite, runs };
}
