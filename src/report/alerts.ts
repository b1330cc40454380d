/**
 * What a push alert says: a comment on the commit that moved a benchmark, or the body of one
 * tracking issue per suite. Pure: changes in, Markdown out. Every alerted change carries a
 * hidden marker (suite, benchmark, metric, commit), so a re-run — or the next push, which
 * finds the same change again — sees it was already alerted and stays quiet.
 */
import type { SeriesChange } from "../analyze/historyChanges.js";
import { shortCommit } from "../analyze/historyChanges.js";
import { changeLabel, levelMarkdown } from "./changes.js";
import { codeSpan, commentValue, escapeTerminal } from "./escape.js";
import { formatPercent } from "./format.js";

/** The hidden marker of one change point. */
export function changeMarker(suite: string, c: SeriesChange): string {
  const key = [suite, c.benchmark, c.metric, c.commit ?? ""].map(commentValue).join(" ");
  return `<!-- perfgate:change ${key} -->`;
}

/** The hidden marker of a suite's tracking issue. */
export function issueMarker(suite: string): string {
  return `<!-- perfgate:alerts suite=${commentValue(suite)} -->`;
}

/** Every change marker in `text` (a comment or an issue body). */
export function markersIn(text: string): Set<string> {
  return new Set(text.match(/<!-- perfgate:change [^>]*-->/g) ?? []);
}

function line(c: SeriesChange): string {
  return `${codeSpan(c.benchmark)} ${codeSpan(c.metric)} moved ${formatPercent(c.change)} (${changeLabel(c)}): ${levelMarkdown(c.before, c.unit)} over ${c.runsBefore} runs before, ${levelMarkdown(c.after, c.unit)} over ${c.runsAfter} runs from this commit on`;
}

export function commitCommentBody(suite: string, c: SeriesChange): string {
  return [
    changeMarker(suite, c),
    `**perfgate** (${codeSpan(suite)}): this commit is the first at a new level.`,
    "",
    `- ${line(c)}.`,
    "",
    "If it was intended, add an `accept:` entry for this commit to `.perfgate.yml`.",
  ].join("\n");
}

export function issueTitle(suite: string): string {
  return `perfgate: performance regressions in ${escapeTerminal(suite)}`;
}

/**
 * The tracking issue: the regressions the history shows now, newest first, and the markers
 * of every change ever alerted here (`alerted`, kept from the issue's previous body).
 */
export function issueBody(suite: string, open: SeriesChange[], alerted: Set<string>): string {
  const rows = [...open]
    .sort((a, b) => b.run - a.run)
    .map(
      (c) =>
        `| ${codeSpan(c.benchmark, true)} | ${codeSpan(c.metric, true)} | ${codeSpan(shortCommit(c.commit), true)} | ${levelMarkdown(c.before, c.unit)} | ${levelMarkdown(c.after, c.unit)} | ${formatPercent(c.change)} | ${changeLabel(c)} |`,
    );
  const table =
    rows.length === 0
      ? ["No open regressions in the baseline history."]
      : [
          "| Benchmark | Metric | First commit | Before | After | Change | Grade |",
          "|---|---|---|---:|---:|---:|---|",
          ...rows,
        ];
  return [
    issueMarker(suite),
    `Regressions on the baseline branch of ${codeSpan(suite)}, updated by perfgate on each push. The commit is the first run at the new level.`,
    "",
    ...table,
    "",
    ...[...alerted].sort(),
  ].join("\n");
}
