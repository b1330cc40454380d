/**
 * Renderers for the change points of a history (`perfgate history changes`, the push run's
 * summary): JSON for programs, Markdown for GitHub, plain text for a terminal. Pure:
 * changes in, text out.
 */
import { type SeriesChange, shortCommit } from "../analyze/historyChanges.js";
import { codeSpan, escapeMarkdown, escapeTerminal } from "./escape.js";
import { formatPercent, formatValue } from "./format.js";
import { capitalize } from "./grades.js";

export const CHANGES_SCHEMA = "perfgate/changes/v1";

export interface ChangesDocument {
  suite: string;
  /** Runs in the history that was searched. */
  runs: number;
  changes: SeriesChange[];
}

/** The JSON contract: one object, `changes` always present (empty when none). */
export function renderChangesJson(doc: ChangesDocument): string {
  return `${JSON.stringify({ schema: CHANGES_SCHEMA, ...doc }, null, 2)}\n`;
}

/** "Moderate regression", "Minor improvement". */
export function changeLabel(change: Pick<SeriesChange, "kind" | "severity" | "accepted">): string {
  return `${capitalize(change.severity)} ${change.kind}${change.accepted ? " (accepted)" : ""}`;
}

/** A level in the series' unit, for Markdown: a custom unit is the benchmark author's text. */
export function levelMarkdown(value: number, unit: string): string {
  return escapeMarkdown(formatValue(value, unit));
}

export function renderChangesMarkdown(doc: ChangesDocument): string {
  const title = `### Change points in ${escapeMarkdown(doc.suite)}`;
  if (doc.changes.length === 0) {
    return `${title}\n\nNo change points in the last ${doc.runs} runs.\n`;
  }
  const rows = doc.changes.map((c) =>
    [
      codeSpan(c.benchmark, true),
      codeSpan(c.metric, true),
      codeSpan(shortCommit(c.commit), true),
      levelMarkdown(c.before, c.unit),
      levelMarkdown(c.after, c.unit),
      formatPercent(c.change),
      changeLabel(c),
    ].join(" | "),
  );
  return [
    title,
    "",
    `${doc.changes.length} change point${doc.changes.length === 1 ? "" : "s"} in the last ${doc.runs} runs; the commit is the first run at the new level.`,
    "",
    "| Benchmark | Metric | First commit | Before | After | Change | Grade |",
    "|---|---|---|---:|---:|---:|---|",
    ...rows.map((r) => `| ${r} |`),
    "",
  ].join("\n");
}

export function renderChangesText(doc: ChangesDocument): string {
  if (doc.changes.length === 0)
    return `${escapeTerminal(doc.suite)}: no change points in the last ${doc.runs} runs\n`;
  const lines = doc.changes.map(
    (c) =>
      `${escapeTerminal(c.benchmark)} ${escapeTerminal(c.metric)}: ${escapeTerminal(formatValue(c.before, c.unit))} → ${escapeTerminal(formatValue(c.after, c.unit))} (${formatPercent(c.change)}, ${changeLabel(c)}) from ${escapeTerminal(shortCommit(c.commit))}`,
  );
  return `${escapeTerminal(doc.suite)}: ${doc.changes.length} change point${doc.changes.length === 1 ? "" : "s"} in the last ${doc.runs} runs\n${lines.join("\n")}\n`;
}
