/**
 * Renders GitHub-flavoured Markdown in-process with micromark, so the escaping tests run on
 * any machine with `npm ci` and nothing else. `gfm.crossCheck.test.ts` compares this
 * renderer with cmark-gfm (GitHub's own fork of cmark) where that is installed.
 *
 * The extensions are the ones GitHub parses with — tables, autolinks, strikethrough, task
 * lists — taken one by one rather than through `micromark-extension-gfm`, because that
 * bundle also applies GitHub's tag filter, which rewrites `<script>` and friends into text:
 * a test would then pass even if perfgate let such a tag through. Raw HTML is kept
 * (`allowDangerousHtml`, cmark's `--unsafe`) so a test sees any HTML a hostile name smuggles in.
 *
 * GitHub's @mention and #123 links are added after rendering by GitHub itself, so tests
 * check those patterns in the rendered text.
 */
import { execFileSync } from "node:child_process";
import { micromark } from "micromark";
import {
  gfmAutolinkLiteral,
  gfmAutolinkLiteralHtml,
} from "micromark-extension-gfm-autolink-literal";
import { gfmStrikethrough, gfmStrikethroughHtml } from "micromark-extension-gfm-strikethrough";
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table";
import { gfmTaskListItem, gfmTaskListItemHtml } from "micromark-extension-gfm-task-list-item";

export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    allowDangerousProtocol: true,
    extensions: [gfmAutolinkLiteral(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()],
    htmlExtensions: [
      gfmAutolinkLiteralHtml(),
      gfmStrikethroughHtml(),
      gfmTableHtml(),
      gfmTaskListItemHtml(),
    ],
  });
}

/** The same Markdown through cmark-gfm with the same extensions (needs the Debian package). */
export function renderCmarkGfm(markdown: string): string {
  return execFileSync(
    "cmark-gfm",
    ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tasklist"],
    { input: markdown, encoding: "utf8" },
  );
}

/** HTML text content: tags removed, the entities the renderers emit decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

/** Tag names in the HTML, e.g. ["table", "thead", "tr", …]. */
export function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) =>
    (m[1] as string).toLowerCase(),
  );
}
