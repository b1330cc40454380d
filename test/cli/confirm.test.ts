/**
 * `perfgate run` confirms a failing verdict with more rounds (issue 23): a real command whose
 * first rounds are slow (a passing slow mode) and a history of real results files.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/analyze/random.js";
import { perfgate } from "./run.js";

/** A benchmark command that prints custom JSON: `slow` ms for its first `slowCalls` calls,
 *  then 10 ms, each with 1 % jitter; it counts its calls in a file beside it. */
function benchmarkScript(dir: string, slowCalls: number): string {
  const script = join(dir, "bench.mjs");
  writeFileSync(
    script,
    `import { existsSync, readFileSync, writeFileSync } from "node:fs";
const file = ${JSON.stringify(join(dir, "calls"))};
const calls = existsSync(file) ? Number(readFileSync(file, "utf8")) : 0;
writeFileSync(file, String(calls + 1));
const value = (calls < ${slowCalls} ? 20 : 10) * (1 + 0.01 * Math.sin(calls * 7.3));
console.log(JSON.stringify([{ name: "parse", unit: "ms", value }]));
`,
  );
  return script;
}

function setup(slowCalls: number, extraConfig = ""): { dir: string; args: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "perfgate-confirm-"));
  const script = benchmarkScript(dir, slowCalls);
  writeFileSync(
    join(dir, ".perfgate.yml"),
    `suite: confirm\n${extraConfig}run:\n  command: ${JSON.stringify(`node ${script}`)}\n  tool: customSmallerIsBetter\n`,
  );
  const rng = createRandom(9);
  const baseline: string[] = [];
  for (let i = 0; i < 12; i++) {
    const level = 10 * Math.exp(0.02 * rng.normal());
    const samples = Array.from({ length: 5 }, () => level * Math.exp(0.01 * rng.normal()) * 1e-3);
    const file = join(dir, `base-${i}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        schema: "perfgate/results/v1",
        suite: "confirm",
        commit: `base${i}`,
        timestamp: "2026-12-01T00:00:00Z",
        environment: {},
        benchmarks: [
          { name: "parse", metrics: { value: { unit: "s", direction: "lower", samples } } },
        ],
      }),
    );
    baseline.push(file);
  }
  return {
    dir,
    args: [
      "run",
      "--config",
      join(dir, ".perfgate.yml"),
      "--out",
      join(dir, "out.json"),
      "--format",
      "json",
      "--baseline",
      ...baseline,
    ],
  };
}

interface Json {
  status: string;
  worst: string;
  warnings: string[];
  current: { rounds: number };
}

describe("perfgate run confirms a failing verdict with more rounds", () => {
  it("a slow mode in the first 5 rounds fades in 5 confirmation rounds: the gate passes and says so", async () => {
    const { args } = setup(5);
    const ran = await perfgate(args);
    const report = JSON.parse(ran.stdout) as Json;
    expect(ran.code).toBe(0);
    expect(report.status).toBe("pass");
    expect(report.current.rounds).toBe(10);
    expect(report.warnings[0]).toMatch(
      /^confirmed: the first 5 rounds gave Critical; 5 more rounds were run and the verdict re-taken on all 10: it does not hold/,
    );
  }, 60_000);

  it("a slowdown in every round holds through confirmation: the gate fails", async () => {
    const { args } = setup(1000);
    const ran = await perfgate(args);
    const report = JSON.parse(ran.stdout) as Json;
    expect(ran.code).toBe(1);
    expect(report.worst).toBe("critical");
    expect(report.warnings[0]).toContain("it holds (Critical): the gate fails");
  }, 60_000);

  it("--confirm-rounds 0 fails on the first look", async () => {
    const { args } = setup(5);
    const ran = await perfgate([...args, "--confirm-rounds", "0"]);
    const report = JSON.parse(ran.stdout) as Json;
    expect(ran.code).toBe(1);
    expect(report.current.rounds).toBe(5);
    expect(report.warnings.join(" ")).not.toContain("confirmed");
  }, 60_000);

  it("confirm-rounds: 0 in .perfgate.yml fails on the first look, and --confirm-rounds beats it", async () => {
    const off = setup(5, "confirm-rounds: 0\n");
    const first = await perfgate(off.args);
    expect(first.code).toBe(1);
    expect((JSON.parse(first.stdout) as Json).current.rounds).toBe(5);
    const on = setup(5, "confirm-rounds: 0\n");
    const second = await perfgate([...on.args, "--confirm-rounds", "5"]);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as Json).current.rounds).toBe(10);
  }, 60_000);
});
