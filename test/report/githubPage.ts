/**
 * Draws a Markdown report the way GitHub shows it, in headless Chromium: GFM through the
 * same micromark renderer as the escaping tests (test/report/gfm.ts), GitHub's comment
 * styles for the parts that take room (14 px text, 1.5 line height, 6 × 13 px table cells,
 * folded `<details>`), and every ```mermaid block drawn by Mermaid itself, loaded from
 * node_modules (no network). The page is as wide as asked (900 px by default, a comment on
 * a laptop screen), so the measured height is what a reviewer scrolls through.
 */
import { createRequire } from "node:module";
import { type Browser, chromium } from "playwright-core";
import { renderGfm } from "./gfm.js";

/** An element of the page, untyped (see drawReport). */
// biome-ignore lint/suspicious/noExplicitAny: the DOM library is not part of this project
type Node = any;

export const CHROMIUM = "/usr/bin/chromium";
export const PAGE_WIDTH = 900;

const MERMAID = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");

/** The parts of github.com's `markdown-body` styles that decide how tall a comment is. */
const STYLE = `
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: 100%; padding: 16px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  font-size: 14px; line-height: 1.5; color: #1f2328; word-wrap: break-word; }
.markdown-body > *:first-child { margin-top: 0 !important; }
.markdown-body > *:last-child { margin-bottom: 0 !important; }
.markdown-body p, .markdown-body ul, .markdown-body ol, .markdown-body table,
.markdown-body pre, .markdown-body details, .markdown-body blockquote { margin-top: 0; margin-bottom: 16px; }
.markdown-body h3, .markdown-body h4 { margin-top: 24px; margin-bottom: 16px; font-weight: 600; line-height: 1.25; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body h4 { font-size: 1em; }
.markdown-body ul { padding-left: 2em; }
.markdown-body blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-body table { display: block; width: max-content; max-width: 100%; overflow: auto; border-spacing: 0; border-collapse: collapse; }
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body th { font-weight: 600; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code { padding: .2em .4em; font-size: 85%; background: #eff1f3; border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
.markdown-body sub { font-size: 75%; }
.markdown-body .mermaid-chart { margin-bottom: 16px; }
.markdown-body .mermaid-chart svg { display: block; }
`;

/** What a test checks about a drawn report. */
export interface DrawnReport {
  /** Height of the comment body in CSS pixels, folded `<details>` closed. */
  height: number;
  /** Mermaid blocks found, and the error each one raised (empty when all drew). */
  charts: number;
  chartErrors: string[];
  /** Per table: the header's cell count and each body row's. */
  tables: Array<{ header: number; rows: number[] }>;
  /** Per table in the Markdown: the header's cell count and each row's. GFM drops a row's
   *  extra cells and pads missing ones, so a broken row shows only here. */
  sourceTables: Array<{ header: number; rows: number[] }>;
  /** The comment's text as a reader sees it (folded parts hidden). */
  text: string;
  /** Paragraphs and list items that look like a table row that failed to parse. */
  leakedPipes: string[];
}

/** Cells of a pipe-table line: split on pipes that are not escaped (`\\|` in a code span). */
function cellCount(line: string): number {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/).length;
}

/** The pipe tables of a Markdown text, found as GFM finds them: a header line, then a
 *  delimiter line, then the rows up to the first line that does not start with a pipe. */
export function markdownTables(markdown: string): Array<{ header: number; rows: number[] }> {
  const lines = markdown.split("\n");
  const tables: Array<{ header: number; rows: number[] }> = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i] as string;
    if (!head.trimStart().startsWith("|") || !/^\s*\|?\s*:?-{3,}/.test(lines[i + 1] as string))
      continue;
    const rows: number[] = [];
    let j = i + 2;
    for (; j < lines.length && (lines[j] as string).trimStart().startsWith("|"); j++)
      rows.push(cellCount(lines[j] as string));
    tables.push({ header: cellCount(head), rows });
    i = j - 1;
  }
  return tables;
}

function page(markdown: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><div class="markdown-body">${renderGfm(markdown)}</div></body></html>`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}

/** Draws `markdown` at `width` px; writes a PNG of the whole comment to `screenshot` if given. */
export async function drawReport(
  browser: Browser,
  markdown: string,
  options: { width?: number; screenshot?: string; openDetails?: boolean } = {},
): Promise<DrawnReport> {
  const width = options.width ?? PAGE_WIDTH;
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  try {
    const tab = await context.newPage();
    await tab.setContent(page(markdown), { waitUntil: "load" });
    await tab.addScriptTag({ path: MERMAID });
    const drawn = await tab.evaluate(async () => {
      // The page's globals: the project compiles without the DOM library (src never runs in
      // a browser), so they are taken untyped here rather than for every file.
      // biome-ignore lint/suspicious/noExplicitAny: see above
      const page = globalThis as any;
      const { mermaid, document } = page;
      mermaid.initialize({ startOnLoad: false, theme: "default", securityLevel: "strict" });
      const blocks: Node[] = [...document.querySelectorAll("pre > code.language-mermaid")];
      const errors: string[] = [];
      let n = 0;
      for (const code of blocks) {
        const holder = document.createElement("div");
        holder.className = "mermaid-chart";
        code.parentElement.replaceWith(holder);
        try {
          const { svg } = await mermaid.render(`chart${n++}`, code.textContent ?? "");
          holder.innerHTML = svg;
          // Mermaid reports some errors by drawing them instead of throwing.
          if (/Syntax error|Parse error/i.test(holder.textContent ?? ""))
            errors.push(holder.textContent ?? "");
        } catch (error) {
          errors.push(String((error as Error)?.message ?? error));
        }
      }
      const tables = ([...document.querySelectorAll("table")] as Node[]).map((t) => ({
        header: t.querySelectorAll("thead tr > *").length as number,
        rows: ([...t.querySelectorAll("tbody tr")] as Node[]).map((r) => r.children.length),
      }));
      const leakedPipes = ([...document.querySelectorAll("p, li, summary")] as Node[])
        .map((e) => (e.textContent ?? "") as string)
        .filter((text) => /^\s*\|.*\|\s*$/m.test(text));
      const body = document.querySelector(".markdown-body");
      return {
        height: Math.ceil(body.getBoundingClientRect().height),
        charts: blocks.length,
        chartErrors: errors,
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, folded parts hidden, is the point
        text: body.innerText as string,
        tables,
        leakedPipes,
      };
    });
    // Opened after measuring: the height is what a reader sees first, folded.
    if (options.openDetails)
      await tab.evaluate(() => {
        // biome-ignore lint/suspicious/noExplicitAny: see above
        for (const d of (globalThis as any).document.querySelectorAll("details")) d.open = true;
      });
    if (options.screenshot)
      await tab.locator(".markdown-body").screenshot({ path: options.screenshot });
    return { ...drawn, sourceTables: markdownTables(markdown) };
  } finally {
    await context.close();
  }
}
