import { describe, expect, it } from "vitest";
import { scaleInput } from "../../bench/lib/scaleInput.js";
import { compare } from "../../src/analyze/compare.js";
import { collectRuns } from "../../src/analyze/observations.js";
import type { Finding } from "../../src/analyze/types.js";
import { parseHistory, serializeHistory } from "../../src/baseline/history.js";
import { parseResultsText } from "../../src/collect/read.js";
import { COMPACT_HISTORY_SCHEMA, compactHistory } from "../../src/model/compactHistory.js";
import { viewWithout } from "../../src/model/historyColumns.js";
import {
  chooseExponent,
  packSeries,
  SIGNIFICANT_DIGITS,
  unpackSeries,
} from "../../src/model/seriesCodec.js";
import { HISTORY_SCHEMA, type History, type Results } from "../../src/model/types.js";
import { InputError } from "../../src/util/errors.js";
import { baselineRuns, history, results } from "../baseline/builders.js";

// biome-ignore lint/suspicious/noExplicitAny: a document spoiled by hand is untyped on purpose
type Spoilable = any;

/** Through the stored text and back, as a store does. */
function roundTrip(h: History): History {
  const parsed = parseHistory(serializeHistory(h), "h.json");
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.history;
}

function unpacked(text: string, exponent: number, count: number): number[] {
  const u = unpackSeries(text, exponent, count);
  if ("problem" in u) throw new Error(u.problem);
  return u.values;
}

describe("packing a series", () => {
  it("writes small differences in one or two characters, as the file comment shows", () => {
    expect(packSeries([5341e-7, 5400e-7, 5322e-7], -7)).toBe("6tK2D7E");
    expect(unpacked("6tK2D7E", -7, 3)).toEqual([5341e-7, 5400e-7, 5322e-7]);
  });

  it.each([
    ["bytes (integers)", [1_048_576, 1_048_577, 2_000_003], 0],
    ["a tool that prints 3 decimals", [12.345, 12.4, 13.001], -3],
    ["zeros", [0, 0, 0], 0],
    ["negative values (a signed custom metric)", [-1.5, 2.25, -0.125], -3],
  ])("keeps %s exactly", (_, values, exponent) => {
    expect(chooseExponent(values)).toBe(exponent);
    expect(unpacked(packSeries(values, exponent), exponent, values.length)).toEqual(values);
  });

  it(`keeps ${SIGNIFICANT_DIGITS} significant digits of full-precision floats, even of the smallest`, () => {
    const values = [0.001234567891, 0.9876543219876, 0.0567891234];
    const e = chooseExponent(values);
    expect(e).toBe(-6);
    unpacked(packSeries(values, e), e, 3).forEach((v, i) => {
      const x = values[i] as number;
      expect(Math.abs(v - x) / x).toBeLessThanOrEqual(0.5 * 10 ** (1 - SIGNIFICANT_DIGITS));
      expect(v).not.toBe(x);
    });
  });

  it("never scales a series so far that its largest value stops being an exact integer", () => {
    const values = [1e-12, 1e6];
    const e = chooseExponent(values);
    expect(1e6 / 10 ** e).toBeLessThanOrEqual(2 ** 50);
    expect(unpacked(packSeries(values, e), e, 2)[1]).toBe(1e6);
  });

  it.each([
    ["a character outside the digits", "6t!K", 2, /character "!" at 2/],
    ["a value cut off", "6tK2", 2, /ends in the middle of a value/],
    ["too few values", "6tK2D", 3, /holds 2 values where its rounds say 3/],
    ["too many values", "6tK2D", 1, /more than the 1 values/],
  ])("reports %s", (_, text, count, problem) => {
    const u = unpackSeries(text, -7, count);
    expect("problem" in u && u.problem).toMatch(problem);
  });
});

