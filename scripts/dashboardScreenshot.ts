/**
 * Regenerates docs/dashboard.png, the README's picture of `perfgate dashboard`: a site built
 * from a simulated 60-run history (every 10th benchmark 30 % slower from run 40 on), with a
 * pull request graded by the real compare(), opened from disk in Debian's chromium.
 *
 *   npx tsx scripts/dashboardScreenshot.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { dashboardHistory } from "../bench/lib/dashboardHistory.js";
import { compare } from "../src/analyze/compare.js";
import { buildDashboard, prPointOf } from "../src/report/dashboard/index.js";
import { writeFiles } from "../src/util/writeFiles.js";

const out = fileURLToPath(new URL("../docs/dashboard.png", import.meta.url));
const history = dashboardHistory({ benchmarks: 24, runs: 60, stepAt: 40, step: 1.3 });
const baseline = history.runs.slice(0, -1);
const last = history.runs.at(-1);
if (!last) throw new Error("empty history");
// The pull request: the newest run, 12 % slower still in bench-0.
const current = {
  ...last,
  commit: "9f1c2e7d4b5a69788a7b6c5d4e3f2a1b0c9d8e7f",
  benchmarks: last.benchmarks.map((b) =>
    b.name.endsWith("/bench-0")
      ? {
          ...b,
          metrics: Object.fromEntries(
            Object.entries(b.metrics).map(([name, m]) => [
              name,
              {
                ...m,
                samples: m.samples.map((s) => (m.direction === "lower" ? s * 1.12 : s / 1.12)),
              },
            ]),
          ),
        }
      : b,
  ),
};
const report = compare({ baseline, current: [current] });
const files = buildDashboard({
  histories: [{ suite: history.suite, runs: baseline }],
  report: prPointOf(report),
  repoUrl: "https://github.com/octo/widgets",
  title: "octo/widgets benchmarks",
  generated: "2026-12-07T22:00:00Z",
});
const dir = mkdtempSync(join(tmpdir(), "perfgate-shot-"));
try {
  await writeFiles(dir, files);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 820 } });
  await page.goto(`file://${join(dir, "index.html")}`);
  await page.waitForSelector("html[data-drawn]");
  await page.fill("#search", "bench-0 time");
  await page.click("#series tbody tr:not([hidden]) .name a");
  await page.waitForFunction(() => {
    // The chart page marks itself drawn with the series' id; while the link loads, the
    // new document has no mark yet, and the index's mark is gone.
    const drawn = document.documentElement.dataset.drawn;
    return drawn !== undefined && drawn !== "index";
  });
  // Hover on the step, as a reader would.
  await page.focus("#chart");
  for (let i = 0; i <= 40; i++) await page.keyboard.press(i === 0 ? "Home" : "ArrowRight");
  await page.screenshot({ path: out });
  await browser.close();
  console.log(`wrote ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
