/** The line-oriented formats, on output of the real tools (fixtures/tools/<tool>/README.md). */
import { describe, expect, it } from "vitest";
import { expectInputError, metric, parseFixture, parseText, readFixture } from "./helpers.js";

describe("go", () => {
  const b = parseFixture("go", "go", "output.txt");

  it("keeps every metric go printed, -count 3 lines as three samples", () => {
    expect(b.map((x) => x.name)).toEqual([
      "BenchmarkFib20",
      "BenchmarkSha256_1K",
      "BenchmarkCustom",
    ]);
    expect(Object.keys(b[1]?.metrics ?? {})).toEqual([
      "time",
      "throughput",
      "bytes/op",
      "allocs/op",
    ]);
    expect(Object.keys(b[2]?.metrics ?? {})).toEqual(["time", "hits/op", "bytes/op", "allocs/op"]);
    for (const x of b) for (const m of Object.values(x.metrics)) expect(m.samples).toHaveLength(3);
  });

  it("converts ns/op to seconds and MB/s to Gbit/s, with go's directions", () => {
    const time = metric(b, "BenchmarkFib20", "time");
    expect(time.unit).toBe("s");
    expect(time.direction).toBe("lower");
    expect(time.samples[0]).toBeCloseTo(57045e-9, 15);
    const mbps = metric(b, "BenchmarkSha256_1K", "throughput");
    expect(mbps).toMatchObject({ unit: "Gbit/s", direction: "higher" });
    expect(mbps.samples[0]).toBeCloseTo((341.59 * 8) / 1000, 9);
    expect(metric(b, "BenchmarkSha256_1K", "bytes/op")).toEqual({
      unit: "B",
      direction: "lower",
      samples: [1024, 1024, 1024],
    });
    expect(metric(b, "BenchmarkSha256_1K", "allocs/op").samples).toEqual([1, 1, 1]);
    expect(metric(b, "BenchmarkCustom", "hits/op")).toMatchObject({
      unit: "hits/op",
      direction: "lower",
    });
  });

  it("keeps -cpu variants apart and prefixes packages when a run has several", () => {
    const text = [
      "pkg: example.com/a",
      "BenchmarkX-1   10   100 ns/op",
      "BenchmarkX-2   10   60 ns/op",
      "pkg: example.com/b",
      "BenchmarkY-2   10   5 ns/op   2.5 widgets/s",
    ].join("\n");
    const out = parseText("go", text);
    expect(out.map((x) => x.name)).toEqual([
      "example.com/a.BenchmarkX-1",
      "example.com/a.BenchmarkX-2",
      "example.com/b.BenchmarkY",
    ]);
    expect(metric(out, "example.com/b.BenchmarkY", "widgets/s").direction).toBe("higher");
  });

  it("keeps same-named benchmarks of different packages apart (published ./... output)", () => {
    const b = parseFixture("go", "go", "published-multi-package.txt");
    expect(b.map((x) => x.name)).toEqual([
      "github.com/gofiber/fiber/v3/middleware/cache.BenchmarkAppendMsgitem",
      "github.com/gofiber/fiber/v3/middleware/cache.BenchmarkUnmarshalitem",
      "github.com/gofiber/fiber/v3/middleware/csrf.BenchmarkAppendMsgitem",
      "github.com/gofiber/fiber/v3/middleware/csrf.BenchmarkUnmarshalitem",
    ]);
  });

  it("reads sub-benchmark names and a custom unit from the published sample", () => {
    const b = parseFixture("go", "go", "published.txt");
    expect(b.map((x) => x.name)).toContain("BenchmarkFib/my/tabled/benchmark_-_20,var1=13,var2=14");
    expect(metric(b, "BenchmarkFib11", "auxMetricUnits").samples).toEqual([3]);
    expect(metric(b, "BenchmarkFib20", "time").samples[0]).toBeCloseTo(40537.123e-9, 15);
  });

  it("refuses a failed benchmark and a build error, naming the line", () => {
    expectInputError(
      "go",
      readFixture("go", "error-failed.txt"),
      /--- FAIL: BenchmarkBoom/,
      /^line 1$/,
    );
    expectInputError("go", readFixture("go", "error-build.txt"), /go test failed/, /^line 1$/);
  });
});

