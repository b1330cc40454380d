/**
 * Escaping for text that comes from outside perfgate (benchmark, metric and unit names,
 * commit refs, warnings) before it goes into Markdown, HTML, Mermaid or a terminal.
 *
 * A benchmark name is chosen by whoever wrote the benchmark, and on a pull request from a
 * fork that is anyone. So a name must never ping people (`@org/team`), link issues
 * (`#123`), inject HTML or Markdown links and images, split a table row, or break out of a
 * code span, a `<details>` block or a Mermaid chart.
 */

/** U+200D ZERO WIDTH JOINER: invisible, and breaks GitHub's @mention and #ref patterns. */
const ZWJ = "\u200d";

/**
 * Line breaks, tabs and other C0/C1 controls would end a table row or a list item; bidi
 * overrides and isolates (U+202A–E, U+2066–9) would make a name display as something else
 * ("Trojan Source").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

function oneLine(text: string): string {
  return text.replace(CONTROLS, " ");
}

/** `&`, `<`, `>`, `"` and `'` as entities: safe in HTML text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return oneLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Any character or sequence one of escapeMarkdown's rules acts on. */
const NEEDS_MARKDOWN_ESCAPE = new RegExp(
  String.raw`[&<>\\\`*_[\]~$@#|:]|gh-|www\.|${CONTROLS.source}`,
  "i",
);

/**
 * Makes outside text safe as inline Markdown on GitHub: in a paragraph, a list item, a
 * table cell or a `<summary>`. It renders as the same characters the user wrote (plus
 * invisible joiners), never as markup.
 */
export function escapeMarkdown(text: string): string {
  // Most names need nothing: skip the dozen passes below (30,000 cells in a large report).
  if (!NEEDS_MARKDOWN_ESCAPE.test(text)) return text;
  const out = oneLine(text)
    // HTML first, so the entities below are not themselves re-escaped.
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // Emphasis, code spans, links/images, strikethrough, math and escapes themselves.
    .replace(/[\\`*_[\]~$]/g, "\\$&")
    // `!` only matters before `[`, which is already escaped; `(` `)` alone make no link.
    // Mentions (`@user`, `@org/team`) and references (`#12`, `GH-12`, `owner/repo#12`).
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWJ}`)
    .replace(/#(?=\p{N})/gu, `#${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWJ}`)
    // Bare-URL autolinks (`https://…`, `www.…`): a name should not become a link.
    .replace(/:\/\//g, `:${ZWJ}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWJ}.`)
    // A pipe ends a table cell; the entity does not. (After the `#` rule: it holds a `#`.)
    .replace(/\|/g, "&#124;");
  return out;
}

/**
 * Like escapeMarkdown, for text that starts a line (a list item, a paragraph): there "# x"
 * makes a heading, "> x" a quote, "- x" or "1. x" a list, "=" or "-" a setext underline.
 * Escaping the first character is enough. Table cells do not need this.
 */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text)
    .replace(/^(\s*)([#>+\-=])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

/**
 * Outside text as a Markdown code span: shown verbatim, never linked or pinged. The fence
 * is longer than any backtick run inside, so the text cannot close it early. In a table
 * cell a pipe still splits the row (GFM parses tables first), hence `inTable`.
 */
export function codeSpan(text: string, inTable = false): string {
  let body = oneLine(text);
  if (body === "") return "` `";
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  if (inTable) body = body.replace(/\|/g, "\\|");
  // A space on both sides lets the text start or end with a backtick (CommonMark 6.1).
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A label inside a Mermaid chart's double-quoted string. Mermaid has no escape for `"`,
 * reads `#…;` as an entity, starts comments with `%%`, and a backtick could close the
 * surrounding code fence; brackets and braces can end a node or axis list. Anything outside
 * a plain set becomes a look-alike or a space.
 */
export function mermaidLabel(text: string): string {
  return oneLine(text)
    .replace(/"/g, "'")
    .replace(/[[{<]/g, "(")
    .replace(/[\]}>]/g, ")")
    .replace(/[^\p{L}\p{N} _\-./:()+,=*'@!?·]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A GitHub alert block ("> [!WARNING]") holding a note that may carry an error message from
 * git, the API or a proxy's HTML error page: every line stays inside the quote and is
 * escaped, so a line break cannot end the block and the message cannot add markup.
 */
export function warningBlock(note: string): string {
  const lines = note.split(/\r?\n/).map((line) => `> ${escapeMarkdownLine(line)}`);
  return `> [!WARNING]\n${lines.join("\n")}`;
}

/**
 * Text for a terminal: no control characters, so a name cannot move the cursor, clear the
 * screen or colour the rest of the output (ANSI escape injection).
 */
export function escapeTerminal(text: string): string {
  return oneLine(text);
}

/**
 * A value carried inside an HTML comment (the sticky comment's marker). `--` and `>` could
 * end the comment early; percent-encoding leaves neither.
 */
export function commentValue(text: string): string {
  return encodeURIComponent(text)
    .replace(/-/g, "%2D")
    .replace(/[!'()*~]/g, (c) => {
      return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
    });
}
