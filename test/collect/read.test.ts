import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseResultsText, readResults, readResultsFiles } from "../../src/collect/read.js";
import { InputError } from "../../src/util/errors.js";

const root = join(import.meta.dirname, "../..");
const bad = (name: string) => join("fixtures/bad", name);
const good = (name: string) => join(root, "fixtures/results", name);

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("reading perfgate files", () => {
  it("reads one run from a results file", async () => {
    const runs = await readResults(good("current-unchanged.json"));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.benchmarks.map((b) => b.name)).toEqual(["parse/json", "tcp/throughput"]);
  });

  it("reads every run of a history, oldest first", async () => {
    const runs = await readResults(good("history-30-runs-3pct-noise.json"));
    expect(runs).toHaveLength(30);
    const times = runs.map((r) => Date.parse(r.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("migrates a pre-release v0 file instead of dropping it", async () => {
    const [run] = await readResults(good("v0-pre-release.json"));
    expect(run?.schema).toBe("perfgate/results/v1");
    expect(run?.timestamp).toBe("2025-12-01T00:00:00Z");
    expect(run?.environment).toEqual({ os: "linux" });
    expect(run?.benchmarks[1]).toEqual({
      name: "tcp/throughput",
      metrics: { throughput: { unit: "Gbit/s", direction: "higher", samples: [9.4, 9.3] } },
    });
  });

  it("migrates the runs inside a v0 history", async () => {
    const v0run = {
      schema: "perfgate/results/v0",
      suite: "s",
      date: "2025-12-01T00:00:00Z",
      results: [{ name: "b", metric: "time", unit: "ms", better: "lower", values: [2] }],
    };
    const text = JSON.stringify({ schema: "perfgate/history/v0", suite: "s", entries: [v0run] });
    const runs = await parseResultsText(text, "h.json");
    expect(runs[0]?.benchmarks[0]?.metrics.time).toEqual({
      unit: "s",
      direction: "lower",
      samples: [0.002],
    });
  });

  it("converts known non-canonical units to canonical ones", async () => {
    const [run] = await readResults(good("ms-units.json"));
    const time = run?.benchmarks[0]?.metrics.time;
    expect(time?.unit).toBe("s");
    expect(time?.samples[0]).toBeCloseTo(0.00125, 12);
    const rate = run?.benchmarks[1]?.metrics.rate;
    expect(rate?.unit).toBe("Gbit/s");
    expect(rate?.samples[0]).toBeCloseTo((1000 * 1024 * 1024 * 8) / 1e9, 9);
  });

  it("reads several files of one side in order", async () => {
    const files = [1, 2, 3].map((i) => good(`paired/base-${i}.json`));
    const runs = await readResultsFiles(files);
    expect(runs).toHaveLength(3);
  });
});

describe("bad input is one InputError naming the file and the place", () => {
  it.each([
    ["empty.json", undefined, "the file is empty"],
    ["not-json.json", "line 4:3", "not JSON: "],
    ["unknown-schema.json", "$.schema", 'unknown schema "perfgate/results/v9"'],
    ["nan-string.json", "$.benchmarks[0].metrics.time.samples[1]", '"NaN" is not a finite number'],
    ["infinity.json", "$.benchmarks[0].metrics.time.samples[1]", "not a finite number"],
    ["null-sample.json", "$.benchmarks[0].metrics.time.samples[1]", "expected number, found null"],
    ["negative-time.json", "$.benchmarks[0].metrics.time.samples[1]", "negative time (-0.0011 s)"],
    ["empty-samples.json", "$.benchmarks[0].metrics.time.samples", "no samples"],
    ["duplicate-names.json", "$.benchmarks[1].name", "duplicate benchmark name 'parse/json'"],
    ["bad-direction.json", "$.benchmarks[0].metrics.time.direction", '"down" is not one of'],
    ["not-perfgate.json", "$", "not a perfgate results or history file"],
  ])("%s", async (name, where, message) => {
    const error = await failure(readResults(join(root, bad(name))));
    expect(error.file).toBe(join(root, bad(name)));
    expect(error.where).toBe(where);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain("\n");
  });

  it("a file that does not exist", async () => {
    const error = await failure(readResults("no/such/file.json"));
    expect(error.message).toBe("no/such/file.json: cannot read: no such file");
  });

  it("a suite mismatch between files of one side names the second file", async () => {
    const first = good("current-unchanged.json");
    const second = join(root, bad("other-suite.json"));
    const error = await failure(readResultsFiles([first, second]));
    expect(error.file).toBe(second);
    expect(error.where).toBe("$.suite");
    expect(error.message).toContain(`'another-suite' does not match suite 'synthetic' of ${first}`);
  });

  it("files of different suites are one side when the user names the suite they are read as", async () => {
    const first = good("current-unchanged.json");
    const second = join(root, bad("other-suite.json"));
    const runs = await readResultsFiles([first, second], { readAs: "matrix" });
    expect(runs.map((r) => r.suite)).toEqual(["matrix", "matrix"]);
  });

  it("a run of another suite inside a history", async () => {
    const history = {
      schema: "perfgate/history/v1",
      suite: "a",
      runs: [
        {
          schema: "perfgate/results/v1",
          suite: "b",
          timestamp: "2026-01-01T00:00:00Z",
          environment: {},
          benchmarks: [],
        },
      ],
    };
    const error = await failure(parseResultsText(JSON.stringify(history), "h.json"));
    expect(error.where).toBe("$.runs[0].suite");
  });

  it("a timestamp that is not RFC 3339", async () => {
    const doc = {
      schema: "perfgate/results/v1",
      suite: "a",
      timestamp: "yesterday",
      environment: {},
      benchmarks: [],
    };
    const error = await failure(parseResultsText(JSON.stringify(doc), "r.json"));
    expect(error.message).toBe('r.json: $.timestamp: "yesterday" is not a valid date-time');
  });

  it("an unknown key is named by its path", async () => {
    const doc = {
      schema: "perfgate/results/v1",
      suite: "a",
      timestamp: "2026-01-01T00:00:00Z",
      environment: {},
      benchmarks: [],
      extra: 1,
    };
    const error = await failure(parseResultsText(JSON.stringify(doc), "r.json"));
    expect(error.where).toBe("$.extra");
  });

  it("a missing key", async () => {
    const doc = { schema: "perfgate/results/v1", suite: "a", environment: {}, benchmarks: [] };
    const error = await failure(parseResultsText(JSON.stringify(doc), "r.json"));
    expect(error.message).toBe("r.json: $: missing required key 'timestamp'");
  });

  it("truncated JSON points at its end", async () => {
    const text = '{\n  "schema": "perfgate/results/v1",\n  "suite": "a"';
    const error = await failure(parseResultsText(text, "r.json"));
    expect(error.where).toMatch(/^line 3:/);
    expect(error.message).toContain("not JSON");
  });
});

describe("other tools' output through the parser registry", () => {
  const dir = mkdtempSync(join(tmpdir(), "perfgate-read-"));
  const file = join(dir, "custom.json");
  writeFileSync(
    file,
    JSON.stringify([
      { name: "render", unit: "ms", value: 12 },
      { name: "render", unit: "ms", value: 14 },
    ]),
  );

  it("reads github-action-benchmark's customSmallerIsBetter JSON with --tool", async () => {
    const [run] = await readResults(file, {
      tool: "customSmallerIsBetter",
      timestamp: "2026-01-01T00:00:00Z",
    });
    expect(run?.suite).toBe("customSmallerIsBetter");
    const metric = run?.benchmarks[0]?.metrics.value;
    expect(metric?.direction).toBe("lower");
    expect(metric?.unit).toBe("s");
    expect(metric?.samples[0]).toBeCloseTo(0.012, 12);
    expect(metric?.samples[1]).toBeCloseTo(0.014, 12);
  });

  it("asks for --tool when two formats could read the file", async () => {
    const error = await failure(readResults(file));
    expect(error.message).toContain("could be customBiggerIsBetter or customSmallerIsBetter");
  });

  it("names an unknown tool", async () => {
    const error = await failure(readResults(file, { tool: "nope" }));
    expect(error.message).toContain("unknown tool 'nope'");
  });
});
