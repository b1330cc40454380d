/**
 * `npm run bench -- dashboard`: the dashboard at 1,000 benchmarks × 3 metrics × 100 runs
 * beside 10 benchmarks: the time to build the site (change points, expected ranges, pages),
 * its size on disk, and the time until Debian's chromium has drawn the index and a chart
 * opened from disk. Targets: index drawn < 1 s, site < 20 MB. Timing on this shared machine
 * is noisy: medians of 3, and the large size as a ratio of the small one in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildDashboard } from "../src/report/dashboard/index.js";
import { median } from "../src/util/quantiles.js";
import { writeFiles } from "../src/util/writeFiles.js";
import { dashboardHistory } from "./lib/dashboardHistory.js";
import { markdownTable } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const RUNS = 100;
const REPEATS = 3;
const SIZES = [10, 1000];

interface Measured {
  benchmarks: number;
  build: number;
  bytes: number;
  files: number;
  largestFile: number;
  index: number;
  chart: number;
}

export default async function dashboardBench(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  const results: Measured[] = [];
  try {
    for (const benchmarks of SIZES) {
      const history = dashboardHistory({ benchmarks, runs: RUNS, stepAt: 80 });
      const input = {
        histories: [{ suite: history.suite, runs: history.runs }],
        repoUrl: "https://github.com/octo/widgets",
        title: "bench",
        generated: "2026-12-07T00:00:00Z",
      };
      const builds: number[] = [];
      let files = new Map<string, string>();
      for (let r = 0; r < REPEATS; r++) {
        const elapsed = startTimer();
        files = buildDashboard(input);
        builds.push(elapsed());
      }
      const dir = mkdtempSync(join(tmpdir(), "perfgate-dashboard-bench-"));
      try {
        await writeFiles(dir, files);
        const sizes = [...files.values()].map((t) => Buffer.byteLength(t));
        const indexTimes: number[] = [];
        const chartTimes: number[] = [];
        for (let r = 0; r < REPEATS; r++) {
          // A fresh context each time: nothing cached from the run before.
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          await page.goto(`file://${join(dir, "index.html")}`);
          await page.waitForSelector("html[data-drawn]");
          indexTimes.push(
            await page.evaluate(
              () =>
                performance.getEntriesByName("perfgate-index-drawn")[0]?.startTime ?? Number.NaN,
            ),
          );
          const href = await page.locator("#series tbody tr a").first().getAttribute("href");
          const started = startTimer();
          await page.goto(`file://${join(dir, href ?? "series.html")}`);
          await page.waitForFunction(() => document.documentElement.dataset.drawn !== undefined);
          chartTimes.push(started());
          await context.close();
        }
        results.push({
          benchmarks,
          build: median(builds),
          bytes: sizes.reduce((a, b) => a + b, 0),
          files: files.size,
          largestFile: Math.max(...sizes),
          index: median(indexTimes),
          chart: median(chartTimes),
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const small = results[0] as Measured;
  const mb = (b: number) => (b / 1e6).toFixed(2);
  console.log(
    markdownTable(
      [
        "benchmarks × 3 metrics × 100 runs",
        "build (ms)",
        "site (MB)",
        "files",
        "largest file (MB)",
        "index drawn (ms)",
        "a chart drawn (ms)",
      ],
      results.map((m) => [
        m.benchmarks,
        m.build.toFixed(0),
        mb(m.bytes),
        m.files,
        mb(m.largestFile),
        m.index.toFixed(0),
        m.chart.toFixed(0),
      ]),
    ),
  );
  const large = results.at(-1) as Measured;
  console.log(
    `\n${large.benchmarks} vs ${small.benchmarks} benchmarks, same run (medians of ${REPEATS}): build ${(large.build / small.build).toFixed(0)}×, site ${(large.bytes / small.bytes).toFixed(0)}×, index drawn ${(large.index / small.index).toFixed(1)}×, a chart drawn ${(large.chart / small.chart).toFixed(1)}×. Targets at ${large.benchmarks}: index < 1,000 ms (${large.index.toFixed(0)}), site < 20 MB (${mb(large.bytes)}).`,
  );
}
