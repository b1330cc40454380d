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
// CPU time beside wall time: on a shared machine the wall clock also counts the time spent
// waiting for a core, which is not perfgate's cost.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

/** Reference measured in the same process: one JSON round trip of the input, the least work
 *  any tool must do to read these files. Ratios against it survive a busy machine better than
 *  absolute times do. */
function jsonRoundTripCpuMs(): number {
  const start = process.cpuUsage();
  const copy = JSON.parse(JSON.stringify(input)) as typeof input;
  if (copy.baseline.length !== input.baseline.length) throw new Error("round trip lost runs");
  return cpuMs(start);
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();

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
const peakRss = process.resourceUsage().maxRSS * 1024;
// After the memory figures are taken: the copy would otherwise count as perfgate's.
const referenceCpuMs = jsonRoundTripCpuMs();

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
    referenceCpuMs,
    rssBefore: before.rss,
    peakRss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
  })}\n`,
);
