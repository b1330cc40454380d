/**
 * github-action-benchmark's history, `data.js` on its gh-pages branch, read as perfgate
 * histories (one per suite name), so a team moving over starts with its past runs:
 *
 *   window.BENCHMARK_DATA = { "lastUpdate": …, "repoUrl": …, "entries": {
 *     "<suite>": [ { "commit": { "id": "…", "timestamp": "…", … }, "date": 1700000000000,
 *                   "tool": "cargo", "benches": [ { "name": "…", "value": 12.3,
 *                   "unit": "ns/iter", "range": "± 0.4" } ] } ] } }
 *
 * It stored one value per benchmark and run: each becomes a one-round metric named "value".
 * Which way is better follows its own rule per tool (biggerIsBetter in its src/write.ts).
 */

import { HISTORY_SCHEMA, type History, RESULTS_SCHEMA, type Results } from "../model/types.js";
import { validateHistory } from "../model/validate.js";
import { InputError } from "../util/errors.js";
import { UNITLESS } from "./parsers/units.js";

const BIGGER_IS_BETTER = new Set(["benchmarkjs", "pytest", "customBiggerIsBetter"]);

interface Entry {
  commit?: { id?: string; timestamp?: string };
  date?: number;
  tool?: string;
  benches?: Array<{ name?: string; value?: number; unit?: string }>;
}

export function looksLikeBenchmarkDataJs(text: string): boolean {
  return /^\s*window\.BENCHMARK_DATA\s*=/.test(text);
}

export function parseBenchmarkDataJs(text: string, file: string): History[] {
  const json = text.replace(/^\s*window\.BENCHMARK_DATA\s*=\s*/, "").replace(/;?\s*$/, "");
  let doc: { entries?: Record<string, Entry[]> };
  try {
    doc = JSON.parse(json) as typeof doc;
  } catch (error) {
    throw new InputError(
      `not github-action-benchmark's data.js: ${(error as Error).message}`,
      file,
    );
  }
  if (!doc.entries || typeof doc.entries !== "object")
    throw new InputError("no 'entries' in window.BENCHMARK_DATA", file);
  return Object.entries(doc.entries).map(([suite, entries]) => {
    const runs: Results[] = entries.map((entry) => {
      const direction = BIGGER_IS_BETTER.has(entry.tool ?? "") ? "higher" : "lower";
      const when = entry.commit?.timestamp ?? new Date(entry.date ?? 0).toISOString();
      return {
        schema: RESULTS_SCHEMA,
        suite,
        ...(entry.commit?.id ? { commit: entry.commit.id } : {}),
        timestamp: new Date(Date.parse(when) || entry.date || 0).toISOString(),
        environment: {},
        benchmarks: (entry.benches ?? []).map((b) => ({
          name: String(b.name),
          metrics: {
            value: { unit: String(b.unit || UNITLESS), direction, samples: [Number(b.value)] },
          },
        })),
        notes: [`imported from github-action-benchmark (${entry.tool ?? "unknown tool"})`],
      };
    });
    // The same checks and unit conversions as every perfgate file.
    return validateHistory({ schema: HISTORY_SCHEMA, suite, runs }, file);
  });
}
