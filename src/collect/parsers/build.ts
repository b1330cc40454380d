/**
 * Collects samples into benchmarks and metrics in the order the tool printed them: a name
 * seen twice (go's `-count N`, a repetition) adds a sample instead of a second benchmark.
 */
import type { Benchmark, Direction } from "../../model/types.js";
import { toCanonical } from "./units.js";

export class BenchmarkSet {
  private readonly byName = new Map<string, Benchmark>();

  /** Adds one observation already in its canonical unit. */
  addCanonical(
    benchmark: string,
    metric: string,
    unit: string,
    direction: Direction,
    value: number,
  ): void {
    let b = this.byName.get(benchmark);
    if (!b) {
      b = { name: benchmark, metrics: {} };
      this.byName.set(benchmark, b);
    }
    const m = b.metrics[metric];
    if (m) m.samples.push(value);
    else b.metrics[metric] = { unit, direction, samples: [value] };
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

  get size(): number {
    return this.byName.size;
  }

  list(): Benchmark[] {
    return [...this.byName.values()];
  }
}
