/**
 * Reading a stored history defensively and adding this run to it. A stored history that
 * does not parse is reported with what is wrong (as a value, not an exception), never
 * "repaired" by dropping it. Parsing, migration and validation are the model's
 * (src/model/); this file only turns their errors into a result the stores can act on.
 */
import { COMPACT_HISTORY_SCHEMA, compactHistory } from "../model/compactHistory.js";
import { appendRun, emptyHistory } from "../model/history.js";
import { parseJson } from "../model/jsonText.js";
import { isPerfgateDocument, migrate } from "../model/migrate.js";
import type { History, Results } from "../model/types.js";
import { validateHistory } from "../model/validate.js";

export type Parsed = { history: History } | { problem: string };

/** `source` names the file or cache entry in the problem text. */
export function parseHistory(text: string, source: string): Parsed {
  try {
    const doc = parseJson(text, source);
    if (!isPerfgateDocument(doc) || !String(doc.schema).startsWith("perfgate/history/")) {
      return { problem: `not a perfgate history (expected "schema": "${COMPACT_HISTORY_SCHEMA}")` };
    }
    return { history: validateHistory(migrate(doc, source), source) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/**
 * What to store: the freshest stored history plus this run, one run per commit, trimmed
 * to `size`. A stored history of another suite name (renamed suite) is not mixed in.
 */
export function withRun(stored: History | undefined, run: Results, size: number): History {
  const base = stored && stored.suite === run.suite ? stored : emptyHistory(run.suite);
  return appendRun(base, run, size);
}

/** The stored form: compact (history v2), about a tenth of the expanded JSON. */
export function serializeHistory(history: History): string {
  return `${JSON.stringify(compactHistory(history))}\n`;
}
