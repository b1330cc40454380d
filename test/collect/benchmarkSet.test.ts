import { describe, expect, it } from "vitest";
import { BenchmarkSet } from "../../src/collect/benchmarkSet.js";
import { mergeRounds } from "../../src/collect/merge.js";
import type { Benchmark } from "../../src/model/types.js";
import { InputError } from "../../src/util/errors.js";

const bench = (name: string, unit: string, samples: number[]): Benchmark => ({
  name,
  metrics: { time: { unit, direction: "lower", samples } },
});

describe("grouping observations into benchmarks", () => {
  it("keeps window summaries one per sample, and drops them when a part has none", () => {
    const set = new BenchmarkSet();
    const w = (count: number) => ({ count, seconds: 0.25, spread: 0.1 });
    set.addSamples("tcp/throughput", "throughput", {
      unit: "Gbit/s",
      direction: "higher",
      samples: [30],
      windows: [w(6)],
    });
    set.addSamples("tcp/throughput", "throughput", {
      unit: "Gbit/s",
      direction: "higher",
      samples: [31],
      windows: [w(5)],
    });
    expect(set.get("tcp/throughput")?.metrics.throughput?.windows).toEqual([w(6), w(5)]);
    set.addCanonical("tcp/throughput", "throughput", "Gbit/s", "higher", 32);
    const merged = set.get("tcp/throughput")?.metrics.throughput;
    expect(merged?.samples).toEqual([30, 31, 32]);
    expect(merged?.windows).toBeUndefined();
  });

  it("rounds add samples to the benchmark first seen, in order, and leave the inputs alone", () => {
    const first = [bench("a", "s", [1]), bench("b", "s", [2])];
    const second = [bench("b", "s", [3]), bench("c", "s", [4]), bench("a", "s", [5])];
    const merged = mergeRounds([
      { source: "one.json", benchmarks: first },
      { source: "two.json", benchmarks: second },
    ]);
    expect(merged.map((b) => [b.name, b.metrics.time?.samples])).toEqual([
      ["a", [1, 5]],
      ["b", [2, 3]],
      ["c", [4]],
    ]);
    expect(first[0]?.metrics.time?.samples).toEqual([1]);
  });

  it("a metric in another unit in a later round is an error naming that round", () => {
    const rounds = [
      { source: "one.json", benchmarks: [bench("a", "s", [1])] },
      { source: "two.json", benchmarks: [bench("a", "B", [1])] },
    ];
    expect(() => mergeRounds(rounds)).toThrow(InputError);
    expect(() => mergeRounds(rounds)).toThrow(
      /^two\.json: a time is in B \(lower is better\) here but s \(lower is better\) earlier$/,
    );
  });
});
