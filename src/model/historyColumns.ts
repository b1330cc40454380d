/**
 * A compact history read into memory as it is stored: one column per benchmark metric
 * holding each run's rounds, rather than ~900,000 benchmark and metric objects for a
 * 10,000-benchmark, 30-run history, which the verdict would only take apart again
 * (observations.ts's collectRuns turns runs back into one series per benchmark metric).
 *
 * Its runs are still the `Results` every reader expects: a run is a *view* of one position
 * in the columns, whose `benchmarks` are built the first time anyone reads them. Until
 * then `seriesOfViews` hands collectRuns the columns directly. A view whose benchmarks
 * were read may since have been changed by whoever read them, so from then on it is an
 * ordinary run and collectRuns reads its objects again.
 *
 *   columns   time/parse   [r0 rounds] [r1 rounds] … [r29 rounds]
 *             heap/parse   [r0 rounds] [r1 rounds] … [r29 rounds]
 *   run 3     a view: { commit, timestamp, environment, benchmarks: built when read }
 */
import type { Benchmark, Direction, Results } from "./types.js";

/** One benchmark metric over every run of the history. */
export interface Column {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  /** One entry per run of the history; undefined where the run did not measure it. */
  runs: Array<number[] | undefined>;
}

/**
 * The columns of one history, in the order its file lists them: grouped by benchmark,
 * which names are unique (histories that repeat a name are expanded into objects instead),
 * metrics in the order of their keys.
 */
export interface HistoryColumns {
  columns: Column[];
  runCount: number;
}

interface View {
  columns: HistoryColumns;
  run: number;
  /** Columns this run leaves out (by index), as a baseline cut at a step does. */
  without?: ReadonlySet<number>;
}

/** Views whose benchmarks nobody has read yet. */
const pristine = new WeakMap<Results, View>();

/** The benchmarks of `view`, as expanding the history would have made them. */
function benchmarksOf(view: View): Benchmark[] {
  const out: Benchmark[] = [];
  let current: Benchmark | undefined;
  view.columns.columns.forEach((column, i) => {
    const samples = column.runs[view.run];
    if (samples === undefined || view.without?.has(i)) return;
    if (current?.name !== column.benchmark) {
      current = { name: column.benchmark, metrics: {} };
      out.push(current);
    }
    current.metrics[column.metric] = { unit: column.unit, direction: column.direction, samples };
  });
  return out;
}

/**
 * A run of `columns` at position `view.run`: `header` (every field but benchmarks) with
 * benchmarks built on first read. The object keeps its key order (benchmarks last), so it
 * serialises as an expanded run does.
 */
function makeView(header: Omit<Results, "benchmarks">, view: View): Results {
  const run = { ...header, benchmarks: [] } as Results;
  Object.defineProperty(run, "benchmarks", {
    enumerable: true,
    configurable: true,
    get(this: Results) {
      pristine.delete(this);
      const benchmarks = benchmarksOf(view);
      Object.defineProperty(this, "benchmarks", {
        value: benchmarks,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      return benchmarks;
    },
    set(this: Results, benchmarks: Benchmark[]) {
      pristine.delete(this);
      Object.defineProperty(this, "benchmarks", {
        value: benchmarks,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
  });
  pristine.set(run, view);
  return run;
}

/** The runs of `columns`, one view per header (headers in run order). */
export function viewRuns(
  columns: HistoryColumns,
  headers: ReadonlyArray<Omit<Results, "benchmarks">>,
): Results[] {
  return headers.map((header, run) => makeView(header, { columns, run }));
}

/**
 * `run` without the metrics `leaveOut` names, as a new view when `run` is a view nobody
 * has read; undefined otherwise (the caller then copies the run's objects).
 */
export function viewWithout(
  run: Results,
  leaveOut: (benchmark: string, metric: string) => boolean,
): Results | undefined {
  const view = pristine.get(run);
  if (!view) return undefined;
  const without = new Set(view.without);
  view.columns.columns.forEach((c, i) => {
    if (leaveOut(c.benchmark, c.metric)) without.add(i);
  });
  // Every field but benchmarks, in order (a spread would read them).
  const header: Record<string, unknown> = {};
  for (const key of Object.keys(run)) {
    if (key !== "benchmarks") header[key] = (run as unknown as Record<string, unknown>)[key];
  }
  return makeView(header as Omit<Results, "benchmarks">, { ...view, without });
}

/** Each series of `files` as collectRuns gives it: benchmark, metric, unit, direction and
 *  each file's samples (undefined where the file lacks it). */
export interface FileSeries {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  runs: (readonly number[] | undefined)[];
}

/**
 * The series of `files` in first-seen order (file by file, each in its own order), read
 * from their columns, when every file is an unread view of one history; undefined
 * otherwise. `keep` chooses benchmarks by name.
 */
export function seriesOfViews(
  files: readonly Results[],
  keep?: (benchmark: string) => boolean,
): FileSeries[] | undefined {
  const first = files[0] && pristine.get(files[0]);
  if (!first) return undefined;
  const views: View[] = [];
  for (const file of files) {
    const view = pristine.get(file);
    if (view?.columns !== first.columns) return undefined;
    views.push(view);
  }
  const { columns } = first.columns;
  const present = (c: number, f: number) => {
    const view = views[f] as View;
    return (columns[c] as Column).runs[view.run] !== undefined && !view.without?.has(c);
  };
  // A column first seen in file f comes after every column first seen before f, and
  // among those of file f in its order: as walking file by file finds them.
  let pending: number[] = [];
  for (let c = 0; c < columns.length; c++)
    if (!keep || keep((columns[c] as Column).benchmark)) pending.push(c);
  const out: FileSeries[] = [];
  for (let f = 0; f < files.length && pending.length > 0; f++) {
    const later: number[] = [];
    for (const c of pending) {
      if (!present(c, f)) {
        later.push(c);
        continue;
      }
      const column = columns[c] as Column;
      const runs: (readonly number[] | undefined)[] = new Array(files.length);
      for (let g = f; g < files.length; g++)
        if (present(c, g)) runs[g] = column.runs[(views[g] as View).run];
      out.push({
        benchmark: column.benchmark,
        metric: column.metric,
        unit: column.unit,
        direction: column.direction,
        runs,
      });
    }
    pending = later;
  }
  return out;
}
