/**
 * The scale benchmark's input as files, the way a user has them: the baseline history as a
 * store writes it (compact v2, and the expanded v1 that stores wrote before it) and the
 * current run as a results file. Written once per size into `dir`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serializeHistory, withRun } from "../../src/baseline/history.js";
import type { History } from "../../src/model/types.js";
import { scaleInput } from "./scaleInput.js";

export interface ScaleFiles {
  historyV1: string;
  historyV2: string;
  current: string;
}

export async function writeScaleFiles(
  dir: string,
  benchmarks: number,
  runs: number,
): Promise<ScaleFiles> {
  await mkdir(dir, { recursive: true });
  const input = scaleInput(benchmarks, runs);
  // Distinct times, as pushes have: the stores keep runs ordered by time.
  let history: History | undefined;
  input.baseline.forEach((run, i) => {
    history = withRun(
      history,
      { ...run, timestamp: new Date(Date.UTC(2026, 0, 1, i)).toISOString() },
      runs,
    );
  });
  const files: ScaleFiles = {
    historyV1: join(dir, `history-${benchmarks}.v1.json`),
    historyV2: join(dir, `history-${benchmarks}.v2.json`),
    current: join(dir, `current-${benchmarks}.json`),
  };
  await writeFile(files.historyV1, `${JSON.stringify(history)}\n`);
  await writeFile(files.historyV2, serializeHistory(history as History));
  await writeFile(
    files.current,
    `${JSON.stringify({ ...input.current[0], timestamp: "2026-02-01T00:00:00.000Z" })}\n`,
  );
  return files;
}
