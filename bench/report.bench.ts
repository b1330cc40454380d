/**
 * Report rendering cost: each renderer on compare()'s reports for 1k, 3k and 10k benchmarks
 * × 3 metrics (30-run history), as CPU time and as a ratio to JSON.stringify of the same
 * report measured in this script (the cheapest possible "render"). A second table forces the
 * comment to shrink: every finding a regression, so the size fitting cuts rows.
 *
 *   npm run bench -- report
 */
import os from "node:os";
import { compare } from "../src/analyze/compare.js";
import type { Report } from "../src/analyze/types.js";
import { renderJsonReport } from "../src/report/json.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { renderText } from "../src/report/text.js";
import { median } from "../src/util/quantiles.js";
import { scaleInput } from "./lib/scaleInput.js";
import { markdownTable } from "./lib/table.js";

const SIZES = [1000, 3000, 10_000];
const HISTORY_RUNS = 30;
/** Repetitions per measurement; the median is reported (a shared machine has spikes). */
const REPEAT = 5;

/** Median CPU milliseconds of `fn` over REPEAT runs, and its last result. */
function cpuMs<T>(fn: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = process.cpuUsage();
    result = fn();
    const t = process.cpuUsage(t0);
    times.push((t.user + t.system) / 1000);
  }
  return { ms: median(times), result: result as T };
}

const RENDERERS: Array<[string, (r: Report) => string]> = [
  ["JSON report", renderJsonReport],
  ["Markdown comment", (r) => renderMarkdown(r, { target: "comment" })],
  ["Markdown summary", (r) => renderMarkdown(r, { target: "summary" })],
  ["terminal text", (r) => renderText(r, { color: false })],
];

function measure(report: Report): string[][] {
  const reference = cpuMs(() => JSON.stringify(report));
  return RENDERERS.map(([name, render]) => {
    const { ms, result } = cpuMs(() => render(report));
    return [
      name,
      report.findings.length.toLocaleString("en-US"),
      `${ms.toFixed(0)} ms`,
      `${(ms / reference.ms).toFixed(1)}×`,
      Buffer.byteLength(result).toLocaleString("en-US"),
    ];
  });
}

/** The same report with every finding a Critical regression: the comment must cut rows. */
function allRegressed(report: Report): Report {
  return {
    ...report,
    findings: report.findings.map((f) => ({ ...f, verdict: "regression", severity: "critical" })),
  };
}

export default async function reportBench(): Promise<void> {
  const header = ["renderer", "findings", "CPU (median of 5)", "÷ JSON.stringify", "output bytes"];
  const reports = SIZES.map((n) => compare({ ...scaleInput(n, HISTORY_RUNS), seed: 1 }));
  const rows = reports.flatMap(measure);
  const last = reports[reports.length - 1] as Report;
  const first = reports[0] as Report;
  const growth = (render: (r: Report) => string) =>
    (cpuMs(() => render(last)).ms / cpuMs(() => render(first)).ms).toFixed(1);
  console.log(
    [
      `compare() reports for ${SIZES.join(", ")} benchmarks × 3 metrics, ${HISTORY_RUNS}-run history.`,
      `"÷ JSON.stringify" is the renderer's CPU time over JSON.stringify(report) on the same report.`,
      `Load average at start: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(", ")} on ${os.cpus().length} cores.`,
      "",
      markdownTable(header, rows),
      "",
      `Growth from 1k to 10k benchmarks (10× the findings): comment ${growth(RENDERERS[1]?.[1] as never)}×, summary ${growth(RENDERERS[2]?.[1] as never)}×.`,
      "",
      "Every finding a regression (the comment and the summary must cut rows to fit):",
      "",
      markdownTable(header, measure(allRegressed(last))),
    ].join("\n"),
  );
}
