import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCorpus, replaySuite, type SuiteReplay, stepPersists } from "../../bench/lib/corpus.js";

const DIR = fileURLToPath(
  new URL("../../fixtures/github-action-benchmark/corpus", import.meta.url),
);

describe("a step persists when the next runs stay at least half-way out", () => {
  it.each([
    [[1.5, 1.5, 1.45], "persists"],
    [[1.5, 1.0, 1.5], "reverts"],
    [[1.0, 1.0, 1.0], "reverts"],
    [[1.5, 1.5], "unknown"],
  ] as const)("%j after a failure at 1.5 from 1.0: %s", (later, step) => {
    expect(stepPersists(later, 1, 1.5)).toBe(step);
  });
  it("works the same for a drop (higher is better)", () => {
    expect(stepPersists([0.55, 0.6, 0.5], 1, 0.5)).toBe("persists");
    expect(stepPersists([0.95, 0.6, 0.5], 1, 0.5)).toBe("reverts");
  });
});

describe("real hosted-runner histories replayed commit by commit (issue 23)", () => {
  const replays: SuiteReplay[] = loadCorpus(DIR)
    .filter((s) => s.history.runs.length > 1)
    .map((s) => replaySuite(s));
  const all = (pick: (r: SuiteReplay) => number) => replays.reduce((s, r) => s + pick(r), 0);
  const commits = all((r) => r.commits);

  it("reads every suite of the corpus", () => {
    expect(replays.length).toBe(18);
    expect(commits).toBe(2578);
  });

  it("carries an inconclusive finding on well under 10 % of commits, in every suite", () => {
    // Measured: 1.7 % of all commits, at most 5.0 % in a suite of ≥ 40 commits (sfdx-git-delta runtime);
    // before issue 23's rule 81.7 %, and 98 % in the 49-benchmark rhai suite.
    // The one suite above (rulego/streamsql, 3 of 25 commits): counts that left 0 (0 → 3
    // allocs/op), which have no relative change, and its first run.
    expect(all((r) => r.inconclusive) / commits).toBeLessThan(0.03);
    for (const r of replays.filter((x) => x.commits >= 40))
      expect(r.inconclusive / r.commits).toBeLessThan(0.1);
  });

  it("fails the build on the steps that stay", () => {
    const failed = replays.flatMap((r) => r.failures.map((f) => `${r.project} ${f.commit}`));
    // rune aoc_2020_11a ~3× slower from 0f04e24 on; sfdx-git-delta's manifest aggregation
    // +67–86 % from 01f7413 on: both stay for every later run.
    expect(failed).toContain("rune-rs/rune 0f04e24");
    expect(failed).toContain("scolladon/sfdx-git-delta-memory 01f7413");
    expect(failed).toContain("scolladon/sfdx-git-delta-runtime 01f7413");
  });

  it("fails the build on at most 0.6 % of commits, and on at most 7 one-run blips", () => {
    // Measured: 13 failed commits of 2,578 (0.50 %); 6 on a persisting step, 7 on blips
    // that no single value can tell from a step (docs/verdict.md, "Hosted-runner corpus").
    expect(all((r) => r.failed) / commits).toBeLessThanOrEqual(0.006);
    const blips = replays.flatMap((r) => {
      const byCommit = new Map<number, string[]>();
      for (const f of r.failures) byCommit.set(f.index, [...(byCommit.get(f.index) ?? []), f.step]);
      return [...byCommit.values()].filter((steps) => !steps.includes("persists"));
    });
    expect(blips.length).toBeLessThanOrEqual(7);
  });
}, 120_000);
