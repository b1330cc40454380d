/**
 * Issue 23's section of the verdict benchmark: every shape on real and mixture noise,
 * perfgate beside the naive rule, github-action-benchmark's 200 % rule and a Bencher-style
 * t-test, on the same draws.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hyperfine } from "../../src/collect/parsers/hyperfine.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import type { AAData } from "./aaData.js";
import {
  type ShapeRow,
  scoreFirstRuns,
  scoreShape,
  shapeTable,
  type Trials,
} from "./shapeScore.js";
import {
  realShape,
  SHAPES,
  type ShapeScenario,
  SLOW_ROUNDS,
  SLOW_RUNS,
  simulatedShape,
  TWO_CPUS,
} from "./shapes.js";

/** The recorded hyperfine runs (scripts/record-aa.ts --hyperfine), as perfgate results. */
export function loadHyperfineRuns(dir: string, withLoad: boolean): Results[] {
  const folder = path.join(dir, "hyperfine");
  return readdirSync(folder)
    .filter((f) => f.endsWith(".json") && (withLoad || !f.includes("-load")))
    .sort()
    .map((f) => ({
      schema: RESULTS_SCHEMA,
      suite: "hyperfine-aa",
      commit: f,
      timestamp: "2026-12-07T00:00:00Z",
      environment: {},
      benchmarks: hyperfine.parse(readFileSync(path.join(folder, f), "utf8"), { source: f }),
    }));
}

export function shapesSection(
  dir: string,
  data: { time: AAData; cpu: AAData },
  trials: Trials,
  seed: number,
): string[] {
  const scenarios: ShapeScenario[] = [];
  for (const shape of Object.keys(SHAPES) as (keyof typeof SHAPES)[]) {
    scenarios.push(realShape(shape, data.time, "fresh-process wall time (fixtures/aa)"));
    scenarios.push(realShape(shape, data.cpu, "fresh-process CPU time (fixtures/aa)"));
    for (const m of [SLOW_RUNS, SLOW_ROUNDS, TWO_CPUS]) scenarios.push(simulatedShape(shape, m));
  }
  const rows: ShapeRow[] = [];
  scenarios.forEach((s, i) => {
    rows.push(...scoreShape(s, trials, seed + 300 + i));
  });
  const files = loadHyperfineRuns(dir, true);
  rows.push(
    ...scoreFirstRuns(
      `real: ${files.length} hyperfine runs of 2 unchanged commands (fixtures/aa/hyperfine)`,
      files,
      trials,
      seed + 400,
    ),
  );
  return [
    "### Issue 23: the shapes users feed perfgate, on real and mixture noise",
    "",
    `${trials.none} A/A trials per row; ${trials.power} of them slowed by 10, 30 and 60 % (same draws for every`,
    "method). perfgate fails the build at its default `--fail-on critical`; the competitors fail",
    "on every alert. A/A columns count any finding of the trial (first runs: of the whole file).",
    "",
    shapeTable(rows),
    "",
  ];
}
