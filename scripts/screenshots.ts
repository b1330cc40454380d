/**
 * `npm run screenshots`: draws the PR comment for three cases as GitHub shows it (GFM and
 * Mermaid in headless Chromium, 900 px wide; test/report/githubPage.ts) and writes
 * docs/comment-regression.png, docs/comment-all-clear.png and docs/comment-inconclusive.png,
 * which the README shows. The cases are the ones test/report/githubRender.test.ts measures.
 * Needs Debian's chromium (apt-get install chromium fonts-liberation fonts-noto-color-emoji).
 */
import { join } from "node:path";
import type { Report } from "../src/analyze/types.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { allClearCase, inconclusiveCase, regressionCase } from "../test/report/commentCases.js";
import { drawReport, launchChromium, PAGE_WIDTH } from "../test/report/githubPage.js";

/** Name, case, and whether to show the folded parts opened (what a click shows). */
const CASES: Array<[string, () => Report, boolean]> = [
  ["regression", regressionCase, false],
  ["all-clear", allClearCase, false],
  ["inconclusive", inconclusiveCase, true],
];

const docs = join(import.meta.dirname, "..", "docs");
const browser = await launchChromium();
try {
  for (const [name, build, openDetails] of CASES) {
    const file = join(docs, `comment-${name}.png`);
    const drawn = await drawReport(browser, renderMarkdown(build(), { target: "comment" }), {
      screenshot: file,
      openDetails,
    });
    const folded = openDetails ? " (folded; drawn opened)" : "";
    console.log(`${file}: ${PAGE_WIDTH} × ${drawn.height} px${folded}, ${drawn.charts} chart(s)`);
  }
} finally {
  await browser.close();
}
