import { describe, expect, it } from "vitest";
import { type SamplingPlan, type Side, sample } from "../../src/ab/sampler.js";
import { samplingLine } from "../../src/ab/summary.js";
import type { Results } from "../../src/model/types.js";
import { round, simulatedRunner } from "./builders.js";

const plan: SamplingPlan = { minPairs: 6, maxPairs: 20, looks: 4, maxTimeMs: 60_000, seed: 7 };

/** A clock that moves only when a round runs: each round takes `ms`. */
function fakeClock(ms: number, run: (side: Side, pair: number) => Promise<Results>) {
  let t = 0;
  return {
    now: () => t,
    runSide: async (side: Side, pair: number) => {
      t += ms;
      return run(side, pair);
    },
  };
}

describe("sequential sampling", () => {
  it("a clear 30 % slowdown stops early, graded Severe, and says why", async () => {
    const s = await sample({ plan, ...fakeClock(100, simulatedRunner(1.3, 0.02, 1)) });
    expect(s.stop).toBe("settled");
    expect(s.pairs).toBeLessThan(20);
    expect(s.looked.at(-1)).toBe(s.pairs);
    const f = s.report.findings[0];
    expect(f).toMatchObject({ verdict: "regression", severity: "severe" });
    expect(s.report.mode).toBe("paired");
    expect(samplingLine(s, plan.maxTimeMs)).toMatch(
      new RegExp(`^same-runner A/B: ${s.pairs} pairs .*stopped: every interval is clear`),
    );
  });

  it("a 3× slowdown is Critical at the first look: the paired test's power grows with the effect", async () => {
    const s = await sample({ plan, ...fakeClock(100, simulatedRunner(3, 0.02, 2)) });
    expect(s.report.findings[0]).toMatchObject({ verdict: "regression", severity: "critical" });
    // criticalAlpha / 4 looks = 0.00025: the trimmed t test on 8 pairs 3× apart reaches it
    // (the exact signed-rank test could not before 13 pairs).
    expect(s.pairs).toBe(8);
    expect(s.report.status).toBe("fail");
  });

  it("a change on the tolerance line runs to the pair cap and says what is open", async () => {
    const s = await sample({ plan, ...fakeClock(100, simulatedRunner(1.05, 0.02, 3)) });
    expect(s.stop).toBe("max-pairs");
    expect(s.pairs).toBe(20);
    expect(s.open).toBe(1);
    expect(samplingLine(s, plan.maxTimeMs)).toMatch(
      /stopped at the pair cap \(20\): 1 finding still straddles/,
    );
  });

  it("stops before a pair that would overrun the time budget, and looks at what ran", async () => {
    const budget = { ...plan, maxTimeMs: 2_700 };
    // 2 rounds of 100 ms per pair: the 14th pair would end at 2.8 s.
    const s = await sample({ plan: budget, ...fakeClock(100, simulatedRunner(1.05, 0.02, 4)) });
    expect(s.stop).toBe("max-time");
    expect(s.pairs).toBe(13);
    expect(s.looked).toEqual([8, 12, 13]);
    expect(s.elapsedMs).toBeLessThanOrEqual(budget.maxTimeMs);
    expect(samplingLine(s, budget.maxTimeMs)).toMatch(/stopped at the time budget \(3 s\)/);
  });

  it("moves the first look to where a change can be significant at all", async () => {
    // One metric at α / 4 looks = 1.25 %: the signed-rank test needs 8 pairs (2 / 2⁸).
    const s = await sample({ plan, ...fakeClock(100, simulatedRunner(1.3, 0.02, 5)) });
    expect(s.schedule).toEqual([8, 12, 16, 20]);
    expect(s.looked[0]).toBe(8);
  });

  it("randomises the order inside pairs from the seed, and never runs two rounds at once", async () => {
    let running = 0;
    let most = 0;
    const log: string[] = [];
    const runSide = async (side: Side, pair: number) => {
      running++;
      most = Math.max(most, running);
      log.push(`${pair}${side}`);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return round(side === "head" ? 0.0013 : 0.001);
    };
    const a = await sample({ plan: { ...plan, maxPairs: 6 }, runSide, now: () => 0 });
    const b = await sample({ plan: { ...plan, maxPairs: 6 }, runSide, now: () => 0 });
    const c = await sample({ plan: { ...plan, maxPairs: 6, seed: 8 }, runSide, now: () => 0 });
    expect(most).toBe(1);
    expect(a.headFirst).toEqual(b.headFirst);
    expect(a.headFirst).not.toEqual(c.headFirst);
    expect(a.headFirst).toContain(true);
    expect(a.headFirst).toContain(false);
    // Each pair's two rounds run back to back, in the order drawn.
    const firstPair = log.slice(0, 2);
    expect(firstPair).toEqual(a.headFirst[0] ? ["0head", "0base"] : ["0base", "0head"]);
  });

  it("A/A: 300 simulated sessions on a drifting, noisy runner are never Critical", async () => {
    let worse = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const s = await sample({
        plan: { ...plan, seed },
        ...fakeClock(100, simulatedRunner(1, 0.05, 1000 + seed, 0.3)),
      });
      expect(s.report.worst).not.toBe("critical");
      if (s.report.worst !== "none") worse++;
    }
    // Holm at α/4 per look over 4 looks: false alarms of any grade well under 5 %.
    expect(worse).toBeLessThanOrEqual(15);
  });
});
