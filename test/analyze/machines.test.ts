import { describe, expect, it } from "vitest";
import {
  asInformation,
  machineDifferences,
  machineDifferenceText,
} from "../../src/analyze/machines.js";
import type { Environment } from "../../src/model/types.js";
import { firstRunLines } from "../../src/report/firstRun.js";
import { renderText } from "../../src/report/text.js";
import { finding, regression, report } from "../report/builders.js";

const epyc: Environment = {
  cpuModel: "AMD EPYC",
  cpus: 2,
  kernel: "Linux 6.1.0",
  loadAverage: 1.2,
};

describe("machine differences (issue 21 §4)", () => {
  it.each<[string, Environment, string[]]>([
    ["the same machine, a little busier", { ...epyc, loadAverage: 1.9 }, []],
    ["another CPU", { ...epyc, cpuModel: "Intel Xeon" }, ["CPU model"]],
    ["fewer cores", { ...epyc, cpus: 1, loadAverage: 0.5 }, ["cores"]],
    ["another kernel", { ...epyc, kernel: "Linux 6.5.0" }, ["kernel"]],
    // 8.3 per core against 0.6: the run queue was four times the cores.
    ["a machine far busier than the baseline's", { ...epyc, loadAverage: 16.6 }, ["load"]],
    // Busy both times: 2.5 per core is not more than twice 1.5.
    ["busy, but so was the baseline's", { ...epyc, loadAverage: 5 }, []],
    ["facts the current run did not record are not compared", { cpus: 2 }, []],
  ])("%s", (_what, current, expected) => {
    const baseline = _what.startsWith("busy, but") ? { ...epyc, loadAverage: 3 } : epyc;
    expect(machineDifferences(baseline, current).map((d) => d.what)).toEqual(expected);
  });

  it("no baseline: nothing to differ from", () => {
    expect(machineDifferences(undefined, epyc)).toEqual([]);
  });

  it("says each difference with both values", () => {
    const d = machineDifferences(epyc, { ...epyc, cpuModel: "Intel Xeon", loadAverage: 16.6 });
    expect(machineDifferenceText(d)).toBe(
      "CPU model (Intel Xeon here, AMD EPYC in the baseline), load (8.30 per core here, 0.60 per core in the baseline)",
    );
  });
});

describe("a report of a machine's differences reads as information", () => {
  const graded = report(
    [
      regression("critical"),
      finding({ benchmark: "parse/xml", verdict: "improvement", changeBy: -0.3 }),
    ],
    {
      status: "fail",
      worst: "critical",
    },
  );
  const shown = asInformation(graded, "this machine is not the baseline's, so nothing is graded");

  it("passes, and the terminal shows which way each went instead of a grade", () => {
    expect(shown.status).toBe("pass");
    const text = renderText(shown, { color: false });
    expect(text).toMatch(
      /^PASS {2}Information only: 2 of 2 benchmarks differ from the baseline — /m,
    );
    expect(text).toContain("1 worse here · 1 better here");
    expect(text).toMatch(/^worse here +parse\/json/m);
    expect(text).not.toMatch(/Critical/);
  });

  it("the first lines say what was compared with what, how the machines differ, and the exit status", () => {
    const differences = machineDifferences(epyc, { ...epyc, loadAverage: 16.6 });
    const lines = firstRunLines({
      report: {
        ...shown,
        current: { ...shown.current, environment: { ...epyc, loadAverage: 16.6 } },
      },
      baseline: epyc,
      differences,
    });
    expect(lines[0]).toBe(
      "Compared 5 rounds of the built-in throughput suite on this machine (AMD EPYC, 2 cores, Linux 6.1.0, load 16.6)",
    );
    expect(lines[1]).toBe(
      "with the bundled baseline: 20 runs recorded on AMD EPYC, 2 cores, Linux 6.1.0, load 1.2.",
    );
    expect(lines[2]).toMatch(/^The machines differ — load \(8\.30 per core here/);
    expect(lines[3]).toMatch(/exits 0 whatever it finds/);
  });
});
