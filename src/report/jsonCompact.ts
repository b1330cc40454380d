/**
 * The compact JSON report (schema/report.v2.json, `perfgate compare --format json-compact`):
 * the version-1 report for a large suite, small enough to keep and upload. Of 30,000
 * findings most are "unchanged", and version 1 spells each out with every key, its
 * formatted text, its trend and its 31-point series: 37 MB for 10,000 benchmarks × 3
 * metrics. Version 2 keeps the head and every finding that says something (a regression,
 * an improvement, inconclusive, new, missing, flagged, past a limit, creeping, accepted) in
 * version 1's form, and puts the plain unchanged ones in one table, a row each, without
 * their series. Numbers keep 6 significant digits:
 *
 *   { "schema": "perfgate/report/v2", …the v1 head…, "findings": [ {…v1 finding…}, … ],
 *     "unchanged": { "columns": ["benchmark", "metric", …, "reason"],
 *                    "rows": [ ["parse/json", "time", "s", "lower", 0.00123, …], … ] } }
 *
 * `--format json` still writes version 1 with everything in it.
 */
import type { Finding, Report } from "../analyze/types.js";
import { REPORT_COMPACT_SCHEMA } from "../model/types.js";
import { jsonFinding, toJsonReport } from "./json.js";

/** The table's columns, in the order of each row (schema/report.v2.json names them). */
export const UNCHANGED_COLUMNS = [
  "benchmark",
  "metric",
  "unit",
  "direction",
  "baseline",
  "current",
  "estimate",
  "low",
  "high",
  "level",
  "pValue",
  "adjustedPValue",
  "minDetectable",
  "reason",
] as const;

/** Digits kept in the table: more than any measurement here supports (the history keeps
 *  4), fewer than the 17 a double prints with. */
const SIGNIFICANT_DIGITS = 6;

function short(x: number | undefined | null): number | null {
  if (x === undefined || x === null || !Number.isFinite(x)) return null;
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/** A version 1 finding with its numbers to 6 significant digits (counts stay whole). */
function shortened<T>(value: T): T {
  if (typeof value === "number") return short(value) as T;
  if (Array.isArray(value)) return value.map(shortened) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = shortened((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

/** A finding as version 2 writes it in `findings`: version 1's, numbers shortened. */
export function compactFinding(f: Finding) {
  return shortened(jsonFinding(f));
}

/** Unchanged and nothing else to say: such a finding is a table row. */
export function isPlainUnchanged(f: Finding): boolean {
  return (
    f.verdict === "unchanged" &&
    f.flags.length === 0 &&
    f.limit === undefined &&
    f.trend?.flagged !== true &&
    f.accepted === undefined
  );
}

type Row = Array<string | number | null>;

function row(f: Finding): Row {
  return [
    f.benchmark,
    f.metric,
    f.unit,
    f.direction,
    short(f.baseline),
    short(f.current),
    short(f.change?.estimate),
    short(f.change?.low),
    short(f.change?.high),
    f.change?.level ?? null,
    short(f.change?.pValue),
    short(f.change?.adjustedPValue),
    short(f.minDetectable),
    f.reason,
  ];
}

/**
 * The compact report with a final newline, in pieces (as jsonReportChunks): the head laid
 * out as in version 1, then one finding or one row per line.
 */
export function* compactReportChunks(report: Report): Generator<string> {
  const head = JSON.stringify(
    { ...toJsonReport({ ...report, findings: [] }), schema: REPORT_COMPACT_SCHEMA },
    null,
    2,
  );
  // `findings` is the head's last key: its empty array is where the pieces go.
  const open = head.lastIndexOf("[]");
  yield `${head.slice(0, open)}[`;
  let first = true;
  for (const f of report.findings) {
    if (isPlainUnchanged(f)) continue;
    yield `${first ? "" : ","}\n    ${JSON.stringify(compactFinding(f))}`;
    first = false;
  }
  yield `${first ? "" : "\n  "}],\n  "unchanged": {\n    "columns": ${JSON.stringify(UNCHANGED_COLUMNS)},\n    "rows": [`;
  first = true;
  for (const f of report.findings) {
    if (!isPlainUnchanged(f)) continue;
    yield `${first ? "" : ","}\n      ${JSON.stringify(row(f))}`;
    first = false;
  }
  yield `${first ? "" : "\n    "}]\n  }${head.slice(open + 2)}\n`;
}

/** The whole compact report as one string (see compactReportChunks). */
export function renderCompactReport(report: Report): string {
  return [...compactReportChunks(report)].join("");
}
