import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { assumedNoise } from "../../src/analyze/historyModel.js";
import { oneValuePerRun, thinNoise, withinRunSd } from "../../src/analyze/thinNoise.js";
import { hyperfine as hyperfineParser } from "../../src/collect/parsers/hyperfine.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import { perfgate, ROOT } from "../cli/run.js";
import { describeWith, hyperfine } from "../helpers/systemTools.js";
import { results } from "./builders.js";

const FIXTURES = join(ROOT, "fixtures/aa/hyperfine");

function recorded(): Results[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      schema: RESULTS_SCHEMA,
      suite: "hyperfine-aa",
      commit: f,
      timestamp: "2026-12-07T00:00:00Z",
      environment: {},
      benchmarks: hyperfineParser.parse(readFileSync(join(FIXTURES, f), "utf8"), { source: f }),
    }));
}

describe("the noise of a first-runs comparison is never narrower than the data shows", () => {
  it("pools each run's round spread as a robust σ (reference value)", () => {
    // log rounds −0.1, 0, 0.1 around median 0 → deviations 0.1, 0, 0.1 → MAD 0.1.
    const run = [Math.exp(-0.1), 1, Math.exp(0.1)];
    expect(withinRunSd([run])).toBeCloseTo(0.14826, 5);
    // Runs of fewer than 3 rounds say nothing about their spread.
    expect(withinRunSd([[1, 2], [3]])).toBe(0);
  });

  it("takes the widest of the assumed margin, the rounds and two runs' difference", () => {
    const assumed = assumedNoise([0, 0], 0.2);
    expect(assumed.sd).toBeCloseTo(Math.log(1.2) / 1.959964, 6);
    expect(thinNoise(assumed, [0, 0], 0.01)).toMatchObject({ source: "assumed" });
    expect(thinNoise(assumed, [0, 0], 0.3).noise.sd).toBe(0.3);
    // |ln 2 − 0| / √2 = 0.4901
    const wide = thinNoise(assumed, [0, Math.log(2)], 0.3);
    expect(wide.source).toBe("runs");
    expect(wide.noise.sd).toBeCloseTo(0.490129, 5);
  });

  it("knows a metric with one value per run", () => {
    expect(oneValuePerRun([[1], [2], undefined])).toBe(true);
    expect(oneValuePerRun([[1], [2, 3]])).toBe(false);
  });

  it("does not grade a one-value metric from 1 baseline run, and says what would", () => {
    const report = compare({
      baseline: [results([{ metric: "system", samples: [0.0001] }])],
      current: [results([{ metric: "system", samples: [0.0004] }])],
    });
    const f = report.findings[0];
    expect(report.status).toBe("pass");
    expect(f?.verdict).toBe("inconclusive");
    expect(f?.severity).toBeUndefined();
    expect(f?.reason).toContain("one value per run and 1 baseline run");
    expect(f?.reason).toContain("3 baseline runs would let perfgate learn its noise (have 1)");
  });

  it("grades a 3× slower metric with rounds as Severe, never Critical, from 2 baseline runs", () => {
    const r = (x: number) => [x, x * 1.01, x * 0.99, x * 1.02, x * 0.98];
    const report = compare({
      baseline: [results([{ samples: r(1) }]), results([{ samples: r(1.02) }])],
      current: [results([{ samples: r(3) }])],
    });
    const f = report.findings[0];
    expect(f?.severity).toBe("severe");
    expect(f?.reason).toContain("not Critical: the noise is not learned from 2 baseline runs");
    expect(f?.reason).toContain("3 baseline runs would let it fail the build");
    expect(report.status).toBe("pass");
  });

  it("lets rounds that swing widen the margin past the assumed 20 %", () => {
    const wild = [1, 1.5, 0.7, 1.3, 0.8];
    const report = compare({
      baseline: [results([{ samples: wild }])],
      current: [results([{ samples: wild.map((x) => x * 1.3) }])],
    });
    const f = report.findings[0];
    // +30 % against rounds that swing ±30 %: not graded (the interval reaches both ways).
    expect(f?.severity).toBeUndefined();
    expect(f?.reason).toMatch(/only changes past \d+ % are graded \(±\d+ % as its rounds vary\)/);
  });

  it("fails no build on any pair of the 60 recorded hyperfine A/A runs (1 and 2 baseline runs)", () => {
    const files = recorded();
    expect(files.length).toBe(60);
    let compared = 0;
    for (let i = 0; i < files.length; i++) {
      for (let j = 0; j < files.length; j++) {
        if (i === j) continue;
        const current = [files[j] as Results];
        const one = compare({ baseline: [files[i] as Results], current });
        const k = (i + 1) % files.length === j ? (i + 2) % files.length : (i + 1) % files.length;
        const two = compare({ baseline: [files[i] as Results, files[k] as Results], current });
        for (const report of [one, two]) {
          expect(report.worst, `${files[i]?.commit} → ${files[j]?.commit}`).not.toBe("critical");
          expect(report.status).toBe("pass");
        }
        compared += 2;
      }
    }
    expect(compared).toBe(60 * 59 * 2);
  });
});

describeWith(hyperfine, "first runs of a real hyperfine benchmark", () => {
  it("passes an unchanged command against one earlier run, system time included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-first-runs-"));
    const run = async (name: string, command: string) => {
      const { spawnSync } = await import("node:child_process");
      const out = spawnSync(
        "hyperfine",
        ["-N", "--runs", "5", "--export-json", join(dir, name), command],
        {
          encoding: "utf8",
        },
      );
      expect(out.status).toBe(0);
      return join(dir, name);
    };
    const base = await run("a.json", "sleep 0.01");
    const same = await run("b.json", "sleep 0.01");
    const ran = await perfgate([
      "compare",
      "--tool",
      "hyperfine",
      "--baseline",
      base,
      "--current",
      same,
      "--format",
      "json",
    ]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as {
      status: string;
      findings: { metric: string; reason: string }[];
    };
    expect(report.status).toBe("pass");
    const system = report.findings.find((f) => f.metric === "system");
    expect(system?.reason ?? "").not.toContain("Critical regression");
  }, 60_000);
});