describe("the compact history (v2)", () => {
  it("is what the stores write, and reads back as the same runs with samples rounded", () => {
    const runs = baselineRuns(5, { n: 4, rounds: 5 });
    const h = history(runs);
    const text = serializeHistory(h);
    expect(JSON.parse(text).schema).toBe(COMPACT_HISTORY_SCHEMA);
    const back = roundTrip(h);
    expect(back.schema).toBe(HISTORY_SCHEMA);
    expect(back.runs.map((r) => [r.commit, r.timestamp, r.environment, r.suite])).toEqual(
      runs.map((r) => [r.commit, r.timestamp, r.environment, r.suite]),
    );
    back.runs.forEach((run, r) => {
      run.benchmarks.forEach((b, i) => {
        const was = runs[r]?.benchmarks[i];
        expect(b.name).toBe(was?.name);
        const samples = b.metrics.time?.samples ?? [];
        samples.forEach((v, k) => {
          const x = was?.metrics.time?.samples[k] as number;
          expect(Math.abs(v - x) / x).toBeLessThan(5e-4);
        });
      });
    });
  });

  it("keeps runs that measured different benchmarks, rounds and units, and notes and refs", () => {
    const a: Results = { ...results({ commit: "a", n: 2, rounds: 3 }), ref: "refs/heads/main" };
    const b: Results = {
      ...results({ commit: "b", n: 3, rounds: 7, timestamp: "2026-11-02T00:00:00.000Z" }),
      notes: ["stopped early"],
    };
    // The second run measured bench/0's time in bytes (a changed metric): its own column.
    const changed = b.benchmarks[0];
    if (!changed?.metrics.time) throw new Error("builder changed");
    changed.metrics.time = { unit: "B", direction: "lower", samples: [1, 2, 3] };
    const back = roundTrip(history([a, b]));
    expect(back.runs[0]?.ref).toBe("refs/heads/main");
    expect(back.runs[1]?.notes).toEqual(["stopped early"]);
    expect(back.runs[0]?.benchmarks.map((x) => x.name)).toEqual(["bench/0", "bench/1"]);
    expect(back.runs[1]?.benchmarks.map((x) => x.name)).toEqual(["bench/0", "bench/1", "bench/2"]);
    expect(back.runs[1]?.benchmarks[0]?.metrics.time).toEqual(changed.metrics.time);
    expect(back.runs[0]?.benchmarks[0]?.metrics.time?.unit).toBe("s");
    expect(back.runs[1]?.benchmarks[1]?.metrics.time?.samples).toHaveLength(7);
  });

  it("keeps an empty history and a run without a commit", () => {
    expect(roundTrip(history([])).runs).toEqual([]);
    const back = roundTrip(history([results({})]));
    expect(back.runs[0]?.commit).toBeUndefined();
  });

  it("is read by perfgate compare's reader too, and v1 files still are (migration on read)", async () => {
    const h = history(baselineRuns(5));
    const fromV2 = await parseResultsText(serializeHistory(h), "h.json");
    const fromV1 = await parseResultsText(JSON.stringify(h), "h1.json");
    expect(fromV2.map((r) => r.commit)).toEqual(fromV1.map((r) => r.commit));
    // A v1 file read and saved again comes out compact.
    const parsed = parseHistory(JSON.stringify(h), "old.json");
    if ("problem" in parsed) throw new Error(parsed.problem);
    expect(JSON.parse(serializeHistory(parsed.history)).schema).toBe(COMPACT_HISTORY_SCHEMA);
  });

  it("is a tenth of the v1 file or less for a realistic suite", () => {
    const input = scaleInput(200, 30);
    const h: History = { schema: HISTORY_SCHEMA, suite: "scale", runs: input.baseline };
    const ratio = JSON.stringify(h).length / serializeHistory(h).length;
    expect(ratio).toBeGreaterThan(10);
  });

  it.each([
    [
      "a packed string that does not match its rounds",
      (d: Spoilable) => {
        d.benchmarks[0].metrics.time.rounds = 6;
      },
      /h\.json: \$\.benchmarks\[0\]\.metrics\.time\.values: holds 25 values where its rounds say 30/,
    ],
    [
      "rounds per run that do not match the runs",
      (d: Spoilable) => {
        d.benchmarks[0].metrics.time.rounds = [5, 5];
      },
      /\$\.benchmarks\[0\]\.metrics\.time\.rounds: rounds has 2 counts for 5 runs/,
    ],
    [
      "a negative time",
      (d: Spoilable) => {
        // Zigzag 1 is −1: the first value becomes −1 × 10^exponent.
        d.benchmarks[0].metrics.time.values = `B${d.benchmarks[0].metrics.time.values.slice(4)}`;
      },
      /\$\.benchmarks\[0\]\.metrics\.time\.values\[0\]: negative time/,
    ],
    [
      "a field the format does not have",
      (d: Spoilable) => {
        d.benchmarks[0].metrics.time.scale = 2;
      },
      /\$\.benchmarks\[0\]\.metrics\.time/,
    ],
  ])("rejects %s with the file and the place", async (_, spoil, message) => {
    const doc = JSON.parse(serializeHistory(history(baselineRuns(5))));
    spoil(doc);
    const parsed = parseHistory(JSON.stringify(doc), "h.json");
    expect("problem" in parsed && parsed.problem).toMatch(message);
    await expect(parseResultsText(JSON.stringify(doc), "h.json")).rejects.toBeInstanceOf(
      InputError,
    );
  });
});

