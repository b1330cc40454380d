/**
 * Same-runner A/B live on this machine: real `perfgate ab` sessions (src/ab/session.ts) on a
 * real git repository whose head does 2, 5, 10 or 20 % more loop iterations than its base
 * (the command benchmark of test/ab/repo.ts: fastest of 25 repetitions per process), and
 * A/A sessions (head = base). Counts graded regressions, Criticals, pairs and wall time.
 * Figures depend on the machine's load at the time; the verdict benchmark has the
 * thousand-trial version on recorded data.
 *
 *   npm run bench -- ab              (PERFGATE_BENCH_SCALE=0.4 for a quick look)
 */

import { DEFAULT_LOOKS, DEFAULT_MAX_PAIRS, DEFAULT_MIN_PAIRS } from "../src/ab/defaults.js";
import { runAb } from "../src/ab/session.js";
import { median } from "../src/util/quantiles.js";
import { COMMAND_FILES, makeRepo } from "../test/ab/repo.js";
import { markdownTable, percent } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const scale = Number(process.env.PERFGATE_BENCH_SCALE ?? "1");
const SESSIONS = Math.max(2, Math.round(10 * scale));
const BASE_UNITS = 100_000;
const SLOWDOWNS = [0, 0.02, 0.05, 0.1, 0.2];

export default async function ab(): Promise<void> {
  const elapsed = startTimer();
  const rows: (string | number)[][] = [];
  for (const slowdown of SLOWDOWNS) {
    let graded = 0;
    let critical = 0;
    let pairs = 0;
    let seconds = 0;
    const estimates: number[] = [];
    for (let s = 0; s < SESSIONS; s++) {
      const repo = makeRepo();
      try {
        repo.commit(COMMAND_FILES(BASE_UNITS), "base");
        if (slowdown > 0)
          repo.commit({ "units.txt": `${Math.round(BASE_UNITS * (1 + slowdown))}\n` }, "slower");
        const took = startTimer();
        const outcome = await runAb({
          cwd: repo.dir,
          base: slowdown > 0 ? "HEAD~1" : "HEAD",
          config: { run: { command: "node bench.mjs", tool: "go", build: "node build.mjs" } },
          configDir: repo.dir,
          plan: {
            minPairs: DEFAULT_MIN_PAIRS,
            maxPairs: DEFAULT_MAX_PAIRS,
            looks: DEFAULT_LOOKS,
            maxTimeMs: 10 * 60_000,
            seed: s + 1,
          },
          history: [],
        });
        seconds += took() / 1000;
        const f = outcome.report.findings[0];
        if (f?.verdict === "regression") graded++;
        if (f?.severity === "critical") critical++;
        if (f?.change) estimates.push(f.change.estimate);
        pairs += outcome.sampling.pairs;
      } finally {
        repo.remove();
      }
    }
    rows.push([
      slowdown === 0 ? "A/A (0 %)" : `${Math.round(slowdown * 100)} %`,
      SESSIONS,
      percent(graded / SESSIONS, 0),
      percent(critical / SESSIONS, 0),
      (pairs / SESSIONS).toFixed(1),
      estimates.length ? percent(median(estimates)) : "–",
      (seconds / SESSIONS).toFixed(1),
    ]);
  }
  console.log(
    [
      `Live \`perfgate ab\` sessions on this machine (load average at start ${(await loadAverage()).toFixed(1)}).`,
      "",
      markdownTable(
        [
          "true slowdown",
          "sessions",
          "graded regression",
          "Critical",
          "mean pairs",
          "median estimate",
          "s per session",
        ],
        rows,
      ),
      "",
      `Scale ${scale}, ${(elapsed() / 1000).toFixed(0)} s.`,
    ].join("\n"),
  );
}

async function loadAverage(): Promise<number> {
  const { loadavg } = await import("node:os");
  return loadavg()[0] ?? 0;
}
