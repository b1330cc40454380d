/** perfgate validate: grading rules (pure) and exit codes (real suite, one quick round). */
import { describe, expect, it } from "vitest";
import { gradeCheck, overall, renderChecks, WARN_BAND } from "../../src/monitor/validate.js";
import { perfgate } from "../cli/run.js";
import { startServeChild } from "./helpers/serveChild.js";

describe("gradeCheck", () => {
  const tiny = 1e-9;
  it.each<[string, number | undefined, "min" | "max", string]>([
    ["throughput at the expectation passes", 10, "min", "PASS"],
    ["throughput just under it warns", 10 - tiny, "min", "WARN"],
    ["throughput at the bottom of the WARN band warns", 10 * (1 - WARN_BAND), "min", "WARN"],
    ["throughput under the WARN band fails", 10 * (1 - WARN_BAND) - tiny, "min", "FAIL"],
    ["latency at the limit passes", 10, "max", "PASS"],
    ["latency just over it warns", 10 + tiny, "max", "WARN"],
    ["latency at the top of the WARN band warns", 10 * (1 + WARN_BAND), "max", "WARN"],
    ["latency over the WARN band fails", 10 * (1 + WARN_BAND) + tiny, "max", "FAIL"],
    ["an unmeasured figure fails", undefined, "min", "FAIL"],
  ])("%s", (_name, value, bound, grade) => {
    expect(gradeCheck(value, bound, 10)).toBe(grade);
  });

  it("the overall grade is the worst one", () => {
    const check = (grade: "PASS" | "WARN" | "FAIL") => ({
      metric: "m",
      value: 1,
      unit: "u",
      bound: "min" as const,
      limit: 1,
      grade,
    });
    expect(overall([check("PASS"), check("PASS")])).toBe("PASS");
    expect(overall([check("PASS"), check("WARN")])).toBe("WARN");
    expect(overall([check("FAIL"), check("WARN")])).toBe("FAIL");
  });

  it("prints one aligned row per metric and the overall grade", () => {
    const text = renderChecks("t", [
      {
        metric: "tcp throughput",
        value: 12.345678,
        unit: "Gbit/s",
        bound: "min",
        limit: 1,
        grade: "PASS",
      },
      { metric: "p99 round trip", value: 11, unit: "ms", bound: "max", limit: 10, grade: "WARN" },
    ]);
    expect(text).toBe(
      [
        "t",
        "  tcp throughput  12.35 Gbit/s  expected ≥ 1 Gbit/s  PASS",
        "  p99 round trip  11 ms         expected ≤ 10 ms     WARN",
        "overall: WARN",
        "",
      ].join("\n"),
    );
  });
});

describe("perfgate validate", () => {
  it("passes on loopback against modest expectations (exit 0)", async () => {
    const run = await perfgate([
      "validate",
      "-e",
      "0.001",
      "-l",
      "5000",
      "--quick",
      "--rounds",
      "1",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}tcp throughput .* PASS$/m);
    expect(run.stdout).toMatch(/^overall: PASS$/m);
  });

  it("fails against a remote serve that cannot meet the expectations (exit 1)", async () => {
    const serve = await startServeChild("--no-udp");
    try {
      const run = await perfgate([
        "validate",
        "-e",
        "100000",
        "-l",
        "0.000001",
        "--quick",
        "--rounds",
        "1",
        "--target",
        `127.0.0.1:${serve.port}`,
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`perfgate validate · 127.0.0.1:${serve.port} (1 rounds)`);
      expect(run.stdout).toMatch(/^ {2}tcp throughput .* FAIL$/m);
      expect(run.stdout).toMatch(/^ {2}p99 round trip .* FAIL$/m);
      expect(run.stdout).toMatch(/^overall: FAIL$/m);
    } finally {
      await serve.stop();
    }
  });

  it.each([
    [["validate", "-l", "10"], /--expected-gbps \(-e\) must be a number above 0/],
    [
      ["validate", "-e", "1", "-l", "zero"],
      /--max-latency-ms \(-l\) must be a number above 0, not 'zero'/,
    ],
    [["validate", "-e", "1", "-l", "1", "--target", "nope"], /--target must be host:port/],
  ])("%j exits 2 with one line", async (args, message) => {
    const run = await perfgate(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