describe("the verdict is unchanged by the encoding", () => {
  /** How far rounding may move a change or an interval end: 0.05 percentage points, the
   *  rounding of one value at 4 significant digits. */
  const MOVED = 5e-4;

  it("gives every benchmark the same grade, unless an interval ends on a grade's line", () => {
    // 300 benchmarks × 3 metrics, 30 runs, hosted-runner noise, 1 % slowed 30 %.
    const input = scaleInput(300, 30, 7);
    const stored = roundTrip({ schema: HISTORY_SCHEMA, suite: "scale", runs: input.baseline });
    const before = compare(input);
    const after = compare({ ...input, baseline: stored.runs });
    const t = before.thresholds;
    const lines = [t.tolerance, t.moderate, t.severe, t.critical, t.criticalConservative];
    const ends = (f: Finding) => [f.change?.estimate, f.change?.low, f.change?.high];
    const onALine = (f: Finding) =>
      ends(f).some((x) => x !== undefined && lines.some((l) => Math.abs(Math.abs(x) - l) < MOVED));
    const key = (f: Finding) => `${f.benchmark} ${f.metric}`;
    const afterByKey = new Map(after.findings.map((f) => [key(f), f]));
    expect(before.findings.some((f) => f.verdict === "regression")).toBe(true);
    let differ = 0;
    for (const f of before.findings) {
      const g = afterByKey.get(key(f)) as Finding;
      ends(f).forEach((x, i) => {
        if (x !== undefined) expect(Math.abs((ends(g)[i] as number) - x)).toBeLessThan(MOVED);
      });
      const same = f.verdict === g.verdict && f.severity === g.severity;
      if (!same) differ++;
      if (!onALine(f) && !onALine(g))
        expect(`${key(f)} ${g.verdict} ${g.severity}`).toBe(`${key(f)} ${f.verdict} ${f.severity}`);
    }
    // Measured: 1 of 900 (an interval end 2e-6 from the 10 % line moved across it).
    expect(differ).toBeLessThanOrEqual(1);
  });

  it("round trip of the compact form is stable: encoding a decoded history changes nothing", () => {
    const h = history(baselineRuns(6, { n: 5 }));
    const once = roundTrip(h);
    expect(compactHistory(roundTrip(once))).toEqual(compactHistory(once));
  });
});

