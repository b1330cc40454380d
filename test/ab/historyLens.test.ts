import { describe, expect, it } from "vitest";
import { type SamplingPlan, sample } from "../../src/ab/sampler.js";
import { withHistoryLens } from "../../src/ab/session.js";
import { round, simulatedRunner } from "./builders.js";

const plan: SamplingPlan = { minPairs: 6, maxPairs: 8, looks: 2, maxTimeMs: 60_000, seed: 5 };

describe("the history lens", () => {
  it("adds its verdict to a new report and leaves the caller's outcome as it was", async () => {
    const sampling = await sample({ plan, runSide: simulatedRunner(1, 0.02, 9), now: () => 0 });
    const outcome = { report: sampling.report, sampling, baseCommit: "a", headCommit: "b" };
    const warningsBefore = [...outcome.report.warnings];
    const history = [0.001, 0.00101, 0.00099, 0.001, 0.00102].map(round);

    const lensed = withHistoryLens(outcome, history, {});

    expect(lensed.historyReport).toBeDefined();
    expect(lensed.report.warnings.at(-1)).toMatch(/^history lens \(shown, does not decide/);
    expect(lensed.report.warnings).toHaveLength(warningsBefore.length + 1);
    expect(outcome.report.warnings).toEqual(warningsBefore);
    expect(lensed.report.status).toBe(outcome.report.status);
  });

  it("with no stored history there is nothing to add", async () => {
    const sampling = await sample({ plan, runSide: simulatedRunner(1, 0.02, 9), now: () => 0 });
    const outcome = { report: sampling.report, sampling, baseCommit: "a", headCommit: "b" };
    expect(withHistoryLens(outcome, [], {})).toBe(outcome);
  });
});
