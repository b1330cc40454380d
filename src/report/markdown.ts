/**
 * The Markdown report for the sticky PR comment and the job summary.
 *
 * GitHub caps a comment at 65,536 characters and a step's summary at 1 MiB (and drops the
 * whole summary above it). The report degrades in stages until it fits, the way changesets'
 * comment does: first the charts go, then the unchanged table folds to a count, then rows are
 * cut from the least important sections up, each cut saying how many rows are missing and
 * where to find them. The limit is a parameter so tests can shrink it.
 */
import { hiccupWarning } from "../analyze/hiccup.js";
import type { Finding, Report } from "../analyze/types.js";
import { benchmarkColumns, quietColumns, undecidedColumns } from "./benchmarkTable.js";
import { historyChart } from "./chart.js";
import { codeSpan, commentValue, escapeMarkdown, escapeMarkdownLine } from "./escape.js";
import { formatSize } from "./format.js";
import { sortFindings } from "./grades.js";
import {
  count,
  countParts,
  footnoteItems,
  headline,
  modeLine,
  needsModeLine,
  plural,
} from "./headline.js";
import {
  characters,
  join,
  type Layout,
  LazyRows,
  largestFitting,
  type Measure,
  measure,
  truncate,
  utf8Bytes,
} from "./layout.js";
import { markdownHeader, markdownRow, withEmoji } from "./markdownTable.js";
import { type BenchmarkRow, type Tally, tallyOf } from "./measurements.js";
import { cpuChange, sharedShift } from "./patterns.js";
import { renderScalingMarkdown } from "./scaling.js";
import {
  buildTable,
  type Column,
  type FlagRow,
  flagColumns,
  recordedColumns,
  toneOf,
  trendColumns,
} from "./table.js";

/** Warnings kept ahead of every table when rows must be cut: few, and they explain the rest. */
const WARNINGS_FIRST = 10;

/** GitHub's limit on an issue or PR comment body, in characters. The one definition:
 *  the Action, the CLI and the benches all take it from here. */
export const COMMENT_LIMIT = 65_536;
/** GitHub drops a step's whole job summary above 1 MiB. The summary stays 4 KiB under it,
 *  so the note the Action appends after it (e.g. why the comment could not be posted) never
 *  pushes it over. The one definition, as COMMENT_LIMIT. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;
/** History charts drawn at most: one, for the worst finding. Every row has its sparkline;
 *  a chart per metric made the comment of a suite-wide slowdown several screens tall. */
export const DEFAULT_CHARTS = { comment: 1, summary: 1 } as const;

export interface MarkdownOptions {
  target: "comment" | "summary";
  /** Comment: characters (default COMMENT_LIMIT); summary: UTF-8 bytes (SUMMARY_LIMIT). */
  limit?: number;
  /** First line, so the Action finds its sticky comment; default reportMarker(suite). */
  marker?: string;
  /** Heading; default "perfgate · <suite>". Treated as outside text and escaped. */
  title?: string;
  /** Charts drawn at most (DEFAULT_CHARTS by target). */
  charts?: number;
  /** Where the rows cut for size can be found; default by target. */
  elsewhere?: string;
}

/** The hidden marker that identifies this suite's sticky comment. */
export function reportMarker(suite: string): string {
  return `<!-- perfgate:report suite=${commentValue(suite)} -->`;
}

const sizeOf = { comment: characters, summary: utf8Bytes };

/** A block of the report that can lose rows: a table, or a list (no header). */
interface Section {
  heading: string;
  /** Formatted only as far as some shape reaches (a comment keeps a few hundred of 30,000). */
  rows: LazyRows;
  header: string[];
  /** Folded into <details> with this summary line (already Markdown). */
  fold?: string;
  /** A line under the table, said once (e.g. what "time ⇄ throughput" means). */
  note?: string;
}

/** What to leave out; each stage of shrinking leaves out more. */
interface Shape {
  charts: number;
  /** false: the unchanged table becomes one line with its count. */
  unchangedTable: boolean;
  /** Rows kept across all sections, given out in priority order. */
  rows: number;
  shortened: boolean;
}