describe("cargo (libtest #[bench])", () => {
  it("reads ns/iter as seconds and the MB/s libtest adds for b.bytes", () => {
    const b = parseFixture("cargo", "cargo", "output.txt");
    expect(b.map((x) => x.name)).toEqual([
      "benches::bench_fib_10",
      "benches::bench_fib_20",
      "benches::bench_sum_4k",
    ]);
    expect(metric(b, "benches::bench_fib_20", "time").samples[0]).toBeCloseTo(132992.02e-9, 12);
    const tp = metric(b, "benches::bench_sum_4k", "throughput");
    expect(tp).toMatchObject({ unit: "Gbit/s", direction: "higher" });
    expect(tp.samples[0]).toBeCloseTo((848 * 8) / 1000, 9);
  });

  it("reads github-action-benchmark's published samples, other units included", () => {
    const b = parseFixture("cargo", "cargo", "published.txt");
    expect(metric(b, "bench_fib_20", "time").samples[0]).toBeCloseTo(18149e-9, 12);
    const units = parseFixture("cargo", "cargo", "published-units.txt");
    expect(metric(units, "cmov", "cycles/iter")).toEqual({
      unit: "cycles",
      direction: "lower",
      samples: [2835],
    });
  });

  it("refuses a panicked bench", () => {
    const text = "running 1 test\nthread 'main' panicked at src/lib.rs:3:5:\nboom\n";
    expectInputError("cargo", text, /panicked/, /^line 2$/);
  });
});

describe("benchmarkjs", () => {
  it("reads ops/sec with thousands separators as higher-is-better ops/s", () => {
    const b = parseFixture("benchmarkjs", "benchmarkjs", "output.txt");
    expect(b.map((x) => x.name)).toEqual(["fib(10)", "fib(20)", "JSON.parse 1 KB"]);
    expect(metric(b, "fib(10)", "throughput")).toEqual({
      unit: "ops/s",
      direction: "higher",
      samples: [253873],
    });
  });
});

describe("benchmarkluau", () => {
  it("reads each SUCCESS line's time once, not the summary table", () => {
    const b = parseFixture("benchmarkluau", "benchmarkluau", "output.txt");
    expect(b.map((x) => x.name)).toEqual(["base64", "chess", "life"]);
    expect(metric(b, "chess", "time")).toEqual({
      unit: "s",
      direction: "lower",
      samples: [0.06956],
    });
  });
});

describe("catch2", () => {
  it("reads mean and standard deviation of each benchmark, units converted", () => {
    const b = parseFixture("catch2", "catch2", "output.txt");
    expect(b.map((x) => x.name)).toEqual(["fib 15", "fib 20", "sum 10000"]);
    expect(metric(b, "fib 20", "time").samples[0]).toBeCloseTo(9.32123e-6, 12);
    expect(metric(b, "fib 20", "time stddev").samples[0]).toBeCloseTo(186.531e-9, 15);
    expect(metric(b, "fib 15", "time").direction).toBe("lower");
  });

  it("reads the published v2.11 layout (est run time header, odd names)", () => {
    const b = parseFixture("catch2", "catch2", "published-v2.11.txt");
    expect(b.map((x) => x.name)).toEqual([
      "Fibonacci 10",
      "Fibonacci 20",
      "Fibonacci~ 5!",
      "Fibonacci-15_bench",
    ]);
    expect(metric(b, "Fibonacci 20", "time").samples[0]).toBeCloseTo(41.731e-6, 12);
  });

  it("refuses a benchmark cut off after its first line", () => {
    const text = readFixture("catch2", "output.txt");
    const cut = text.slice(0, text.indexOf("798.894"));
    expectInputError("catch2", cut, /lacks its mean/, /^line \d+$/);
  });
});
