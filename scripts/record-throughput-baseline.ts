/**
 * Records the bundled baseline that `npm start` compares a fresh run against:
 * fixtures/baseline/real-throughput.history.json, a perfgate history of real
 * `perfgate throughput --quick` runs on this machine, each in a fresh process.
 *
 *   npx tsx scripts/record-throughput-baseline.ts [--runs 10] [--out fixtures/baseline/real-throughput.history.json]
 *
 * Runs are given the commit "bundled-baseline-<i>" (there is no real commit to name: they
 * all measure this machine, not a change) and the ref "bundled". Each run's
 * environment.loadAverage says how busy the machine was when it began.
 *
 * It runs the bundled CLI (dist/cli.js), as `npm start` does: from source every child would
 * also load tsx, which shows up as about 20 MiB more peak memory per process.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { HISTORY_SCHEMA, type History, type Results } from "../src/model/types.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    out: { type: "string", default: "fixtures/baseline/real-throughput.history.json" },
  },
});
const runs = Number(values.runs);
const cli = new URL("../dist/cli.js", import.meta.url).pathname;
if (!existsSync(cli)) {
  process.stderr.write(
    `record-throughput-baseline: ${cli} is missing: run 'npm run bundle' first\n`,
  );
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), "perfgate-baseline-"));
const history: History = { schema: HISTORY_SCHEMA, suite: "real-throughput", runs: [] };
try {
  for (let i = 1; i <= runs; i++) {
    const file = path.join(dir, `run-${i}.json`);
    const loadAverage = os.loadavg()[0];
    const started = performance.now();
    execFileSync(process.execPath, [cli, "throughput", "--quick", "--out", file], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const results = JSON.parse(readFileSync(file, "utf8")) as Results;
    results.commit = `bundled-baseline-${i}`;
    results.ref = "bundled";
    history.runs.push(results);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`run ${i}/${runs}: ${seconds} s, load ${loadAverage?.toFixed(2)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync(path.dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(history, null, 2)}\n`);
process.stderr.write(`wrote ${values.out} (${history.runs.length} runs)\n`);
