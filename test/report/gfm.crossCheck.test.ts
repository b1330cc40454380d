/**
 * The escaping tests render with micromark (an npm package) so they run anywhere; GitHub
 * renders with its cmark-gfm. This checks the two agree, byte for byte, on every report
 * the Markdown tests pin and on every hostile name — raw and escaped, in each place a
 * report puts a name — so a difference between the renderers shows up here rather than as
 * an escaping test that passes for the wrong reason.
 */
import { expect, it } from "vitest";
import { codeSpan, escapeMarkdown, escapeMarkdownLine } from "../../src/report/escape.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { cmarkGfm, describeWith } from "../helpers/systemTools.js";
import { renderCmarkGfm, renderGfm } from "./gfm.js";
import { HOSTILE } from "./hostileNames.js";
import { SCENARIO_NAMES, SCENARIOS } from "./scenarios.js";

/** Each place a report puts a name, as Markdown around it. */
const PLACES: Array<[string, (name: string) => string]> = [
  ["raw, as a paragraph", (name) => `${name}\n`],
  ["raw, in a table cell", (name) => `| name | n |\n| --- | --- |\n| ${name} | 1 |\n`],
  [
    "escaped, in a table cell",
    (name) => `| a | b |\n| --- | --- |\n| ${escapeMarkdown(name)} | 1 |\n`,
  ],
  ["escaped, in a list item", (name) => `- ${escapeMarkdownLine(name)}\n`],
  ["escaped, as a paragraph", (name) => `${escapeMarkdownLine(name)}\n`],
  ["in a code span", (name) => `${codeSpan(name)}\n`],
  [
    "in a code span in a table cell",
    (name) => `| a | b |\n| --- | --- |\n| ${codeSpan(name, true)} | 1 |\n`,
  ],
];

describeWith(cmarkGfm, "micromark renders GitHub-flavoured Markdown as cmark-gfm does", () => {
  it.each(SCENARIO_NAMES)("the %s comment", (name) => {
    const markdown = renderMarkdown(SCENARIOS[name], { target: "comment" });
    expect(renderGfm(markdown)).toBe(renderCmarkGfm(markdown));
  });

  it.each(PLACES)("every hostile name %s", (_, place) => {
    const differ = HOSTILE.map(([, name]) => place(name)).filter(
      (markdown) => sameLines(renderGfm(markdown)) !== sameLines(renderCmarkGfm(markdown)),
    );
    expect(differ).toEqual(KNOWN_DIFFERENCES.filter((markdown) => differ.includes(markdown)));
  });

  // cmark-gfm (and so GitHub) splits table cells before it reads escapes, so in `\\|` the
  // `\|` is an escaped pipe inside the cell; micromark reads `\\` as an escaped backslash and
  // ends the cell at the `|`. perfgate writes for GitHub, so the name stays whole there.
  it("a backslash before an escaped pipe in a table cell: GitHub keeps the cell whole", () => {
    const markdown = `| a | b |\n| --- | --- |\n| ${codeSpan("a \\| b", true)} | 1 |\n`;
    expect(KNOWN_DIFFERENCES).toContain(markdown);
    expect(renderCmarkGfm(markdown)).toContain("<td><code>a \\| b</code></td>");
    expect(renderGfm(markdown)).not.toContain("<code>");
  });
});

/** Line endings are copied from the input by micromark and normalised by cmark-gfm. */
const sameLines = (html: string) => html.replace(/\r\n?/g, "\n");

/** Inputs on which the renderers differ, each explained by a test below. */
const KNOWN_DIFFERENCES = [`| a | b |\n| --- | --- |\n| \`a \\\\| b\` | 1 |\n`];
