import { describe, expect, it } from "vitest";
import type { AAData, AARun } from "../../bench/lib/aaData.js";
import { anyGradeRate, BAND_MIDDLES, SLOWDOWNS, score } from "../../bench/lib/harness.js";
import { HOSTED_RUNNER_NOISE } from "../../bench/lib/noise.js";
import { createRandom } from "../../bench/lib/random.js";
import {
  HISTORY_RUNS,
  type HistoryTrial,
  PAIRS,
  realHistory,
  realPaired,
  simulatedHistory,
  slowHistory,
  slowPaired,
} from "../../bench/lib/scenarios.js";
import type { Answer, Rule } from "../../bench/lib/verdicts.js";

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** A stand-in verdict with known behaviour: Critical when the current mean is 30 % above the
 *  history's, Minor from 5 %, an improvement below −5 %. */
function thresholdVerdict(t: HistoryTrial): Answer {
  const ratio = mean(t.current) / mean(t.history.flat());
  const given =
    ratio > 1.3 ? "critical" : ratio > 1.05 ? "minor" : ratio < 0.95 ? "improved" : "none";
  return { given, significantWorse: ratio > 1.05 };
}

/** Recorded runs whose value is their index: which runs a trial used can be read back. */
function indexedData(runs: number, load: (i: number) => boolean): AAData {
  const run = (i: number): AARun => ({ load: load(i), rounds: { x: [i, i, i, i, i] } });
  return {
    benchmarks: ["x"],
    runs: Array.from({ length: runs }, (_, i) => run(i)),
    sessions: [
      {
        load: false,
        pairs: Array.from({ length: 25 }, (_, i) => ({ a: run(2 * i), b: run(2 * i + 1) })),
      },
    ],
  };
}

describe("the verdict harness", () => {
  const never: Rule<HistoryTrial> = { name: "never", alerts: () => false };
  const always: Rule<HistoryTrial> = { name: "always", alerts: () => true };
  const scenario = simulatedHistory("sim", "test", { ...HOSTED_RUNNER_NOISE, outlierRate: 0 });
  const trials = { none: 300, power: 100, confusion: 50 };
  const s = score(scenario, thresholdVerdict, [never, always], slowHistory, trials, 11);

  it("counts every A/A trial once and rules by their alerts", () => {
    expect(Object.values(s.none).reduce((a, b) => a + b, 0)).toBe(300);
    expect(s.rules.map((r) => r.falseAlarm)).toEqual([0, 1]);
    expect(s.rules[1]?.power).toEqual(SLOWDOWNS.map(() => 1));
  });

  it("injects the slowdowns: power rises from the noise floor to certainty", () => {
    // Run noise 3 % on a 5 % line: some A/A trials cross it, none crosses 30 %.
    expect(anyGradeRate(s)).toBeGreaterThan(0);
    expect(anyGradeRate(s)).toBeLessThan(0.3);
    expect(s.none.critical).toBe(0);
    expect(s.power[0]).toBeLessThan(0.5); // 2 %
    expect(s.power[4]).toBe(1); // 40 %
    expect(s.detected[5]).toBe(1); // 60 %
  });

  it("fills the confusion matrix by band middle", () => {
    const critical = s.confusion.get("critical (60 %)");
    expect(critical?.critical).toBe(50);
    const sums = BAND_MIDDLES.slice(1).map(({ band }) =>
      Object.values(s.confusion.get(band) ?? {}).reduce((a, b) => a + b, 0),
    );
    expect(sums).toEqual(BAND_MIDDLES.slice(1).map(() => 50));
  });
});

describe("real A/A scenarios", () => {
  it("draws a history of distinct runs and a current run from the chosen pools, never reused", () => {
    const data = indexedData(60, (i) => i % 10 === 0);
    const scenario = realHistory(
      "real",
      "",
      data,
      (r) => !r.load,
      (r) => r.load,
    );
    const random = createRandom(3);
    for (let k = 0; k < 50; k++) {
      const t = scenario.draw(random);
      const history = t.history.map((r) => r[0] as number);
      const current = t.current[0] as number;
      expect(t.history).toHaveLength(HISTORY_RUNS);
      expect(new Set(history).size).toBe(HISTORY_RUNS);
      expect(current % 10).toBe(0);
      expect(history.every((i) => i % 10 !== 0)).toBe(true);
      expect(history).not.toContain(current);
    }
  });

  it("tags a current run 30 % above the recorded median as a whole-run jump", () => {
    const data = indexedData(30, () => false);
    data.runs.forEach((r, i) => {
      r.rounds.x = Array(5).fill(i === 7 ? 1.4 : i === 8 ? 1.2 : 1);
    });
    const jumpy = realHistory(
      "j",
      "",
      data,
      (r) => r.rounds.x?.[0] !== 1.4,
      (r) => r.rounds.x?.[0] === 1.4,
    );
    const mild = realHistory(
      "m",
      "",
      data,
      (r) => r.rounds.x?.[0] !== 1.2,
      (r) => r.rounds.x?.[0] === 1.2,
    );
    expect(jumpy.draw(createRandom(1)).jump).toBe(true);
    expect(mild.draw(createRandom(1)).jump).toBe(false);
  });

  it("keeps pairs together, in recording order, and swaps A/B labels about half the time", () => {
    const data = indexedData(1, () => false);
    const scenario = realPaired("pairs", "", data, () => true);
    const random = createRandom(4);
    let swapped = 0;
    for (let k = 0; k < 200; k++) {
      const t = scenario.draw(random);
      expect(t.base).toHaveLength(PAIRS);
      const base = t.base.map((f) => f[0] as number);
      const head = t.head.map((f) => f[0] as number);
      expect(base.map((b) => Math.floor(b / 2))).toEqual(head.map((h) => Math.floor(h / 2)));
      expect([...base].sort((x, y) => x - y)).toEqual(base);
      if ((base[0] as number) % 2 === 1) swapped++;
    }
    expect(swapped).toBeGreaterThan(70);
    expect(swapped).toBeLessThan(130);
  });

  it("slows only the current side, multiplicatively", () => {
    const t = slowPaired({ base: [[1], [2]], head: [[1], [2]] }, 0.1);
    expect(t.base).toEqual([[1], [2]]);
    expect(t.head.flat().map((x) => Number(x.toFixed(9)))).toEqual([1.1, 2.2]);
  });
});
