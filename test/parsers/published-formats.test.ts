/** JMH, BenchmarkDotNet and Julia: tools that do not run here, read on their published samples. */
import { describe, expect, it } from "vitest";
import { expectInputError, metric, parseFixture, parseText } from "./helpers.js";

describe("jmh", () => {
  it("makes each measurement iteration a sample, ops/s higher is better", () => {
    const b = parseFixture("jmh", "jmh", "output.json");
    const name = "org.openjdk.jmh.samples.JMHSample_01_HelloWorld.wellHelloThere";
    expect(metric(b, name, "throughput")).toEqual({
      unit: "ops/s",
      direction: "higher",
      samples: [3376842765.688582, 3376519888.95058, 3375353964.729294],
    });
    const withParams = parseFixture("jmh", "jmh", "output-2.json");
    expect(withParams[0]?.name).toBe(`${name} (paramA=17, paramB=33)`);
  });

  it("converts average-time units and keeps GC secondary metrics as lower is better", () => {
    const text = JSON.stringify([
      {
        jmhVersion: "1.37",
        benchmark: "b.Parse.json",
        mode: "avgt",
        primaryMetric: { score: 2, scoreUnit: "us/op", rawData: [[2, 3], [4]] },
        secondaryMetrics: {
          "·gc.alloc.rate.norm": { score: 96, scoreUnit: "B/op", rawData: [[96]] },
        },
      },
    ]);
    const b = parseText("jmh", text);
    expect(metric(b, "b.Parse.json", "time")).toEqual({
      unit: "s",
      direction: "lower",
      samples: [2e-6, 3e-6, 4e-6],
    });
    expect(metric(b, "b.Parse.json", "·gc.alloc.rate.norm")).toEqual({
      unit: "B",
      direction: "lower",
      samples: [96],
    });
  });
});

describe("benchmarkdotnet", () => {
  it("takes the workload iterations (OriginalValues, ns) as samples in seconds", () => {
    const b = parseFixture("benchmarkdotnet", "benchmarkdotnet", "output.json");
    expect(b.map((x) => x.name)).toEqual(["Sample.Benchmarks.Fib10", "Sample.Benchmarks.Fib20"]);
    const time = metric(b, "Sample.Benchmarks.Fib10", "time");
    expect(time.samples).toHaveLength(14);
    expect(time.samples[0]).toBeCloseTo(24.8054620326e-9, 18);
    expect(metric(b, "Sample.Benchmarks.Fib20", "time").samples).toHaveLength(13);
  });

  it("refuses a benchmark without statistics (it failed)", () => {
    const text = JSON.stringify({
      Title: "t",
      HostEnvironmentInfo: {},
      Benchmarks: [{ FullName: "A.B", Statistics: null }],
    });
    expectInputError("benchmarkdotnet", text, /'A\.B' has no results/, /Statistics/);
  });
});

describe("julia", () => {
  it("walks nested BenchmarkGroups and keeps time, gctime, memory and allocs", () => {
    const b = parseFixture("julia", "julia", "output.json");
    // JSON.parse orders integer-like keys ascending, whatever the file says.
    expect(b.map((x) => x.name)).toEqual(["fib/10", "fib/20"]);
    expect(Object.keys(b[0]?.metrics ?? {})).toEqual(["time", "gctime", "memory", "allocs"]);
    expect(metric(b, "fib/20", "time").samples[0]).toBeCloseTo(31028e-9, 15);
    expect(metric(b, "fib/10", "memory")).toEqual({ unit: "B", direction: "lower", samples: [0] });
  });

  it("takes a saved Trial's times as samples", () => {
    const trial = [
      "Trial",
      { times: [1000, 1100, 1050], gctimes: [0, 0, 10], memory: 64, allocs: 2, params: [] },
    ];
    const text = JSON.stringify([
      { Julia: "1.10", BenchmarkTools: "1.5" },
      [["BenchmarkGroup", { data: { sum: trial }, tags: [] }]],
    ]);
    const b = parseText("julia", text);
    const times = metric(b, "sum", "time").samples;
    expect(times).toHaveLength(3);
    for (const [i, t] of [1e-6, 1.1e-6, 1.05e-6].entries()) expect(times[i]).toBeCloseTo(t, 15);
    expect(metric(b, "sum", "gctime").samples).toHaveLength(3);
    expect(metric(b, "sum", "allocs")).toEqual({ unit: "count", direction: "lower", samples: [2] });
  });
});
