/**
 * A Mermaid `xychart-beta` of one metric's history (baseline runs, oldest first, then this
 * run), which GitHub draws in comments and job summaries. It shows at a glance whether the
 * last point left the band the history lived in.
 */
import type { Finding } from "../analyze/types.js";
import { median } from "../util/quantiles.js";
import { mermaidLabel } from "./escape.js";
import { displayScale } from "./format.js";

/** Digits kept per plotted point: the chart is for the eye, and long numbers bloat it. */
const CHART_DIGITS = 4;

/** Points plotted at most: the newest ones (the history is capped at 30 by default). */
export const MAX_CHART_POINTS = 60;

/** The points a chart would plot, or undefined when there is nothing worth drawing. */
function chartPoints(finding: Finding): number[] | undefined {
  const points = finding.series.slice(-MAX_CHART_POINTS);
  // Mermaid rejects NaN/Infinity; a chart with one point says nothing.
  return points.length < 2 || !points.every(Number.isFinite) ? undefined : points;
}

/** Whether historyChart draws this finding, without drawing it (to count those left out). */
export function hasHistoryChart(finding: Finding): boolean {
  return chartPoints(finding) !== undefined;
}

/** Returns the fenced chart, or undefined when there is nothing worth drawing. */
export function historyChart(finding: Finding): string | undefined {
  const points = chartPoints(finding);
  if (points === undefined) return undefined;
  const middle = median(points) || 0;
  const scale = displayScale(middle, finding.unit);
  const values = points.map((p) => Number((p / scale.factor).toPrecision(CHART_DIGITS)));
  // Mermaid's number grammar has no exponent form: fixed notation, trailing zeros trimmed.
  const numbers = values.map(plainNumber);
  // Labels count runs back from this one: "-3", "-2", "-1", "now".
  const labels = points.map((_, i) =>
    i === points.length - 1 ? "now" : `${i - points.length + 1}`,
  );
  const title = mermaidLabel(`${finding.benchmark} · ${finding.metric}`);
  const unit = mermaidLabel(scale.unit) || "value";
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `  y-axis "${unit}"`,
    `  line [${numbers.join(", ")}]`,
    "```",
  ].join("\n");
}

function plainNumber(value: number): string {
  const text = String(value);
  if (!text.includes("e")) return text;
  // 1.234e-7 → "0.0000001234" (20 decimals reach any value toPrecision(4) can round to).
  return value.toFixed(20).replace(/\.?0+$/, "");
}