export function renderMarkdown(report: Report, options: MarkdownOptions): string {
  const target = options.target;
  const limit = options.limit ?? (target === "comment" ? COMMENT_LIMIT : SUMMARY_LIMIT);
  const size = sizeOf[target];
  const parts = prepare(report, options, size);
  const fits = (shape: Shape) => measure(compose(parts, shape), size, limit) <= limit;
  const render = (shape: Shape) => join(compose(parts, shape));

  const all = parts.sections.reduce((n, s) => n + s.rows.count, 0) + parts.unchanged.rows.count;
  const charts = options.charts ?? DEFAULT_CHARTS[target];
  const stages: Shape[] = [
    { charts, unchangedTable: true, rows: all, shortened: false },
    { charts: 0, unchangedTable: true, rows: all, shortened: true },
    { charts: 0, unchangedTable: false, rows: all, shortened: true },
  ];
  for (const shape of stages) if (fits(shape)) return render(shape);

  // Cut rows: the most that fit (the size grows with the rows kept, so bisect).
  const cut = (rows: number): Shape => ({
    charts: 0,
    unchangedTable: false,
    rows,
    shortened: true,
  });
  if (fits(cut(0))) return render(cut(largestFitting(0, all, (rows) => fits(cut(rows)))));
  // Even the headline with every section cut is too long (a tiny limit, a huge title).
  return truncate(render(cut(0)), limit, size);
}

interface Parts {
  report: Report;
  marker: string;
  title: string;
  elsewhere: string;
  /** In budget order: what matters most gets rows first. */
  sections: Section[];
  warnings: Section;
  unchanged: Section;
  /** The worst regressions' charts (one by default), each with its caption. */
  charts: string[];
  head: string[];
  foot: string;
}

type Tone = ReturnType<typeof toneOf>;

