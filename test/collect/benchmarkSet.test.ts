import { describe, expect, it } from "vitest";
import { mergeRounds } from "../../src/collect/merge.js";
import type { Benchmark } from "../../src/model/types.js";
import { InputError } from "../../src/util/errors.js";

const bench = (name: string, unit: string, samples: number[]): Benchmark => ({
  name,
  metrics: { time: { unit, direction: "lower", samples } },
});

describe("grouping observations into benchmarks", () => {
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
