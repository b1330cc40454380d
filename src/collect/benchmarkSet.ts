/**
 * The one place observations become benchmarks: samples are grouped by benchmark and
 * metric in the order first seen, and a name seen again (go's `-count N`, a repetition, a
 * second round or file) adds samples instead of a second benchmark. The parsers, the
 * merging of rounds (merge.ts) and the throughput suites all build their results here.
 * Never changes what it is given.
 */
import type { Benchmark, Direction, Metric } from "../model/types.js";
import { InputError } from "../util/errors.js";
import { toCanonical } from "./parsers/units.js";

export class BenchmarkSet {
  private readonly byName = new Map<string, Benchmark>();

  /**
   * Adds samples of one metric already in its canonical unit. Samples in another unit or
   * direction than the metric's earlier ones cannot share one distribution: an InputError
   * naming `source` (the file or round they came from).
   */
  addSamples(benchmark: string, metric: string, samples: Metric, source?: string): void {
    let b = this.byName.get(benchmark);
    if (!b) {
      b = { name: benchmark, metrics: {} };
      this.byName.set(benchmark, b);
    }
    const known = b.metrics[metric];
    if (!known) {
      b.metrics[metric] = {
        ...samples,
        samples: [...samples.samples],
        ...(samples.windows && { windows: [...samples.windows] }),
      };
      return;
    }
    if (known.unit !== samples.unit || known.direction !== samples.direction) {
      throw new InputError(
        `${benchmark} ${metric} is in ${samples.unit} (${samples.direction} is better) here ` +
          `but ${known.unit} (${known.direction} is better) earlier`,
        source,
      );
    }
    known.samples.push(...samples.samples);
    // Window summaries stay one per sample: a part without them drops them for the whole.
    if (known.windows && samples.windows) known.windows.push(...samples.windows);
    else delete known.windows;
  }

  /** Adds one observation already in its canonical unit. */
  addCanonical(
    benchmark: string,
    metric: string,
    unit: string,
    direction: Direction,
    value: number,
  ): void {
    this.addSamples(benchmark, metric, { unit, direction, samples: [value] });
  }

  /** Adds one observation in the tool's unit, converted to the canonical one. */
  add(benchmark: string, metric: string, unit: string, direction: Direction, value: number): void {
    const c = toCanonical(value, unit);
    this.addCanonical(benchmark, metric, c.unit, direction, c.value);
  }

  /** Adds several observations of one metric at once (a tool's per-sample array). */
  addAll(
    benchmark: string,
    metric: string,
    unit: string,
    direction: Direction,
    values: number[],
  ): void {
    for (const v of values) this.add(benchmark, metric, unit, direction, v);
  }

  has(benchmark: string): boolean {
    return this.byName.has(benchmark);
  }

  get(benchmark: string): Benchmark | undefined {
    return this.byName.get(benchmark);
  }

  get size(): number {
    return this.byName.size;
  }

  list(): Benchmark[] {
    return [...this.byName.values()];
  }
}
