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
import { chromium, describeWith } from "../helpers/systemTools.js";
import { allClearCase, inconclusiveCase, otherCpuCase, regressionCase } from "./commentCases.js";
import { type DrawnReport, drawReport, launchChromium } from "./githubPage.js";

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

describeWith(chromium, "the report as GitHub draws it", () => {
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