function prepare(report: Report, options: MarkdownOptions, size: Measure): Parts {
  // A row's cells are made and escaped only when its line is first needed.
  const section = <Row>(
    heading: string,
    columns: readonly Column<Row>[],
    rows: readonly Row[],
    tone: (row: Row) => Tone,
  ): Section => {
    const shape = buildTable(columns, [], tone);
    const line = (i: number) => {
      const row = rows[i] as Row;
      return markdownRow(
        shape,
        columns.map((c) => c.cell(row)),
        tone(row),
      );
    };
    return { heading, header: markdownHeader(shape), rows: new LazyRows(rows.length, line, size) };
  };
  const tally = tallyOf(report.findings);
  const sorted = sortFindings(report.findings);
  const level = report.thresholds.confidence;
  // One row per benchmark, grouped by its worst measurement's verdict.
  const groups = new Map<Finding["verdict"], BenchmarkRow[]>();
  for (const row of tally.rows) {
    const group = groups.get(row.worst.verdict);
    if (group) group.push(row);
    else groups.set(row.worst.verdict, [row]);
  }
  const having = (verdict: Finding["verdict"]) => groups.get(verdict) ?? [];
  const rowTone = (row: BenchmarkRow) => row.tone;
  const recorded = sorted.filter((f) => f.verdict === "new" || f.verdict === "missing");
  // A loop, not flatMap: most of 30,000 findings have no flag, and each would cost an array.
  const flagged: FlagRow[] = [];
  for (const finding of sorted) for (const flag of finding.flags) flagged.push({ finding, flag });
  const trends = sorted.filter((f) => f.trend?.flagged);
  const shared = report.mode === "no-baseline" ? undefined : sharedShift(tally.rows);
  // The analysis warns of the same thing per metric; the pattern says it per benchmark.
  const hiccup = shared ? hiccupWarning(report.findings) : undefined;
  const warningTexts = report.warnings.filter((w) => w !== hiccup);
  const warnings: Section = {
    heading: "Warnings",
    header: [],
    rows: new LazyRows(
      warningTexts.length,
      (i) => `- ${escapeMarkdownLine(warningTexts[i] as string)}`,
      size,
    ),
  };
  const regressions = section(
    "Regressions",
    benchmarkColumns(level),
    having("regression"),
    rowTone,
  );
  const note = twinNote(tally);
  if (note) regressions.note = note;
  const undecided = section(
    "Inconclusive",
    undecidedColumns(level),
    having("inconclusive"),
    rowTone,
  );
  undecided.fold = `${withEmoji("inconclusive", plural(undecided.rows.count, "inconclusive benchmark"))}: too noisy to call either way`;
  const improvements = section(
    "Improvements",
    benchmarkColumns(level),
    having("improvement"),
    rowTone,
  );
  const sections = [
    regressions,
    undecided,
    warnings,
    section("Plausibility", flagColumns, flagged, () => "inconclusive"),
    section("Slow creep", trendColumns, trends, () => "neutral"),
    improvements,
    report.mode === "no-baseline"
      ? section("Recorded values", recordedColumns, recorded, toneOf)
      : section("New and missing", recordedColumns, recorded, toneOf),
  ];
  // Said once: under the first table with rows.
  if (note && regressions.rows.count === 0) improvements.note = note;
  const unchanged = section("Unchanged", quietColumns(level), having("unchanged"), rowTone);
  unchanged.fold = `${plural(unchanged.rows.count, "unchanged benchmark")} (within noise or under the ${formatSize(report.thresholds.tolerance)} tolerance)`;
  const marker = options.marker ?? reportMarker(report.suite);
  const title = escapeMarkdownLine(options.title ?? `perfgate · ${report.suite}`);
  const maxCharts = options.charts ?? DEFAULT_CHARTS[options.target];
  const charts: string[] = [];
  // The worst benchmarks' worst measurements, drawn up to the cap.
  for (const row of having("regression")) {
    if (charts.length >= maxCharts) break;
    const chart = worstChart(report, row.worst);
    if (chart) charts.push(chart);
  }
  const patterns = [
    shared ? `**Pattern:** ${escapeMarkdown(shared)}` : undefined,
    ...[cpuChange(report)].filter(Boolean).map((t) => `**Runner:** ${escapeMarkdown(t as string)}`),
  ].filter((line): line is string => line !== undefined);
  return {
    report,
    marker,
    title,
    elsewhere:
      options.elsewhere ??
      (options.target === "comment"
        ? "see the job summary"
        : "see the JSON report (perfgate compare --format json)"),
    sections,
    warnings,
    unchanged,
    charts,
    head: head({ report, marker, title }, tally, patterns),
    foot: footnote(report),
  };
}

