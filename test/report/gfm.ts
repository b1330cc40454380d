/**
 * Renders Markdown with cmark-gfm, GitHub's own fork of cmark (Debian package cmark-gfm,
 * listed in .ci/apt-packages), with the extensions GitHub turns on. `--unsafe` keeps raw
 * HTML in the output, so a test sees any HTML a hostile name would smuggle in.
 *
 * GitHub's @mention and #123 links are added after cmark by GitHub itself, so tests check
 * those patterns in the rendered text.
 */
import { execFileSync } from "node:child_process";

export function renderGfm(markdown: string): string {
  return execFileSync(
    "cmark-gfm",
    ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tasklist"],
    { input: markdown, encoding: "utf8" },
  );
}

/** HTML text content: tags removed, the entities cmark emits decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/** Tag names in the HTML, e.g. ["table", "thead", "tr", …]. */
export function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) =>
    (m[1] as string).toLowerCase(),
  );
}
