/**
 * Scale: compare + render (comment and summary) for 1k, 3k and 10k benchmarks × 3 metrics
 * with a 30-run history, each size in a fresh child process (bench/lib/scaleChild.ts) so its
 * peak memory is its own. Targets (issue 2): 10k under 3 s and 1 GB, growing about linearly.
 *
 *   npm run bench -- scale
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { markdownTable } from "./lib/table.js";

const SIZES = [1000, 3000, 10_000];
const HISTORY_RUNS = 30;
const TIME_TARGET_MS = 3000;
const MEMORY_TARGET = 1024 ** 3;

interface Measure {
  benchmarks: number;
  findings: number;
  regressions: number;
  commentChars: number;
  summaryBytes: number;
  compareMs: number;
  renderMs: number;
  totalMs: number;
  compareCpuMs: number;
  renderCpuMs: number;
  totalCpuMs: number;
  referenceCpuMs: number;
  rssBefore: number;
  peakRss: number;
}

const child = fileURLToPath(new URL("./lib/scaleChild.ts", import.meta.url));

function measure(size: number): Measure {
  const text = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", child, String(size), String(HISTORY_RUNS)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  return JSON.parse(text) as Measure;
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;

export default async function scale(): Promise<void> {
  const results = SIZES.map(measure);
  const rows = results.map((m) => [
    m.benchmarks.toLocaleString("en-US"),
    m.findings.toLocaleString("en-US"),
    m.regressions,
    `${ms(m.compareMs)} / ${ms(m.compareCpuMs)}`,
    `${ms(m.renderMs)} / ${ms(m.renderCpuMs)}`,
    `${ms(m.totalMs)} / ${ms(m.totalCpuMs)}`,
    `${(m.totalCpuMs / m.referenceCpuMs).toFixed(1)}×`,
    mb(m.peakRss),
    mb(m.peakRss - m.rssBefore),
    m.commentChars.toLocaleString("en-US"),
    m.summaryBytes.toLocaleString("en-US"),
  ]);
  const first = results[0] as Measure;
  const last = results[results.length - 1] as Measure;
  const growth = (a: number, b: number) => `${(b / a).toFixed(1)}×`;
  rows.push([
    `${last.benchmarks / first.benchmarks}× (10k / 1k)`,
    "",
    "",
    `${growth(first.compareMs, last.compareMs)} / ${growth(first.compareCpuMs, last.compareCpuMs)}`,
    `${growth(first.renderMs, last.renderMs)} / ${growth(first.renderCpuMs, last.renderCpuMs)}`,
    `${growth(first.totalMs, last.totalMs)} / ${growth(first.totalCpuMs, last.totalCpuMs)}`,
    growth(first.referenceCpuMs, last.referenceCpuMs),
    growth(first.peakRss, last.peakRss),
    growth(first.peakRss - first.rssBefore, last.peakRss - last.rssBefore),
    "",
    "",
  ]);
  console.log(
    [
      `Each size × 3 metrics, ${HISTORY_RUNS}-run history of 5 rounds, 1 % of benchmarks slowed 30 %.`,
      "Times are wall clock / CPU time of compare() and of rendering both the comment and the",
      "summary; memory is the child's peak RSS (input included) and its growth from just before",
      `compare(). Load average when it started: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(", ")} on ${os.cpus().length} cores.`,
      "",
      markdownTable(
        [
          "benchmarks",
          "findings",
          "regressions",
          "compare (wall / CPU)",
          "render both (wall / CPU)",
          "total (wall / CPU)",
          "total CPU / JSON round trip of the input",
          "peak RSS",
          "RSS growth",
          "comment chars",
          "summary bytes",
        ],
        rows,
      ),
      "",
      `- ${last.totalMs < TIME_TARGET_MS ? "✅" : "❌"} 10k under 3 s: ${ms(last.totalMs)} wall, ${ms(last.totalCpuMs)} CPU`,
      `- ${last.peakRss < MEMORY_TARGET ? "✅" : "❌"} 10k under 1 GB: ${mb(last.peakRss)} peak RSS`,
      `- CPU time grows ${growth(first.totalCpuMs, last.totalCpuMs)} for 10× the benchmarks (linear: 10×)`,
    ].join("\n"),
  );
}
