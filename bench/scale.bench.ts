/**
 * Scale: compare + render (comment and summary) for 1k, 3k and 10k benchmarks × 3 metrics
 * with a 30-run history, each size in a fresh child process (bench/lib/scaleChild.ts) so its
 * peak memory is its own. Targets (issue 2): 10k under 3 s and 1 GB, growing about linearly.
 *
 * Then the same as a user runs it (issue 16): the bundled `perfgate compare` as a process
 * reading the history file a store wrote (compact v2, and the v1 stores wrote before) and
 * printing markdown or json, beside a process that only JSON.parses the same file.
 * Targets at 10k: history ≤ 15 MB; compare < 1.5 s wall and < 500 MiB in both formats.
 *
 *   npm run bench -- scale
 */
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureProcess, type ProcessMeasure } from "./lib/cliProcess.js";
import { writeScaleFiles } from "./lib/scaleFiles.js";
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

const CLI_SIZES = [1000, 10_000];
const HISTORY_BYTES_TARGET = 15e6;
const CLI_WALL_TARGET_MS = 1500;
const CLI_RSS_TARGET_MIB = 500;
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

const REPORT_BYTES_TARGET = 10e6;

/** Whether a compact report (findings, then unchanged rows) grades as `grades` does. */
function sameGrades(grades: Map<string, string> | undefined, json: string): boolean {
  const report = JSON.parse(json) as {
    findings: Array<{ benchmark: string; metric: string; verdict: string; severity: string }>;
    unchanged: { rows: string[][] };
  };
  const compact = [
    ...report.findings.map((f) => [`${f.benchmark} ${f.metric}`, `${f.verdict} ${f.severity}`]),
    ...report.unchanged.rows.map((row) => [`${row[0]} ${row[1]}`, "unchanged none"]),
  ];
  return (
    grades !== undefined &&
    compact.length === grades.size &&
    compact.every(([key, grade]) => grades.get(key as string) === grade)
  );
}

/** Grades (verdict and severity) per benchmark and metric in a JSON report. */
function gradesOf(json: string): Map<string, string> {
  const report = JSON.parse(json) as {
    findings: Array<{ benchmark: string; metric: string; verdict: string; severity: string }>;
  };
  return new Map(
    report.findings.map((f) => [`${f.benchmark} ${f.metric}`, `${f.verdict} ${f.severity}`]),
  );
}

async function cliScale(): Promise<void> {
  if (!existsSync(CLI)) {
    console.log(
      "\n(no dist/cli.js: run `npm run bundle` to measure perfgate compare as a process)",
    );
    return;
  }
  const dir = await mkdtemp(join(os.tmpdir(), "perfgate-scale-"));
  const rows: string[][] = [];
  const notes: string[] = [];
  try {
    for (const size of CLI_SIZES) {
      const files = await writeScaleFiles(dir, size, HISTORY_RUNS);
      const parse = (file: string) =>
        measureProcess([
          "-e",
          `JSON.parse(require("fs").readFileSync(${JSON.stringify(file)}, "utf8"))`,
        ]);
      const compareCli = (file: string, format: string) =>
        measureProcess(
          [
            CLI,
            "compare",
            "--baseline",
            file,
            "--current",
            files.current,
            "--format",
            format,
            "--fail-on",
            "never",
          ],
          format.startsWith("json"),
        );
      const reference = await parse(files.historyV1);
      const row = (label: string, file: string, m: ProcessMeasure) => [
        size.toLocaleString("en-US"),
        label,
        mb(statSync(file).size),
        ms(m.wallMs),
        ms(m.cpuMs),
        `${(m.cpuMs / reference.cpuMs).toFixed(2)}×`,
        `${m.peakRssMiB.toFixed(0)} MiB`,
        m.stdoutBytes ? mb(m.stdoutBytes) : "",
      ];
      rows.push(row("JSON.parse of the v1 file (reference)", files.historyV1, reference));
      rows.push(row("JSON.parse of the v2 file", files.historyV2, await parse(files.historyV2)));
      const grades: Record<string, Map<string, string>> = {};
      let jsonBytes = 0;
      for (const [version, file] of [
        ["v1", files.historyV1],
        ["v2", files.historyV2],
      ] as const) {
        for (const format of ["markdown", "json", "json-compact"]) {
          if (format === "json-compact" && version === "v1") continue;
          const m = await compareCli(file, format);
          if (m.exitCode !== 0) throw new Error(`perfgate compare exited ${m.exitCode}`);
          if (format === "json" && m.stdout) grades[version] = gradesOf(m.stdout);
          if (format === "json-compact") {
            const same = sameGrades(grades[version], m.stdout ?? "");
            notes.push(
              `- ${size.toLocaleString("en-US")} benchmarks: the compact report (${mb(m.stdoutBytes)}, ${(m.stdoutBytes / jsonBytes).toFixed(2)}× the json report) ${same ? "gives every finding the grade the json report gives" : "DISAGREES with the json report's grades"}`,
            );
          }
          if (format === "json") jsonBytes = m.stdoutBytes;
          rows.push(row(`perfgate compare ${format}, history ${version}`, file, m));
          if (size === CLI_SIZES.at(-1) && version === "v2") {
            const v2Bytes = statSync(file).size;
            notes.push(
              `- ${m.wallMs < CLI_WALL_TARGET_MS ? "✅" : "❌"} ${format}: ${ms(m.wallMs)} wall (target < ${CLI_WALL_TARGET_MS} ms), ` +
                `${m.peakRssMiB < CLI_RSS_TARGET_MIB ? "✅" : "❌"} ${m.peakRssMiB.toFixed(0)} MiB (target < ${CLI_RSS_TARGET_MIB})`,
            );
            if (format === "json-compact")
              notes.push(
                `- ${m.stdoutBytes < REPORT_BYTES_TARGET ? "✅" : "❌"} compact JSON report ${mb(m.stdoutBytes)} (target < 10 MB)`,
              );
            if (format === "json")
              notes.push(
                `- ${v2Bytes <= HISTORY_BYTES_TARGET ? "✅" : "❌"} history ${mb(v2Bytes)} (target ≤ 15 MB)`,
              );
          }
        }
      }
      const [v1, v2] = [grades.v1, grades.v2] as Map<string, string>[];
      let differ = 0;
      for (const [key, grade] of v1 ?? []) if (v2?.get(key) !== grade) differ++;
      notes.push(
        `- ${size.toLocaleString("en-US")} benchmarks: ${differ} of ${v1?.size ?? 0} grades differ between the v1 history and its compact v2 form`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    [
      "",
      `### perfgate compare as a process (dist/cli.js, built ${statSync(CLI).mtime.toISOString()})`,
      "",
      `Load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(
          ", ",
        )} on ${os.cpus().length} cores; compare CPU time with the reference in the same row set.`,
      "",
      markdownTable(
        [
          "benchmarks",
          "process",
          "history file",
          "wall",
          "CPU",
          "CPU / reference",
          "peak RSS",
          "printed",
        ],
        rows,
      ),
      "",
      ...notes,
    ].join("\n"),
  );
}

export default async function scale(): Promise<void> {
  if (process.env.PERFGATE_SCALE_CLI_ONLY !== "1") await inProcessScale();
  await cliScale();
}

async function inProcessScale(): Promise<void> {
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
