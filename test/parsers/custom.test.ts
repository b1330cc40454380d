import { describe, expect, it } from "vitest";
import { expectInputError, metric, parseFixture, parseText } from "./helpers.js";

describe("customBiggerIsBetter / customSmallerIsBetter", () => {
  it("reads github-action-benchmark's bigger-is-better sample as higher-is-better metrics", () => {
    const b = parseFixture("customBiggerIsBetter", "custom", "bigger.json");
    expect(b.map((x) => x.name)).toEqual([
      "My Custom Bigger Is Better Benchmark - Throughput",
      "My Custom Bigger Is Better Benchmark - Free Memory",
    ]);
    const rps = metric(b, "My Custom Bigger Is Better Benchmark - Throughput", "value");
    expect(rps).toEqual({ unit: "req/s", direction: "higher", samples: [70] });
  });

  it("reads the smaller-is-better sample with times converted to seconds", () => {
    const b = parseFixture("customSmallerIsBetter", "custom", "smaller.json");
    expect(b).toHaveLength(4);
    const m = metric(b, "No instrumentation", "value");
    expect(m.unit).toBe("s");
    expect(m.direction).toBe("lower");
    expect(m.samples[0]).toBeCloseTo(90.9439e-9, 15);
  });

  it.each([
    ["customBiggerIsBetter", "higher"],
    ["customSmallerIsBetter", "lower"],
  ] as const)("reads an empty unit under %s as a plain number, %s is better", (tool, direction) => {
    const b = parseFixture(tool, "custom", "empty-unit.json");
    expect(metric(b, "Cache hit ratio x1000", "value")).toEqual({
      unit: "count",
      direction,
      samples: [912],
    });
    expect(metric(b, "Request latency", "value").unit).toBe("s");
  });

  it("reads a value written as a number in a string, and a missing unit, as github-action-benchmark stores them", () => {
    // The shape of entries in published gh-pages histories (fixtures/tools/custom/README.md).
    const text = JSON.stringify([
      { name: "percent", value: "31", unit: "Percent" },
      { name: "no-unit", value: "30", range: "3" },
      { name: "empty-unit", value: "89", unit: "", range: "3" },
      { name: "ms", value: " 1.5e1 ", unit: "ms" },
    ]);
    const b = parseText("customBiggerIsBetter", text);
    expect(metric(b, "no-unit", "value")).toEqual({
      unit: "count",
      direction: "higher",
      samples: [30],
    });
    expect(metric(b, "empty-unit", "value").samples).toEqual([89]);
    expect(metric(b, "percent", "value").samples).toEqual([31]);
    expect(metric(b, "ms", "value").samples[0]).toBeCloseTo(0.015, 12);
  });

  it.each(['"fast"', '"1,5"', '""', '"0x10"', "null"])(
    "refuses a value of %s naming the entry",
    (value) => {
      expectInputError(
        "customSmallerIsBetter",
        `[{"name": "a", "unit": "ms", "value": ${value}}]`,
        /expected a number/,
        /\$\[0\]\.value/,
      );
    },
  );

  it("turns a repeated name into samples and another unit into another metric", () => {
    const text = JSON.stringify([
      { name: "a", unit: "ms", value: 2 },
      { name: "a", unit: "ms", value: 3 },
      { name: "a", unit: "MB", value: 1.5 },
    ]);
    const [a] = parseText("customSmallerIsBetter", text);
    expect(a?.metrics.value?.samples).toEqual([0.002, 0.003]);
    expect(a?.metrics.MB).toEqual({ unit: "B", direction: "lower", samples: [1.5e6] });
  });

  it("refuses an empty array, a truncated file, a missing value and error text", () => {
    expectInputError("customBiggerIsBetter", "[]\n", /no benchmark results/);
    expectInputError(
      "customBiggerIsBetter",
      '[\n{"name": "a", "unit": "x",\n',
      /ends early/,
      /^line 2$/,
    );
    expectInputError(
      "customSmallerIsBetter",
      '[{"name": "a", "unit": "ms"}]',
      /expected a number/,
      /\$\[0\]\.value/,
    );
    expectInputError(
      "customSmallerIsBetter",
      "Error: ENOENT bench.js\n",
      /found text: Error: ENOENT bench.js/,
      /line 1/,
    );
  });
});
