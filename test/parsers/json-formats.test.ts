/** The JSON formats, on output of the real tools (fixtures/tools/<tool>/README.md). */
import { describe, expect, it } from "vitest";
import { findParser } from "../../src/collect/parsers/index.js";
import { validateResults } from "../../src/model/validate.js";
import { expectInputError, metric, parseFixture, parseText, readFixture } from "./helpers.js";

describe("googlecpp", () => {
  const b = parseFixture("googlecpp", "googlecpp", "output.json");

  it("makes each repetition a sample and skips the _mean/_median/_stddev/_cv aggregates", () => {
    expect(b.map((x) => x.name)).toEqual(["BM_StringCopy/64", "BM_StringCopy/4096", "BM_Sum"]);
    for (const x of b) for (const m of Object.values(x.metrics)) expect(m.samples).toHaveLength(3);
    expect(metric(b, "BM_StringCopy/64", "real_time").samples[0]).toBeCloseTo(21.0820916609e-9, 18);
  });

  it("keeps bytes and items per second and the user counters", () => {
    expect(Object.keys(b[2]?.metrics ?? {})).toEqual([
      "real_time",
      "cpu_time",
      "items_per_second",
      "elements",
      "sums",
    ]);
    const bps = metric(b, "BM_StringCopy/64", "bytes_per_second");
    expect(bps).toMatchObject({ unit: "Gbit/s", direction: "higher" });
    expect(bps.samples[0]).toBeCloseTo((3835113309.311345 * 8) / 1e9, 9);
    expect(metric(b, "BM_Sum", "items_per_second").direction).toBe("higher");
    expect(metric(b, "BM_Sum", "elements")).toEqual({
      unit: "count",
      direction: "lower",
      samples: [1000, 1000, 1000],
    });
  });

  it("reads a run without repetitions as one sample", () => {
    const single = parseFixture("googlecpp", "googlecpp", "single.json");
    expect(metric(single, "BM_Sum", "cpu_time").samples).toHaveLength(1);
  });

  it("refuses a benchmark that reported an error", () => {
    const text = JSON.stringify({
      context: {},
      benchmarks: [
        {
          name: "BM_X",
          run_name: "BM_X",
          run_type: "iteration",
          error_occurred: true,
          error_message: "socket closed",
          real_time: 0,
          cpu_time: 0,
        },
      ],
    });
    expectInputError("googlecpp", text, /BM_X' failed: socket closed/, /\$\.benchmarks\[0\]/);
  });
});

describe("pytest", () => {
  it("takes stats.data (one time per round) as the samples when it is there", () => {
    const b = parseFixture("pytest", "pytest", "with-data.json");
    const time = metric(b, "test_fixture_bench.py::test_sha256_4k", "time");
    expect(time).toMatchObject({ unit: "s", direction: "lower" });
    expect(time.samples).toHaveLength(20);
    expect(time.samples[0]).toBe(7.4390999998286135e-6);
    expect(metric(b, "test_fixture_bench.py::test_fib_15", "time").samples).toHaveLength(18);
    expect(metric(b, "test_fixture_bench.py::test_sha256_4k", "ops")).toEqual({
      unit: "ops/s",
      direction: "higher",
      samples: [317271.4653903922],
    });
  });

  it("falls back to the mean when the save has no data", () => {
    const b = parseFixture("pytest", "pytest", "stats-only.json");
    expect(metric(b, "test_fixture_bench.py::test_fib_15", "time").samples).toEqual([
      9.895711110630145e-5,
    ]);
  });
});

describe("hyperfine", () => {
  it("merges a command given twice as rounds and warns once, naming it and -n", () => {
    const warnings: string[] = [];
    const b = findParser("hyperfine")?.parse(readFixture("hyperfine", "duplicate-names.json"), {
      source: "dup.json",
      warn: (m) => warnings.push(m),
    });
    expect(b?.map((x) => x.name)).toEqual(["sleep 0.01", "sleep 0.02"]);
    expect(metric(b ?? [], "sleep 0.01", "time").samples).toHaveLength(10);
    expect(warnings).toEqual([
      "dup.json: the same benchmark name appears more than once, merged as rounds of one benchmark: 'sleep 0.01' (2 times); if they are different benchmarks, name each with -n/--command-name",
    ]);
  });

  it("does not warn when every command has its own name", () => {
    const warnings: string[] = [];
    findParser("hyperfine")?.parse(readFixture("hyperfine", "output.json"), {
      source: "output.json",
      warn: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([]);
  });

  it("makes every run in `times` a sample, user and system one each", () => {
    const b = parseFixture("hyperfine", "hyperfine", "output.json");
    expect(b.map((x) => x.name)).toEqual([
      "sleep 0.02",
      'sh -c "seq 1 20000 | sort -n > /dev/null"',
    ]);
    expect(metric(b, "sleep 0.02", "time")).toEqual({
      unit: "s",
      direction: "lower",
      samples: [
        0.020848319400000002, 0.0230195974, 0.020840638400000003, 0.020815821400000004,
        0.0221638094,
      ],
    });
    expect(metric(b, "sleep 0.02", "user").samples).toEqual([0.00104764]);
    expect(Object.keys(b[0]?.metrics ?? {})).toEqual(["time", "user", "system"]);
  });

  it("keeps per-run memory when a newer hyperfine writes it", () => {
    const text = JSON.stringify({
      results: [
        {
          command: "x",
          mean: 1,
          user: 0.5,
          system: 0.1,
          times: [1, 1.1],
          memory_usage_byte: [2048, 4096],
        },
      ],
    });
    expect(metric(parseText("hyperfine", text), "x", "memory")).toEqual({
      unit: "B",
      direction: "lower",
      samples: [2048, 4096],
    });
  });
});

describe("iperf3", () => {
  it("TCP: each interval a throughput sample in Gbit/s, retransmits per interval, CPU", () => {
    const b = parseFixture("iperf3", "iperf3", "tcp.json");
    expect(b.map((x) => x.name)).toEqual(["iperf3 tcp"]);
    expect(Object.keys(b[0]?.metrics ?? {})).toEqual([
      "throughput",
      "retransmits",
      "received",
      "cpu local",
      "cpu remote",
    ]);
    const tp = metric(b, "iperf3 tcp", "throughput");
    expect(tp).toMatchObject({ unit: "Gbit/s", direction: "higher" });
    expect(tp.samples).toHaveLength(3);
    expect(tp.samples[0]).toBeCloseTo(21.4625264863, 9);
    expect(metric(b, "iperf3 tcp", "retransmits")).toEqual({
      unit: "count",
      direction: "lower",
      samples: [0, 0, 0],
    });
    expect(metric(b, "iperf3 tcp", "received").samples[0]).toBeCloseTo(21.2415699243, 9);
  });

  it("UDP: jitter in seconds and loss in %, both lower is better", () => {
    const b = parseFixture("iperf3", "iperf3", "udp.json");
    expect(b[0]?.name).toBe("iperf3 udp");
    expect(metric(b, "iperf3 udp", "throughput").samples).toHaveLength(3);
    const jitter = metric(b, "iperf3 udp", "jitter");
    expect(jitter).toMatchObject({ unit: "s", direction: "lower" });
    expect(jitter.samples[0]).toBeCloseTo(0.004056016721181292e-3, 15);
    expect(metric(b, "iperf3 udp", "loss")).toEqual({
      unit: "%",
      direction: "lower",
      samples: [1.8003845481559169],
    });
    expect(b[0]?.metrics.retransmits).toBeUndefined();
  });

  it("names parallel streams and refuses iperf3's own error", () => {
    expect(parseFixture("iperf3", "iperf3", "tcp-parallel.json")[0]?.name).toBe(
      "iperf3 tcp 2 streams",
    );
    expectInputError(
      "iperf3",
      readFixture("iperf3", "error-refused.json"),
      /Connection refused/,
      /\$\.error/,
    );
  });
});

describe("criterion", () => {
  it("reads target/criterion/<id>/new/sample.json, naming it from the path", () => {
    const b = parseFixture(
      "criterion",
      "criterion",
      "target/criterion/checksum/4 KiB/new/sample.json",
    );
    expect(b.map((x) => x.name)).toEqual(["checksum/4 KiB"]);
    const time = metric(b, "checksum/4 KiB", "time");
    expect(time).toMatchObject({ unit: "s", direction: "lower" });
    expect(time.samples).toHaveLength(10);
    // iteration-normalised: times[0] / iters[0], ns → s
    expect(time.samples[0]).toBeCloseTo(29355626.0 / 4935.0 / 1e9, 15);
  });

  it("reads cargo-criterion messages: every sample, group-complete lines skipped", () => {
    const b = parseFixture("criterion", "criterion", "published/cargo-criterion-messages.ndjson");
    expect(b).toHaveLength(12);
    const time = metric(b, "Queries/[LIGHT] Bam query all", "time");
    expect(time.samples).toHaveLength(50);
    expect(time.samples[0]).toBeCloseTo(23353750.0 / 1906 / 1e9, 15);
  });

  it("turns a declared throughput into a per-sample rate", () => {
    const line = JSON.stringify({
      reason: "benchmark-complete",
      id: "copy",
      unit: "ns",
      iteration_count: [10, 20],
      measured_values: [1000, 2000],
      throughput: [{ per_iteration: 1000, unit: "bytes" }],
    });
    // 1000 bytes in 100 ns = 10 GB/s = 80 Gbit/s
    expect(metric(parseText("criterion", line), "copy", "throughput")).toEqual({
      unit: "Gbit/s",
      direction: "higher",
      samples: [80, 80],
    });
  });

  it("reads cargo bench's terminal report: the estimate, and throughput in Gbit/s", () => {
    const b = parseFixture("criterion", "criterion", "cargo-bench-stdout.txt");
    expect(b.map((x) => x.name)).toEqual(["fib 15", "checksum/4 KiB"]);
    expect(metric(b, "fib 15", "time").samples[0]).toBeCloseTo(14.001e-6, 12);
    const tp = metric(b, "checksum/4 KiB", "throughput");
    expect(tp.direction).toBe("higher");
    expect(tp.samples[0]).toBeCloseTo((1.9118 * 1024 ** 3 * 8) / 1e9, 9);
  });

  it("takes a long name from its own line and counts elements per second as ops/s", () => {
    const text = [
      "parse/a_benchmark_name_too_long_for_the_column",
      "                        time:   [10.0 ms 12.5 ms 15.0 ms]",
      "                        thrpt:  [1.0 Kelem/s 1.5 Kelem/s 2.0 Kelem/s]",
    ].join("\n");
    const b = parseText("criterion", text);
    const name = "parse/a_benchmark_name_too_long_for_the_column";
    expect(metric(b, name, "time").samples).toEqual([0.0125]);
    expect(metric(b, name, "throughput")).toEqual({
      unit: "ops/s",
      direction: "higher",
      samples: [1500],
    });
  });

  it("refuses a sample.json read from a path that does not name the benchmark", () => {
    const text = readFixture("criterion", "target/criterion/fib 15/new/sample.json");
    expect(() => parseText("criterion", text, "sample.json")).toThrow(
      /cannot tell the benchmark's name/,
    );
  });
});

describe("tinybench", () => {
  it("warns naming a task name used twice", () => {
    const tasks = JSON.parse(readFixture("tinybench", "tasks.json")) as { name: string }[];
    const twice = JSON.stringify([...tasks, { ...tasks[0] }]);
    const warnings: string[] = [];
    findParser("tinybench")?.parse(twice, { source: "t.json", warn: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("'fib(15)' (2 times)");
    expect(warnings[0]).toContain("bench.add()");
  });

  it("reads tasks saved inside an object as { tasks: [{ name, result }] }", () => {
    const b = parseFixture("tinybench", "tinybench", "wrapped.json");
    expect(b.map((x) => x.name)).toEqual(["join 100", "concat 100"]);
    const latency = metric(b, "concat 100", "latency");
    expect(latency).toMatchObject({ unit: "s", direction: "lower" });
    expect(latency.samples[0]).toBeCloseTo(0.000911e-3, 11);
    expect(metric(b, "join 100", "throughput")).toMatchObject({
      unit: "ops/s",
      direction: "higher",
    });
  });

  it("names $.tasks when a wrapped file has no tasks", () => {
    expectInputError("tinybench", '{"tasks": []}', /no benchmark results/, /\$\.tasks/);
    expectInputError("tinybench", '{"runs": []}', /expected an array/, /\$\.tasks/);
  });

  it("reads serialised tasks and bench.table() to the same figures", () => {
    const tasks = parseFixture("tinybench", "tinybench", "tasks.json");
    const table = parseFixture("tinybench", "tinybench", "table.json");
    expect(tasks.map((x) => x.name)).toEqual(["fib(15)", "sort 1000"]);
    expect(table.map((x) => x.name)).toEqual(["fib(15)", "sort 1000"]);
    const a = metric(tasks, "fib(15)", "latency");
    expect(a).toMatchObject({ unit: "s", direction: "lower" });
    expect(a.samples[0]).toBeCloseTo(0.006168999999999869e-3, 12);
    expect(metric(table, "fib(15)", "latency").samples[0]).toBeCloseTo(6169e-9, 12);
    expect(metric(table, "fib(15)", "throughput")).toEqual({
      unit: "ops/s",
      direction: "higher",
      samples: [162101],
    });
  });

  it("refuses a task that errored", () => {
    const text = JSON.stringify([
      { name: "t", result: { state: "errored", error: { message: "boom" } } },
    ]);
    expectInputError("tinybench", text, /task 't' failed: boom/, /\$\[0\]\.result/);
  });
});

describe("vitest", () => {
  it("names benchmarks file > describe > name, median latency and hz", () => {
    const b = parseFixture("vitest", "vitest", "output.json");
    expect(b.map((x) => x.name)).toEqual([
      "fib.bench.ts > sort 1000",
      "fib.bench.ts > fib > fib(10)",
      "fib.bench.ts > fib > fib(15)",
    ]);
    expect(metric(b, "fib.bench.ts > fib > fib(10)", "latency").samples[0]).toBeCloseTo(
      0.0005300000000261207e-3,
      15,
    );
    expect(metric(b, "fib.bench.ts > fib > fib(10)", "throughput")).toEqual({
      unit: "ops/s",
      direction: "higher",
      samples: [455193.36847345816],
    });
  });
});

describe("perfgate", () => {
  it("reads its own results file back unchanged", () => {
    const benchmarks = [
      {
        name: "tcp/throughput",
        metrics: { throughput: { unit: "Gbit/s", direction: "higher", samples: [21.2, 20.9] } },
      },
    ];
    const text = JSON.stringify({
      schema: "perfgate/results/v1",
      suite: "s",
      timestamp: "2026-01-01T00:00:00Z",
      environment: {},
      benchmarks,
    });
    expect(parseText("perfgate", text)).toEqual(benchmarks);
  });

  it("refuses a metric without a direction, in the words perfgate compare uses", () => {
    const text = JSON.stringify({
      schema: "perfgate/results/v1",
      suite: "s",
      timestamp: "2026-11-01T00:00:00Z",
      environment: {},
      benchmarks: [{ name: "a", metrics: { t: { unit: "s", samples: [1] } } }],
    });
    const viaParse = expectInputError("perfgate", text, /direction/);
    expect(() => validateResults(JSON.parse(text), "bad-input.txt")).toThrow(viaParse.message);
  });

  it("refuses a results file the schema refuses (here: no suite), as compare does", () => {
    const text = JSON.stringify({
      schema: "perfgate/results/v1",
      benchmarks: [{ name: "a", metrics: { t: { unit: "s", direction: "lower", samples: [1] } } }],
    });
    expectInputError("perfgate", text, /missing required key 'suite'/);
  });

  it("migrates an older version on read, as compare does", () => {
    const text = JSON.stringify({
      schema: "perfgate/results/v0",
      suite: "s",
      date: "2026-11-01T00:00:00Z",
      results: [{ name: "a", metric: "time", unit: "s", better: "lower", values: [1, 2] }],
    });
    expect(parseText("perfgate", text)).toEqual([
      { name: "a", metrics: { time: { unit: "s", direction: "lower", samples: [1, 2] } } },
    ]);
  });
});
