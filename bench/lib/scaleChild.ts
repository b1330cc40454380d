/**
 * One size of the scale benchmark, run in a fresh process so its peak memory is its own:
 *   node --expose-gc --import tsx bench/lib/scaleChild.ts <benchmarks> <runs>
 * Prints one JSON line: wall times (ms) and memory (bytes).
 */
import { compare } from "../../src/analyze/compare.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { scaleInput } from "./scaleInput.js";
import { startTimer } from "./timer.js";

const benchmarks = Number(process.argv[2] ?? "1000");
const runs = Number(process.argv[3] ?? "30");
const input = scaleInput(benchmarks, runs);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();

// CPU time beside wall time: on a shared machine the wall clock also counts the time spent
// waiting for a core, which is not perfgate's cost.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
const total = startTimer();
const cpu0 = process.cpuUsage();
const report = compare(input);
const compareMs = total();
const compareCpuMs = cpuMs(cpu0);
const comment = renderMarkdown(report, { target: "comment" });
const summary = renderMarkdown(report, { target: "summary" });
const totalMs = total();
const totalCpuMs = cpuMs(cpu0);
const after = process.memoryUsage();

process.stdout.write(
  `${JSON.stringify({
    benchmarks,
    runs,
    findings: report.findings.length,
    regressions: report.counts.regression,
    commentChars: comment.length,
    summaryBytes: Buffer.byteLength(summary),
    compareMs,
    renderMs: totalMs - compareMs,
    totalMs,
    compareCpuMs,
    renderCpuMs: totalCpuMs - compareCpuMs,
    totalCpuMs,
    rssBefore: before.rss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
  })}\n`,
);
