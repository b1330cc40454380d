/**
 * The comment and the job summary as GitHub draws them (issue 17): GFM and Mermaid in
 * headless Chromium at 900 px wide (test/report/githubPage.ts), for the cases a reviewer
 * meets most — a suite-wide regression, an all-clear run, an undecided one — built through
 * the real compare() (test/report/commentCases.ts).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Report } from "../../src/analyze/types.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { chromium, describeWith, liberationFonts } from "../helpers/systemTools.js";
import { allClearCase, inconclusiveCase, otherCpuCase, regressionCase } from "./commentCases.js";
import { type DrawnReport, drawReport, launchChromium } from "./githubPage.js";

/** The height the issue asks the plain case's comment to fit in. */
const MAX_HEIGHT = 1200;

const CASES: Array<[string, () => Report]> = [
  ["every benchmark ~45 % slower", regressionCase],
  ["all clear", allClearCase],
  ["inconclusive", inconclusiveCase],
  ["a runner with another CPU", otherCpuCase],
];

function expectWellFormed(drawn: DrawnReport): void {
  expect(drawn.chartErrors).toEqual([]);
  for (const table of [...drawn.tables, ...drawn.sourceTables]) {
    expect(table.header).toBeGreaterThan(0);
    for (const cells of table.rows) expect(cells).toBe(table.header);
  }
  expect(drawn.leakedPipes).toEqual([]);
}

describeWith([chromium, liberationFonts], "the report as GitHub draws it", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the checks catch a Mermaid error, a row with a cell too many and a table that did not parse", async () => {
    const broken = [
      "```mermaid\nxychart-beta\n  line [1, 2, oops]\n```",
      "",
      "| a | b |\n| --- | --- |\n| 1 | 2 | 3 |",
      "",
      "text\n| a | b |\n| 1 | 2 |",
    ].join("\n");
    const drawn = await drawReport(browser, broken);
    expect(drawn.chartErrors).toHaveLength(1);
    expect(drawn.sourceTables).toEqual([{ header: 2, rows: [3] }]);
    expect(drawn.leakedPipes).toHaveLength(1);
  });

  it("the plain case (12 benchmarks × 3 metrics, all ~45 % slower) fits in 1,200 px at 900 px wide", async () => {
    // Before the one-row-per-benchmark design this comment was 2,900 px tall here: 24 rows
    // for 12 slowdowns and three 400-px charts.
    for (const target of ["comment", "summary"] as const) {
      const drawn = await drawReport(browser, renderMarkdown(regressionCase(), { target }));
      expect(drawn.height).toBeLessThanOrEqual(MAX_HEIGHT);
      expect(drawn.charts).toBe(1);
      expect(drawn.tables).toEqual([{ header: 7, rows: Array(12).fill(7) }]);
    }
  });

  it("leads with the pattern and the CPU change, and says the verdict in the first line", async () => {
    const md = renderMarkdown(otherCpuCase(), { target: "comment" });
    const drawn = await drawReport(browser, md);
    expectWellFormed(drawn);
    expect(drawn.text.split("\n").slice(0, 5).join("\n")).toMatch(
      /Critical regression in \d+ of 12 benchmarks.*worst .* — the gate fails; head abc1234 against 20 runs of main/,
    );
    expect(drawn.text).toMatch(/Pattern: all 12 benchmarks \d+–\d+ % slower: a shared cause/);
    expect(drawn.text).toContain("Runner: this run's CPU (Intel(R) Xeon(R) Platinum 8370C");
  });

  for (const [name, build] of CASES) {
    for (const target of ["comment", "summary"] as const) {
      it(`${name}: the ${target} has no broken table and every chart draws`, async () => {
        const drawn = await drawReport(browser, renderMarkdown(build(), { target }));
        expectWellFormed(drawn);
        expect(drawn.height).toBeGreaterThan(0);
      });
    }
  }
});
