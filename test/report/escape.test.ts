import { describe, expect, it } from "vitest";
import {
  codeSpan,
  commentValue,
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownLine,
  escapeTerminal,
  mermaidLabel,
  warningBlock,
} from "../../src/report/escape.js";
import { renderGfm, tagsOf, textOf } from "./gfm.js";
import { HOSTILE } from "./hostileNames.js";

const ZWJ = /\u200d/g;

/** What a user should see: the name on one line, without bidi overrides. */
const oneLine = (text: string) => text.replace(/[\r\n\u202a-\u202e\u2066-\u2069]+/g, " ");

/** Tags the surrounding Markdown makes; anything else came from the name. */
const CONTEXT_TAGS = new Set(["p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"]);

function expectInert(html: string, original: string) {
  expect(tagsOf(html).filter((t) => !CONTEXT_TAGS.has(t))).toEqual([]);
  expect(html).not.toContain("<!--");
  const text = textOf(html);
  // No @mention or #123 reference left for GitHub to link.
  expect(text).not.toMatch(/@[\p{L}\p{N}]/u);
  expect(text).not.toMatch(/#\d/);
  expect(text).not.toMatch(/GH-\d/i);
  // The user sees exactly the name (the joiners are invisible).
  expect(text.replace(ZWJ, "").trim()).toBe(oneLine(original).trim());
}

describe("escapeMarkdown", () => {
  it.each(HOSTILE)("keeps %s inert in a table cell", (_, name) => {
    const html = renderGfm(`| name | n |\n| --- | --- |\n| ${escapeMarkdown(name)} | 1 |\n`);
    expectInert(html.replace(/<th>name<\/th>\s*<th>n<\/th>/, "").replace("<td>1</td>", ""), name);
    // Exactly two cells in the body row: the name did not split it.
    expect(html.match(/<td>/g)?.length).toBe(2);
  });

  it.each(HOSTILE)("keeps %s inert in a list item", (_, name) => {
    expectInert(renderGfm(`- ${escapeMarkdownLine(name)}\n`), name);
  });

  it.each(HOSTILE)("keeps %s inert at the start of a paragraph", (_, name) => {
    expectInert(renderGfm(`${escapeMarkdownLine(name)}\n`), name);
  });

  it("leaves ordinary names readable in the source", () => {
    expect(escapeMarkdown("tcp/throughput (1 MiB writes)")).toBe("tcp/throughput (1 MiB writes)");
  });
});

describe("codeSpan", () => {
  const cases = [
    "@octocat #12",
    "one ` tick",
    "``double``",
    "`edge`",
    "a | b",
    "<b>x</b>",
    "line\nbreak",
  ];

  it.each(cases)("shows %j verbatim in one code span", (name) => {
    const html = renderGfm(`${codeSpan(name)}\n`);
    expect(tagsOf(html)).toEqual(["p", "code", "code", "p"]);
    expect(textOf(html).trim()).toBe(oneLine(name).trim());
  });

  it.each(cases)("shows %j verbatim in one table cell", (name) => {
    const html = renderGfm(`| n | m |\n| --- | --- |\n| ${codeSpan(name, true)} | 1 |\n`);
    expect(html.match(/<td>/g)?.length).toBe(2);
    const cell = /<td><code>([\s\S]*?)<\/code><\/td>/.exec(html)?.[1] ?? "";
    expect(textOf(cell).trim()).toBe(oneLine(name).trim());
  });
});

describe("mermaidLabel", () => {
  it.each([
    ['a "quoted" name', "a 'quoted' name"],
    ["x[0] {y} <z>", "x(0) (y) (z)"],
    ["entity #quot; and %% comment", "entity quot and comment"],
    ["```\nfence", "fence"],
    ["tcp/throughput · p99", "tcp/throughput · p99"],
  ])("makes %j safe: %j", (name, expected) => {
    expect(mermaidLabel(name)).toBe(expected);
  });

  it.each(HOSTILE)("leaves nothing in %s that ends a quoted label", (_, name) => {
    expect(mermaidLabel(name)).not.toMatch(/["`#%;[\]{}<>\n\r]/);
  });
});

describe("commentValue", () => {
  it.each(["real-throughput", "x --> <b>", "a--b", "日本"])(
    "carries %j inside an HTML comment and back",
    (suite) => {
      const value = commentValue(suite);
      expect(value).not.toMatch(/--|>|\s/);
      expect(decodeURIComponent(value)).toBe(suite);
    },
  );
});

describe("escapeHtml and escapeTerminal", () => {
  it("escapes the five HTML specials", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("removes escape sequences and line breaks from terminal text", () => {
    expect(escapeTerminal("red\u001b[31m\rover\nwrite\u0007")).toBe("red [31m over write ");
  });
});

describe("warningBlock", () => {
  it("keeps a multi-line error message inside the alert and inert", () => {
    const note = "git push failed:\n<img src=x onerror=alert(1)>\n# not a heading\n@everyone";
    const html = renderGfm(`before\n\n${warningBlock(note)}\n\nafter`);
    expect(tagsOf(html)).not.toContain("img");
    expect(tagsOf(html)).not.toContain("h1");
    // One blockquote holds every line; "after" is outside it.
    expect(html.match(/<blockquote>/g)?.length).toBe(1);
    const quoted = html.slice(html.indexOf("<blockquote>"), html.indexOf("</blockquote>"));
    expect(textOf(quoted)).toContain("<img src=x onerror=alert(1)>");
    expect(textOf(quoted)).toContain("# not a heading");
    expect(textOf(html)).not.toMatch(/@everyone/);
    expect(quoted).not.toContain("after");
  });
});