describe("a compact history's runs are views of its columns", () => {
  /** Runs that measured different benchmarks and metrics: bench/1 joins at run 2, bench/0's
   *  heap only from run 3, run 4 lacks bench/2, and a metric's name looks like an index. */
  function irregular(): Results[] {
    return baselineRuns(6, { n: 3, rounds: 3 }).map((run, r) => ({
      ...run,
      benchmarks: run.benchmarks
        .filter((b) => !(b.name === "bench/1" && r < 2) && !(b.name === "bench/2" && r === 4))
        .map((b) =>
          b.name === "bench/0" && r >= 3
            ? {
                ...b,
                metrics: {
                  ...b.metrics,
                  heap: { unit: "B", direction: "lower" as const, samples: [10 + r, 11, 12] },
                  "7": { unit: "count", direction: "higher" as const, samples: [1, 2, r] },
                },
              }
            : b,
        ),
    }));
  }
  /** The same runs as ordinary objects (through JSON, which reads every view). */
  const plain = (runs: Results[]): Results[] => JSON.parse(JSON.stringify(runs));

  it("serialise, compare and collect exactly as the runs they stand for", () => {
    const back = roundTrip(history(irregular())).runs;
    const objects = plain(back);
    const fresh = roundTrip(history(irregular())).runs;
    // Columns first (views unread), then the same runs read as objects.
    const fromColumns = collectRuns(fresh.slice(1));
    expect([...fromColumns]).toEqual([...collectRuns(plain(fresh).slice(1))]);
    expect([...fromColumns.keys()]).toContain(`bench/0\u00007`);
    expect(back.map((r) => Object.keys(r))).toEqual(objects.map((r) => Object.keys(r)));
    const current = [results({ commit: "head", n: 3, rounds: 3 })];
    const a = compare({ baseline: roundTrip(history(irregular())).runs, current });
    expect(a).toEqual(compare({ baseline: objects, current }));
  });

  it("leave out the metrics a step cuts, as a copy of the runs would", () => {
    const runs = roundTrip(history(irregular())).runs;
    const leaveOut = (b: string, m: string) => b === "bench/0" && m === "time";
    const cut = runs.map((run) => viewWithout(run, leaveOut));
    expect(cut.every((r) => r !== undefined)).toBe(true);
    const expected = plain(runs).map((run) => ({
      ...run,
      benchmarks: run.benchmarks
        .map((b) => ({
          ...b,
          metrics: Object.fromEntries(
            Object.entries(b.metrics).filter(([m]) => !leaveOut(b.name, m)),
          ),
        }))
        .filter((b) => Object.keys(b.metrics).length > 0),
    }));
    // First-seen order moves bench/0's heap behind what run 0 has: as walking the copies.
    expect([...collectRuns(cut as Results[])]).toEqual([...collectRuns(expected)]);
    expect(plain(cut as Results[])).toEqual(expected);
  });

  it("are read again as objects once someone has read, and so may have changed, a run", () => {
    const runs = roundTrip(history(irregular())).runs;
    const first = runs[0]?.benchmarks[0]?.metrics.time;
    if (!first) throw new Error("no bench/0 time in run 0");
    first.samples = [1, 2, 3];
    expect(collectRuns(runs).get(`bench/0\u0000time`)?.runs[0]).toEqual([1, 2, 3]);
    expect(viewWithout(runs[0] as Results, () => true)).toBeUndefined();
    // A run given new benchmarks keeps them.
    const other = roundTrip(history(irregular())).runs;
    (other[1] as Results).benchmarks = [];
    expect([...collectRuns(other).values()].every((m) => m.runs[1] === undefined)).toBe(true);
  });

  it("choose benchmarks by name for the scaling series without reading the runs", () => {
    const runs = roundTrip(history(irregular())).runs;
    const keep = (name: string) => name !== "bench/0";
    const chosen = collectRuns(runs, keep);
    expect([...chosen.keys()]).toEqual([`bench/2\u0000time`, `bench/1\u0000time`]);
    expect([...chosen]).toEqual([...collectRuns(plain(runs), keep)]);
  });
});