/** "`throughput` is 1/`time` in 12 benchmarks: …", once for all pairs, or undefined. */
function twinNote(tally: Tally): string | undefined {
  const pairs = new Map<string, number>();
  for (const m of tally.measurements) {
    if (!m.twin) continue;
    const [a, b] = [m.finding.metric, m.twin.metric].sort();
    const key = `${codeSpan(a as string)} ⇄ ${codeSpan(b as string)}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  if (pairs.size === 0) return undefined;
  const listed = [...pairs].map(([key, n]) => `${key} in ${plural(n, "benchmark")}`).join(", ");
  return `${listed}: one measurement seen two ways (each run's values multiply to the same constant), counted and graded once, by the worse of the two.`;
}

/** The one full chart, with the expected range drawn and what it is said under it. */
function worstChart(report: Report, worst: Finding): string | undefined {
  const band = Math.max(worst.minDetectable ?? 0, report.thresholds.tolerance);
  const chart = historyChart(worst, {
    commits: report.baseline.commits,
    band,
    paired: report.mode === "paired",
  });
  if (!chart) return undefined;
  const name = `${codeSpan(worst.benchmark)} ${codeSpan(worst.metric)}`;
  return `${chart}\n\n<sub>${name}, the worst change: grey lines mark the expected range (the baseline ± ${formatSize(band)}, the smallest change this comparison can tell from noise), red ${report.mode === "paired" ? "the base side's rounds of the pairs (not commits), head's median last" : "the runs, this one last"}.</sub>`;
}

/** Document order differs from budget order: warnings come last, above the footnote. */
const TABLE_ORDER = [
  "Regressions",
  "Inconclusive",
  "Improvements",
  "Plausibility",
  "Slow creep",
  "New and missing",
  "Recorded values",
];

/** The lines above the tables: they never shrink, so they are made once. */
function head(
  parts: Pick<Parts, "report" | "marker" | "title">,
  tally: Tally,
  patterns: string[],
): string[] {
  const { report } = parts;
  const out: string[] = [parts.marker, `### ${parts.title}`, ""];
  const verdict = headline(report, { quote: (text) => codeSpan(text), tally });
  out.push(`**${withEmoji(verdict.tone, verdict.text)}**`, "");
  const counts = countParts(tally).map(([tone, text]) => withEmoji(tone, text));
  if (counts.length > 0) out.push(counts.join(" · "), "");
  // Two lines of one paragraph: a hard break (a trailing backslash) between them.
  if (patterns.length > 0) out.push(patterns.join("\\\n"), "");
  // The headline says what was compared; a thin or missing baseline needs its caveat said.
  if (needsModeLine(report)) out.push(modeLine(report), "");
  return out;
}

// compose() runs once per shrinking step (about 20 times for 30,000 findings): everything
// that does not depend on the shape is prepared once, and rows are referred to, not copied.
function compose(parts: Parts, shape: Shape): Layout {
  let out: Layout = [...parts.head];
  if (shape.shortened)
    out.push(`> Shortened to fit GitHub's size limit: ${parts.elsewhere} for everything.`, "");

  // Give out the row budget in priority order. The first few warnings come before any
  // table (they say why the verdict may be weak); the rest after the important tables.
  let budget = shape.rows;
  const kept = new Map<Section, number>();
  const give = (s: Section, cap: number) => {
    const had = kept.get(s) ?? 0;
    const n = Math.min(budget, cap, s.rows.count - had);
    kept.set(s, had + n);
    budget -= n;
  };
  give(parts.warnings, WARNINGS_FIRST);
  for (const s of [...parts.sections, parts.unchanged]) give(s, Number.POSITIVE_INFINITY);
  const bySection = new Map(parts.sections.map((s) => [s.heading, s]));
  const emit = (heading: string) => {
    const s = bySection.get(heading);
    if (s && s.rows.count > 0)
      out = out.concat(renderSection(s, kept.get(s) ?? 0, parts.elsewhere));
  };
  for (const heading of TABLE_ORDER) emit(heading);
  for (const chart of parts.charts.slice(0, shape.charts)) out.push(chart, "");
  // The scaling tables and charts go in the first shrinking stage, with the history charts.
  if (!shape.shortened) out = out.concat(renderScalingMarkdown(parts.report));
  out = out.concat(renderUnchanged(parts, shape, kept.get(parts.unchanged) ?? 0));
  emit("Warnings");
  out.push(parts.foot);
  return out;
}

function renderSection(s: Section, keep: number, elsewhere: string): Layout {
  // A folded section with no rows left is its summary line, not an empty <details>.
  if (s.fold && keep === 0) return [`${s.fold}: ${elsewhere}.`, ""];
  const body: Layout = [];
  if (keep > 0) body.push(...s.header, { block: s.rows, keep });
  const left = s.rows.count - keep;
  if (left > 0) {
    if (keep > 0) body.push("");
    body.push(`… and ${count(left)} more, ${elsewhere}.`);
  }
  body.push("");
  if (s.note && keep > 0) body.push(s.note, "");
  // Blank lines around the table inside <details>, or GitHub shows it as raw text.
  if (s.fold) return [`<details><summary>${s.fold}</summary>`, "", ...body, "</details>", ""];
  return [`#### ${s.heading}`, "", ...body];
}

function renderUnchanged(parts: Parts, shape: Shape, keep: number): Layout {
  const s = parts.unchanged;
  if (s.rows.count === 0) return [];
  if (!shape.unchangedTable) return [`${s.fold}.`, ""];
  return renderSection(s, keep, parts.elsewhere);
}

function footnote(report: Report): string {
  return `<sub>${footnoteItems(report).map(escapeMarkdown).join(" · ")}</sub>`;
}
