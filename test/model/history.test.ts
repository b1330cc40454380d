import { describe, expect, it } from "vitest";
import { DEFAULT_HISTORY_SIZE } from "../../src/model/defaults.js";
import {
  appendRun,
  emptyHistory,
  mergeHistory,
  newestRuns,
  trimHistory,
} from "../../src/model/history.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";

/** A run of suite "s" for `commit`, `hour` hours into 2026, one sample `value`. */
function run(commit: string | undefined, hour: number, value = 1): Results {
  return {
    schema: RESULTS_SCHEMA,
    suite: "s",
    ...(commit ? { commit } : {}),
    timestamp: new Date(Date.UTC(2026, 0, 1, hour)).toISOString(),
    environment: {},
    benchmarks: [
      { name: "b", metrics: { time: { unit: "s", direction: "lower", samples: [value] } } },
    ],
  };
}

const commits = (runs: Results[]) => runs.map((r) => r.commit);
const sample = (r: Results | undefined) => r?.benchmarks[0]?.metrics.time?.samples[0];

describe("appendRun", () => {
  it("adds the run as the newest", () => {
    const h = appendRun(appendRun(emptyHistory("s"), run("a", 1)), run("b", 2));
    expect(commits(h.runs)).toEqual(["a", "b"]);
  });

  it("replaces the older run of the same commit with the newer one", () => {
    let h = emptyHistory("s");
    h = appendRun(h, run("a", 1, 10));
    h = appendRun(h, run("b", 2));
    h = appendRun(h, run("a", 3, 11));
    expect(commits(h.runs)).toEqual(["b", "a"]);
    expect(sample(h.runs[1])).toBe(11);
  });

  it(`keeps the last ${DEFAULT_HISTORY_SIZE} runs by default, newest last`, () => {
    let h = emptyHistory("s");
    for (let i = 0; i < DEFAULT_HISTORY_SIZE + 5; i++) h = appendRun(h, run(`c${i}`, i));
    expect(h.runs).toHaveLength(DEFAULT_HISTORY_SIZE);
    expect(h.runs[0]?.commit).toBe("c5");
    expect(h.runs.at(-1)?.commit).toBe(`c${DEFAULT_HISTORY_SIZE + 4}`);
  });

  it("keeps N when asked, on both sides of the limit", () => {
    let h = emptyHistory("s");
    for (let i = 0; i < 3; i++) h = appendRun(h, run(`c${i}`, i), 3);
    expect(h.runs).toHaveLength(3);
    h = appendRun(h, run("c3", 3), 3);
    expect(commits(h.runs)).toEqual(["c1", "c2", "c3"]);
  });

  it("does not change the history it was given", () => {
    const h = appendRun(emptyHistory("s"), run("a", 1));
    appendRun(h, run("b", 2));
    expect(h.runs).toHaveLength(1);
  });

  it("refuses a run of another suite", () => {
    expect(() => appendRun(emptyHistory("other"), run("a", 1))).toThrow(/suite 's'/);
  });

  it("keeps runs without a commit apart", () => {
    const h = appendRun(appendRun(emptyHistory("s"), run(undefined, 1)), run(undefined, 2));
    expect(h.runs).toHaveLength(2);
  });
});

describe("mergeHistory (two pushes raced)", () => {
  const base = [run("a", 1), run("b", 2), run("c", 3)];

  it("keeps both new runs when two writers appended one each", () => {
    const stored = { ...emptyHistory("s"), runs: [...base, run("e", 5)] };
    const mine = { ...emptyHistory("s"), runs: [...base, run("f", 6)] };
    expect(commits(mergeHistory(stored, mine).runs)).toEqual(["a", "b", "c", "e", "f"]);
    expect(commits(mergeHistory(mine, stored).runs)).toEqual(["a", "b", "c", "e", "f"]);
  });

  it("orders by time whichever side a run came from", () => {
    const stored = { ...emptyHistory("s"), runs: [run("a", 1), run("d", 4)] };
    const mine = { ...emptyHistory("s"), runs: [run("b", 2), run("c", 3)] };
    expect(commits(mergeHistory(stored, mine).runs)).toEqual(["a", "b", "c", "d"]);
  });

  it("never loses a run still inside the window, even from a shorter history", () => {
    const stored = { ...emptyHistory("s"), runs: [run("a", 1), run("b", 2), run("c", 3)] };
    const truncated = { ...emptyHistory("s"), runs: [run("d", 4)] };
    expect(commits(mergeHistory(stored, truncated, 3).runs)).toEqual(["b", "c", "d"]);
    expect(commits(mergeHistory(stored, emptyHistory("s"), 3).runs)).toEqual(["a", "b", "c"]);
  });

  it("keeps the newer measurement of a commit both sides hold", () => {
    const stored = { ...emptyHistory("s"), runs: [run("a", 1, 10)] };
    const mine = { ...emptyHistory("s"), runs: [run("a", 2, 20)] };
    expect(sample(mergeHistory(stored, mine).runs[0])).toBe(20);
    expect(sample(mergeHistory(mine, stored).runs[0])).toBe(20);
  });

  it("is idempotent", () => {
    const h = { ...emptyHistory("s"), runs: base };
    expect(mergeHistory(h, h)).toEqual(h);
  });

  it("refuses to merge histories of two suites", () => {
    expect(() => mergeHistory(emptyHistory("s"), emptyHistory("t"))).toThrow(/suite/);
  });
});

describe("trimHistory", () => {
  it("dedupes, orders and trims a history read from disk", () => {
    const h = { ...emptyHistory("s"), runs: [run("b", 2), run("a", 1), run("b", 3, 7)] };
    const trimmed = trimHistory(h, 5);
    expect(commits(trimmed.runs)).toEqual(["a", "b"]);
    expect(sample(trimmed.runs[1])).toBe(7);
  });
});

describe("newestRuns", () => {
  it("orders given runs oldest first, keeps equal times in the order given, and keeps the last size", () => {
    const given = [run("late", 5), run("early", 1), run("tie1", 3), run("tie2", 3), run("a", 2, 1)];
    expect(commits(newestRuns(given, 10))).toEqual(["early", "a", "tie1", "tie2", "late"]);
    expect(commits(newestRuns(given, 2))).toEqual(["tie2", "late"]);
  });

  it("keeps every run of a commit: given files are not a stored history", () => {
    expect(newestRuns([run("a", 1, 10), run("a", 2, 11)]).map(sample)).toEqual([10, 11]);
  });
});
