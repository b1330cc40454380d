/**
 * validate: measured figures against the user's expectations, PASS / WARN / FAIL. Pure.
 *
 *   throughput  ──── FAIL ────┼──── WARN ────┼──── PASS ────►
 *                      (1 − band) · expected     expected
 *   p99 latency ◄─── PASS ────┼──── WARN ────┼──── FAIL ────
 *                           limit      (1 + band) · limit
 *
 * The WARN band is a figure on the wrong side of the line but within WARN_BAND of it:
 * close enough that a rerun on a shared machine may land either side (runs of the suite
 * swing by ±10 % between shared runners, docs/architecture.md), so it is reported, not failed.
 */

export type Grade = "PASS" | "WARN" | "FAIL";
const ORDER: Grade[] = ["PASS", "WARN", "FAIL"];

/** 10 %: the run-to-run swing of a quick suite on a shared runner. */
export const WARN_BAND = 0.1;

export interface Check {
  metric: string;
  /** Measured value, in `unit`; undefined when the suite did not measure it. */
  value: number | undefined;
  unit: string;
  /** "min": the value should be at least `limit`; "max": at most. */
  bound: "min" | "max";
  limit: number;
  grade: Grade;
}

export function gradeCheck(value: number | undefined, bound: "min" | "max", limit: number): Grade {
  if (value === undefined || !Number.isFinite(value)) return "FAIL";
  if (bound === "min") {
    if (value >= limit) return "PASS";
    return value >= limit * (1 - WARN_BAND) ? "WARN" : "FAIL";
  }
  if (value <= limit) return "PASS";
  return value <= limit * (1 + WARN_BAND) ? "WARN" : "FAIL";
}

export function overall(checks: readonly Check[]): Grade {
  return checks.reduce<Grade>(
    (worst, c) => (ORDER.indexOf(c.grade) > ORDER.indexOf(worst) ? c.grade : worst),
    "PASS",
  );
}

const show = (x: number | undefined, unit: string) =>
  x === undefined || !Number.isFinite(x) ? "not measured" : `${+x.toPrecision(4)} ${unit}`;

export function renderChecks(title: string, checks: readonly Check[]): string {
  const rows = checks.map((c) => [
    c.metric,
    show(c.value, c.unit),
    `expected ${c.bound === "min" ? "≥" : "≤"} ${c.limit} ${c.unit}`,
    c.grade,
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  "));
  return [title, ...lines.map((l) => `  ${l.trimEnd()}`), `overall: ${overall(checks)}`, ""].join(
    "\n",
  );
}
