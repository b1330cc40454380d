/**
 * The one trade the slow-mode mixture forces on a single-value history (docs/verdict.md, "Out
 * of reach"): with no slow run in the history, a current run and its confirmation both in a
 * 1.5–2× slow mode look exactly like a real +60 % slowdown, so an unchanged build can fail;
 * a longer history has more often seen the slow mode, and then a real 1.6× run reads as
 * "like a past run" and passes. Per history length: A/A build failures and +60 % build
 * failures, perfgate with confirm-rounds 5, same draws for both columns.
 *
 *   npm run bench -- slow-mode-history      (PERFGATE_BENCH_SCALE=0.25 for a quick look)
 */
import { scoreShape } from "./lib/shapeScore.js";
import { CONFIRM_ROUNDS, SLOW_RUNS, simulatedShape } from "./lib/shapes.js";
import { markdownTable, percent } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const SEED = 20_261_208;
const LENGTHS = [20, 40, 60];
const scale = Number(process.env.PERFGATE_BENCH_SCALE ?? "1");
const TRIALS = { none: Math.round(4000 * scale), power: Math.round(1000 * scale) };

export default async function slowModeHistory(): Promise<void> {
  const elapsed = startTimer();
  const rows = LENGTHS.map((n, i) => {
    const scenario = simulatedShape("single", SLOW_RUNS, n);
    const confirmed = scoreShape(scenario, TRIALS, SEED + i).find((r) =>
      r.method.startsWith("perfgate +"),
    );
    const failed = Math.round((confirmed?.aaFail ?? Number.NaN) * TRIALS.none);
    return [
      n,
      `${failed} of ${TRIALS.none} (${percent(confirmed?.aaFail ?? Number.NaN, 3)})`,
      percent(confirmed?.fail60 ?? Number.NaN, 1),
      percent(confirmed?.caught10 ?? Number.NaN, 1),
    ];
  });
  console.log(
    `Single-value history, current 5 rounds + ${CONFIRM_ROUNDS} confirmation rounds; ${SLOW_RUNS.name}; ${TRIALS.none} A/A trials and ${TRIALS.power} slowed trials per length.\n`,
  );
  console.log(
    markdownTable(
      [
        "single values in the history",
        "A/A fails the build",
        "+60 % fails the build",
        "+10 % caught",
      ],
      rows,
    ),
  );
  console.log(`\nSeed ${SEED}, ${(elapsed() / 1000).toFixed(1)} s.`);
}
