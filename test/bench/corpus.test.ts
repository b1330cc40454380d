import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ACTION_WINDOW,
  loadCorpus,
  replaySuite,
  type SuiteReplay,
  stepPersists,
} from "../../bench/lib/corpus.js";

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
  const suites = loadCorpus(DIR).filter((s) => s.history.runs.length > 1);
  const at = (window?: number) => suites.map((s) => replaySuite(s, window));
  const replays = { issue: at(), action: at(ACTION_WINDOW) };
  const all = (rs: SuiteReplay[], pick: (r: SuiteReplay) => number) =>
    rs.reduce((s, r) => s + pick(r), 0);
  const commits = all(replays.issue, (r) => r.commits);
  const blips = (rs: SuiteReplay[]) =>
    rs.flatMap((r) => {
      const byCommit = new Map<number, string[]>();
      for (const f of r.failures) byCommit.set(f.index, [...(byCommit.get(f.index) ?? []), f.step]);
      return [...byCommit.values()].filter((steps) => !steps.includes("persists"));
    });

  it("reads every suite of the corpus", () => {
    expect(suites.length).toBe(18);
    expect(commits).toBe(2578);
  });

  it.each(["issue", "action"] as const)(
    "carries an inconclusive finding on well under 10 %% of commits, in every suite (%s window)",
    (window) => {
      // Measured: 2.0 % (20 runs) and 2.3 % (30) of all commits, at most 5.0 % in a suite of
      // ≥ 40 commits; before issue 23's rule 81.7 %, and 98 % in the 49-benchmark rhai suite.
      // The one suite above (rulego/streamsql, 3 of 25 commits): counts that left 0 (0 → 3
      // allocs/op), which have no relative change, and its first run.
      const rs = replays[window];
      expect(all(rs, (r) => r.inconclusive) / commits).toBeLessThan(0.03);
      for (const r of rs.filter((x) => x.commits >= 40))
        expect(r.inconclusive / r.commits).toBeLessThan(0.1);
    },
  );

  it.each(["issue", "action"] as const)(
    "fails the build on the steps that stay (%s window)",
    (window) => {
      const failed = replays[window].flatMap((r) =>
        r.failures.map((f) => `${r.project} ${f.commit}`),
      );
      // rune aoc_2020_11a ~3× slower from 0f04e24 on; sfdx-git-delta's manifest aggregation
      // +67–86 % from 01f7413 on: both stay for every later run.
      expect(failed).toContain("rune-rs/rune 0f04e24");
      expect(failed).toContain("scolladon/sfdx-git-delta-memory 01f7413");
      expect(failed).toContain("scolladon/sfdx-git-delta-runtime 01f7413");
    },
  );

  it.each(["issue", "action"] as const)(
    "passes no commit as a runner hiccup: every failure is a lone series or a few related ones (%s window)",
    (window) => {
      // The replay judges each push as the Action judges a tool's files (not confirmed, or a
      // hiccup passed once); none of the corpus's failures is many series moved by one factor.
      expect(all(replays[window], (r) => r.hiccups)).toBe(0);
    },
  );

  it("fails the build on at most 0.6 % of commits; one-run blips at most 8 (20 runs) and 6 (30)", () => {
    // Measured: 14 and 12 failed commits of 2,578; 6 on a persisting step in both; the rest
    // blips that no single value can tell from a step (docs/verdict.md, "Hosted-runner corpus").
    expect(all(replays.issue, (r) => r.failed) / commits).toBeLessThanOrEqual(0.006);
    expect(all(replays.action, (r) => r.failed) / commits).toBeLessThanOrEqual(0.006);
    expect(blips(replays.issue).length).toBeLessThanOrEqual(8);
    expect(blips(replays.action).length).toBeLessThanOrEqual(6);
  });
}, 180_000);
