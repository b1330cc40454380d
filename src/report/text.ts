/**
 * The report for a terminal: the verdict, one aligned table of every finding, then the
 * notes. Colour marks grades only, and only when the caller asks (the CLI decides: a TTY,
 * and neither NO_COLOR nor CI set), so piped output and logs stay plain.
 */
import type { Report } from "../analyze/types.js";
import { escapeTerminal } from "./escape.js";
import { sortFindings, type Tone } from "./grades.js";
import { countParts, footnoteItems, headline, modeLine, needsModeLine } from "./headline.js";
import { tallyOf } from "./measurements.js";
import { renderScalingText } from "./scaling.js";
import {
  allColumns,
  buildTable,
  type Table,
  TERMINAL_LEGEND,
  toDecideText,
  toneOf,
  trendColumns,
} from "./table.js";

export interface TextOptions {
  color: boolean;
  /** Columns available; the benchmark column is shortened to fit. Default DEFAULT_WIDTH. */
  width?: number;
}

/** A classic terminal's width: what logs and CI consoles show without wrapping. */
export const DEFAULT_WIDTH = 100;
/** A benchmark name is never cut shorter than this, even if the table then wraps. */
const MIN_NAME_WIDTH = 16;
const GAP = "  ";

const SGR: Record<Tone | "pass" | "fail", string> = {
  critical: "1;31",
  severe: "31",
  moderate: "33",
  minor: "36",
  improvement: "32",
  inconclusive: "35",
  neutral: "2",
  pass: "32",
  fail: "1;31",
};

/**
 * Whether the terminal report should be coloured: only on a terminal, and not when the user
 * opts out (NO_COLOR set to anything but "", see no-color.org) or in CI, whose logs keep
 * escape codes as garbage. FORCE_COLOR (force-color.org) overrides all of that, as it does
 * for Node itself and chalk: set to anything but "", "0" or "false" it colours even a pipe
 * or a CI log (which GitHub renders); "0" or "false" turns colour off.
 * The CLI passes process.stdout.isTTY and process.env.
 */
export function wantsColor(isTTY: boolean | undefined, env: Record<string, string | undefined>) {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (!isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.CI !== undefined && env.CI !== "" && env.CI !== "false") return false;
  return true;
}

export function renderText(report: Report, options: TextOptions): string {
  const paint = (tone: Tone | "pass" | "fail", text: string) =>
    options.color && text ? `\u001b[${SGR[tone]}m${text}\u001b[0m` : text;
  const width = options.width ?? DEFAULT_WIDTH;
  const sorted = sortFindings(report.findings);
  const out: string[] = [];

  const tally = tallyOf(report.findings);
  const verdict = headline(report, { quote: escapeTerminal, tally });
  out.push(`perfgate · ${escapeTerminal(report.suite)}`);
  out.push(paint(verdict.tone, `${report.status === "fail" ? "FAIL" : "PASS"}  ${verdict.text}`));
  const counts = countParts(tally).map(([tone, text]) => paint(tone, text));
  if (counts.length > 0) out.push(counts.join(" · "));
  if (needsModeLine(report)) out.push(modeLine(report));
  out.push("");

  if (sorted.length > 0) {
    const table = buildTable(allColumns(report.thresholds.confidence), sorted, toneOf);
    out.push(...alignedTable(table, width, paint));
    if (table.shortHeaders.some((h, i) => h !== table.headers[i])) out.push(TERMINAL_LEGEND);
    out.push("");
  }

  const undecided = sorted.filter((f) => f.verdict === "inconclusive");
  if (undecided.length > 0) {
    out.push("Inconclusive (why, and what would decide it):");
    for (const group of sameReason(undecided)) {
      const [first, ...alike] = group;
      if (!first) continue;
      out.push(`  ${name(first.benchmark, first.metric)}: ${escapeTerminal(toDecideText(first))}`);
      // One explanation for many metrics: the table has each one's own figures.
      if (alike.length > 0) {
        const shown = alike.slice(0, MAX_ALIKE).map((f) => name(f.benchmark, f.metric));
        const rest = alike.length - shown.length;
        out.push(
          `  the same for ${alike.length} more: ${shown.join(", ")}${rest > 0 ? `, and ${rest} more` : ""}`,
        );
      }
    }
    out.push("");
  }
  const flagged = sorted.filter((f) => f.flags.length > 0);
  if (flagged.length > 0) {
    out.push("Plausibility:");
    for (const f of flagged)
      for (const flag of f.flags)
        out.push(`  ${name(f.benchmark, f.metric)}: ${flag.kind}: ${escapeTerminal(flag.message)}`);
    out.push("");
  }
  const creeping = sorted.filter((f) => f.trend?.flagged);
  if (creeping.length > 0) {
    out.push("Slow creep (over the history and this run):");
    for (const f of creeping) {
      const [slope, window] = trendColumns.slice(2).map((c) => c.cell(f));
      out.push(`  ${name(f.benchmark, f.metric)}: ${slope} per run, ${window}`);
    }
    out.push("");
  }
  out.push(...renderScalingText(report));
  if (report.warnings.length > 0) {
    out.push("Warnings:");
    for (const w of report.warnings) out.push(`  - ${escapeTerminal(w)}`);
    out.push("");
  }
  out.push(footnote(report));
  return `${out.join("\n")}\n`;
}

