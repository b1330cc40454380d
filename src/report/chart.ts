/**
 * A Mermaid `xychart-beta` of one metric's history (baseline runs, oldest first, then this
 * run), which GitHub draws in comments and job summaries. It shows at a glance whether the
 * last point left the band the history lived in.
 */

import { shortCommit } from "../analyze/historyChanges.js";
import type { Finding } from "../analyze/types.js";
import { median } from "../util/quantiles.js";
import { mermaidLabel } from "./escape.js";
import { displayScale } from "./format.js";

/** Digits kept per plotted point: the chart is for the eye, and long numbers bloat it. */
const CHART_DIGITS = 4;

/** Points plotted at most: the newest ones. Each x-axis label is a short SHA, and more than
 *  this many overlap in a comment 900 px wide. */
export const MAX_CHART_POINTS = 13;

/** The points a chart would plot, or undefined when there is nothing worth drawing. */
function chartPoints(finding: Finding): number[] | undefined {
  const points = finding.series.slice(-MAX_CHART_POINTS);
  // Mermaid rejects NaN/Infinity; a chart with one point says nothing.
  return points.length < 2 || !points.every(Number.isFinite) ? undefined : points;
}

export interface ChartOptions {
  /** The baseline runs' commits, oldest first (Report.baseline.commits): the x-axis shows
   *  their short SHAs when they line up with the series, else runs counted back from now. */
  commits?: readonly string[];
  /** The expected range around the baseline, relative (0.065 = ±6.5 %): drawn as two
   *  flat lines, so a point outside them is visibly out of range. */
  band?: number;
  /** Paired mode: the series is the base side's rounds, not a history over commits, so the
   *  axis says "base 1 … base n" and the title says so (issue 21 §6). */
  paired?: boolean;
}

/** Chart size in px: wide and short, so the one chart costs a screen's third, not most of it. */
const CHART_WIDTH = 820;
const CHART_HEIGHT = 260;
const LABEL_FONT_SIZE = 12;
/** Grey for the expected range, red for the metric (Mermaid's default palette is pale). */
const BAND_COLOUR = "#8c959f";
const LINE_COLOUR = "#cf222e";

/** Returns the fenced chart, or undefined when there is nothing worth drawing. */
export function historyChart(finding: Finding, options: ChartOptions = {}): string | undefined {
  const points = chartPoints(finding);
  if (points === undefined) return undefined;
  const middle = median(points) || 0;
  const scale = displayScale(middle, finding.unit);
  const shown = (p: number) => plainNumber(Number((p / scale.factor).toPrecision(CHART_DIGITS)));
  // Mermaid's number grammar has no exponent form: fixed notation, trailing zeros trimmed.
  const numbers = points.map(shown);
  const labels = options.paired
    ? pairLabels(points.length)
    : axisLabels(points.length, options.commits, finding.series.length);
  const what = options.paired ? " (base rounds of the pairs, then head)" : "";
  const title = mermaidLabel(`${finding.benchmark} · ${finding.metric}${what}`);
  const unit = mermaidLabel(scale.unit) || "value";
  const lines: string[] = [];
  const band = options.band;
  const centre = finding.baseline;
  const banded = band !== undefined && band > 0 && centre !== undefined && Number.isFinite(centre);
  if (banded) {
    for (const edge of [1 - band, 1 + band])
      lines.push(`  line [${points.map(() => shown(centre * edge)).join(", ")}]`);
  }
  lines.push(`  line [${numbers.join(", ")}]`);
  const palette = banded ? `${BAND_COLOUR}, ${BAND_COLOUR}, ${LINE_COLOUR}` : LINE_COLOUR;
  return [
    "```mermaid",
    "---",
    "config:",
    "  xyChart:",
    `    width: ${CHART_WIDTH}`,
    `    height: ${CHART_HEIGHT}`,
    "    xAxis:",
    `      labelFontSize: ${LABEL_FONT_SIZE}`,
    "  themeVariables:",
    "    xyChart:",
    `      plotColorPalette: "${palette}"`,
    "---",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis [${labels.map((l) => `"${mermaidLabel(l)}"`).join(", ")}]`,
    `  y-axis "${unit}"`,
    ...lines,
    "```",
  ].join("\n");
}

/** "base 1", …, "base n", "head": the rounds of base run beside head, not commits. */
function pairLabels(shown: number): string[] {
  return Array.from({ length: shown }, (_, i) => (i === shown - 1 ? "head" : `base ${i + 1}`));
}

/** Short SHAs of the runs plotted and "head" for this run, when the commits line up with
 *  the series (one per baseline run); else "-3", "-2", "-1", "now". */
function axisLabels(shown: number, commits: readonly string[] | undefined, all: number): string[] {
  if (commits && commits.length === all - 1) {
    const plotted = commits.slice(commits.length - (shown - 1));
    return [...plotted.map((c) => shortCommit(c)), "head"];
  }
  return Array.from({ length: shown }, (_, i) => (i === shown - 1 ? "now" : `${i - shown + 1}`));
}
function plainNumber(value: number): string {
  const text = String(value);
  if (!text.includes("e")) return text;
  // 1.234e-7 → "0.0000001234" (20 decimals reach any value toPrecision(4) can round to).
  return value.toFixed(20).replace(/\.?0+$/, "");
}
