import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import { machineKind, matchRunner } from "../../src/analyze/runnerMatch.js";
import { results } from "./builders.js";

const AMD = {
  cpuModel: "AMD EPYC 7763 64-Core Processor",
  os: "Linux 6.8.0-1021-azure",
  arch: "x64",
};
const INTEL = {
  cpuModel: "Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz",
  os: "Linux 6.5.0",
  arch: "x64",
};

/** A history alternating CPU models (`amd` of every 10 runs on AMD), Intel 30 % slower. */
function mixedHistory(runs: number, amdShare: number, seed = 1) {
  const rng = createRandom(seed);
  return Array.from({ length: runs }, (_, i) => {
    const amd = i % 10 < amdShare * 10;
    const level = (amd ? 1 : 1.3) * Math.exp(0.02 * rng.normal());
    const samples = Array.from({ length: 5 }, () => level * Math.exp(0.01 * rng.normal()));
    return results([{ samples }], `c${i}`, amd ? AMD : INTEL);
  });
}

describe("like with like: the baseline is the runs on the current run's CPU model", () => {
  it("names a machine kind by CPU model, OS family and architecture", () => {
    expect(machineKind(AMD)).toBe("AMD EPYC 7763 64-Core Processor · Linux · x64");
    expect(machineKind({ os: "Linux" })).toBeUndefined();
  });

  it("keeps the 14 AMD runs of 20 and says so", () => {
    const m = matchRunner(mixedHistory(20, 0.7), [results([{ samples: [1] }], "head", AMD)]);
    expect(m.runs).toHaveLength(14);
    expect(m.note).toBe(
      "baseline: 14 runs on AMD EPYC 7763 64-Core Processor; 6 runs on other CPUs left out",
    );
  });

  it("with fewer than 3 runs on the current CPU it keeps all and says the noise is wider", () => {
    const m = matchRunner(mixedHistory(20, 0.1), [results([{ samples: [1] }], "head", AMD)]);
    expect(m.runs).toHaveLength(20);
    expect(m.mixed).toBe(true);
    expect(m.note).toContain("only 2 on AMD EPYC 7763");
  });

  it("says nothing when the history is all one kind or the CPU is unknown", () => {
    const one = mixedHistory(10, 1);
    expect(matchRunner(one, [results([{ samples: [1] }], "head", AMD)]).note).toBeUndefined();
    expect(matchRunner(mixedHistory(10, 0.5), [results([{ samples: [1] }])]).note).toBeUndefined();
  });

  it("an unchanged run on the slower CPU is not a regression, and +15 % on it is caught", () => {
    const history = mixedHistory(20, 0.5);
    const same = Array.from({ length: 5 }, (_, i) => 1.3 * (1 + 0.005 * (i - 2)));
    const unchanged = compare({
      baseline: history,
      current: [results([{ samples: same }], "h", INTEL)],
    });
    expect(unchanged.findings[0]?.verdict).toBe("unchanged");
    expect(unchanged.warnings.join(" ")).toContain("10 runs on Intel(R) Xeon(R) Platinum 8272CL");
    const slower = compare({
      baseline: history,
      current: [results([{ samples: same.map((x) => x * 1.15) }], "h", INTEL)],
    });
    expect(slower.findings[0]).toMatchObject({ verdict: "regression", severity: "moderate" });
  });

  it("a run on a CPU the history barely knows is judged against the whole mix, not failed", () => {
    const history = mixedHistory(20, 0.9);
    const slowCpu = Array.from({ length: 5 }, () => 1.3);
    const report = compare({
      baseline: history,
      current: [results([{ samples: slowCpu }], "h", INTEL)],
    });
    expect(report.status).toBe("pass");
  });
});
