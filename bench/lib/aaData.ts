/**
 * Reads the real A/A recordings in fixtures/aa (see its README.md and scripts/record-aa.ts):
 * the same code run many times, each run a fresh process, some under background load.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { History, Results } from "../../src/model/types.js";

/** One fresh process: benchmark name → its rounds (seconds). */
export type AARun = { load: boolean; rounds: Record<string, number[]> };

export interface AAData {
  benchmarks: string[];
  /** history.json: independent runs, recording order. */
  runs: AARun[];
  /** paired-<k>.json: sessions of (A, B) runs back to back. */
  sessions: { load: boolean; pairs: { a: AARun; b: AARun }[] }[];
}

function toRun(results: Results, metric: string): AARun {
  const rounds: Record<string, number[]> = {};
  for (const b of results.benchmarks) rounds[b.name] = b.metrics[metric]?.samples ?? [];
  return { load: results.environment.backgroundLoad === true, rounds };
}

function readHistory(file: string): History {
  return JSON.parse(readFileSync(file, "utf8")) as History;
}

/** `metric`: "time" (wall clock) or "cpu" (CPU time of the process). */
export function loadAAData(dir: string, metric = "time"): AAData {
  const history = readHistory(path.join(dir, "history.json"));
  const runs = history.runs.map((r) => toRun(r, metric));
  const sessions: AAData["sessions"] = [];
  for (let k = 0; ; k++) {
    let session: History;
    try {
      session = readHistory(path.join(dir, `paired-${k}.json`));
    } catch {
      break;
    }
    const pairs: { a: AARun; b: AARun }[] = [];
    for (let i = 0; i + 1 < session.runs.length; i += 2) {
      pairs.push({
        a: toRun(session.runs[i] as Results, metric),
        b: toRun(session.runs[i + 1] as Results, metric),
      });
    }
    sessions.push({ load: pairs.some((p) => p.a.load), pairs });
  }
  const benchmarks = Object.keys(runs[0]?.rounds ?? {});
  return { benchmarks, runs, sessions };
}