/** Names listed after "the same for N more" before the rest are only counted. */
const MAX_ALIKE = 12;

/** Findings whose explanations read alike once their figures are set aside, in order. */
function sameReason(findings: readonly Report["findings"][number][]) {
  const groups = new Map<string, Report["findings"][number][]>();
  for (const f of findings) {
    const key = toDecideText(f).replace(/[-+−]?\d[\d.,]*/g, "#");
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()];
}

function name(benchmark: string, metric: string): string {
  return `${escapeTerminal(benchmark)} · ${escapeTerminal(metric)}`;
}

function footnote(report: Report): string {
  return escapeTerminal(footnoteItems(report).join(" · "));
}

/** Characters as a terminal counts them (code points; wide CJK glyphs are not measured). */
const widthOf = (text: string) => [...text].length;

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * A name shortened to `max` by taking out its middle: benchmark names tell siblings apart
 * at the end (tcp/transfer/10MB and tcp/transfer/100MB), so the end is kept, a third of
 * the room goes to the start that says which group it is in.
 */
export function cutMiddle(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max < 2) return chars.slice(0, max).join("");
  const head = Math.floor((max - 1) / 3);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (max - 1 - head)).join("")}`;
}

/** The narrowest width from `from` up at which no two different names read the same. */
export function distinctWidth(names: readonly string[], from: number): number {
  const distinct = [...new Set(names)];
  const longest = Math.max(0, ...distinct.map(widthOf));
  for (let w = from; w < longest; w++) {
    const shown = new Set(distinct.map((n) => cutMiddle(n, w)));
    if (shown.size === distinct.length) return w;
  }
  return Math.max(from, longest);
}

function alignedTable(
  table: Table,
  width: number,
  paint: (tone: Tone, text: string) => string,
): string[] {
  const rows = table.rows.map((cells) => cells.map(escapeTerminal));
  const widths = table.shortHeaders.map((h, c) =>
    Math.max(widthOf(h), ...rows.map((r) => widthOf(r[c] ?? ""))),
  );
  // Too wide: shorten the benchmark column (names are the only open-ended cells).
  const nameColumn = table.headers.indexOf("Benchmark");
  const total = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  if (total > width && nameColumn >= 0) {
    const current = widths[nameColumn] as number;
    const fits = Math.max(MIN_NAME_WIDTH, current - (total - width));
    // Never so short that two benchmarks read the same: then the table wraps instead.
    widths[nameColumn] = distinctWidth(
      rows.map((r) => r[nameColumn] ?? ""),
      fits,
    );
  }
  const line = (cells: string[], tone?: Tone) =>
    cells
      .map((cell, c) => {
        const w = widths[c] as number;
        const text = c === nameColumn ? cutMiddle(cell, w) : cut(cell, w);
        const padding = " ".repeat(Math.max(0, w - widthOf(text)));
        // Paint the text, not the padding, so colour never bleeds into the gap.
        const shown = tone && c === table.gradeColumn ? paint(tone, text) : text;
        return table.aligns[c] === "right" ? padding + shown : shown + padding;
      })
      .join(GAP)
      .trimEnd();
  return [
    line(table.shortHeaders.map((h) => h.toUpperCase())),
    ...rows.map((cells, r) => line(cells, table.tones[r])),
  ];
}
