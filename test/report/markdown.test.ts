import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/analyze/types.js";
import {
  COMMENT_LIMIT,
  renderMarkdown,
  reportMarker,
  SUMMARY_LIMIT,
} from "../../src/report/markdown.js";
import { finding, regression, report, unchanged } from "./builders.js";
import { renderGfm, tagsOf, textOf } from "./gfm.js";
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from "./scenarios.js";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("renderMarkdown: pinned output", () => {
  it.each(SCENARIO_NAMES)("renders the %s comment", (name) => {
    expect(renderMarkdown(SCENARIOS[name], { target: "comment" })).toMatchSnapshot();
  });

  it("draws one chart, for the worst finding, in the comment and the summary alike", () => {
    const many = report(
      Array.from({ length: 6 }, (_, i) =>
        regression("moderate", { benchmark: `b${i}`, changeBy: 0.11 + i / 100 }),
      ),
    );
    const charts = (md: string) => md.match(/```mermaid/g)?.length ?? 0;
    expect(charts(renderMarkdown(many, { target: "comment" }))).toBe(1);
    expect(charts(renderMarkdown(many, { target: "summary" }))).toBe(1);
    expect(renderMarkdown(many, { target: "summary" })).toContain('title "b5 · time"');
    expect(charts(renderMarkdown(many, { target: "summary", charts: 3 }))).toBe(3);
    expect(charts(renderMarkdown(many, { target: "summary", charts: 0 }))).toBe(0);
  });
});

describe("renderMarkdown: structure", () => {
  const mixed = SCENARIOS["mixed grades"];

  it("puts the marker carrying the suite on the first line", () => {
    const md = renderMarkdown(report([], { suite: "net --> <b>x</b>" }), { target: "comment" });
    const first = md.slice(0, md.indexOf("\n"));
    expect(first).toBe(reportMarker("net --> <b>x</b>"));
    // The suite cannot end the comment early: one "-->" only, at the end.
    expect(first.indexOf("-->")).toBe(first.length - 3);
    expect(renderMarkdown(mixed, { target: "comment", marker: "<!-- mine -->" })).toMatch(
      /^<!-- mine -->\n/,
    );
  });

  it("says the verdict in one line, worst grade first", () => {
    const md = renderMarkdown(mixed, { target: "comment" });
    expect(md).toContain(
      "**🔴 Critical regression in 1 of 8 benchmarks, 3 more at lower grades, worst `tcp/throughput` `throughput` -55.4% — the gate fails; head `0123456` against 20 runs of the baseline**",
    );
    expect(md).toContain("🔴 1 critical · 🟠 1 severe · 🟡 1 moderate · ⚪ 1 minor");
  });

  it.each([
    [
      { status: "fail", failOn: "critical" },
      "🔴 Critical regression in 1 of 2 benchmarks, 1 more at lower grades, worst `b` `time` +55.0% — the gate fails; head `0123456` against 20 runs of `main`",
    ],
    [
      { status: "pass", failOn: "never" },
      "🔴 Critical regression in 1 of 2 benchmarks, 1 more at lower grades, worst `b` `time` +55.0% — the gate passes (fail-on: never); head `0123456` against 20 runs of `main`",
    ],
  ] as const)("words the gate for %j", (overrides, expected) => {
    const baseline = { ...report([]).baseline, ref: "refs/heads/main" };
    const findings = [
      regression("minor", { benchmark: "a" }),
      regression("critical", { benchmark: "b" }),
    ];
    const md = renderMarkdown(report(findings, { baseline, ...overrides }), {
      target: "comment",
    });
    expect(md).toContain(`**${expected}**`);
  });

  it("says when a regression is below the fail-on grade", () => {
    const md = renderMarkdown(report([regression("severe")]), { target: "comment" });
    expect(md).toContain(
      "**🟠 Severe regression in 1 of 1 benchmark, worst `parse/json` `time` +30.0% — the gate passes (it fails at critical); head `0123456` against 20 runs of the baseline**",
    );
    const clear = renderMarkdown(
      report([finding({ verdict: "inconclusive" }), finding({ benchmark: "other" })]),
      { target: "comment" },
    );
    expect(clear).toContain(
      "**✅ No regressions in 2 benchmarks (1 inconclusive) — the gate passes; head `0123456` against 20 runs of the baseline**",
    );
  });

  it("sorts regressions by severity whatever order they come in", () => {
    const md = renderMarkdown(mixed, { target: "comment" });
    const order = ["Critical |", "Severe |", "Moderate |", "Minor |"].map((g) => md.indexOf(g));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("renders as GitHub does: tables intact, unchanged folded, no stray HTML", () => {
    const html = renderGfm(renderMarkdown(mixed, { target: "comment" }));
    // Regressions (4), improvements (1), unchanged (3) rows, each with all its cells.
    expect(html.match(/<tr>/g)?.length).toBe(4 + 1 + 3 + 3);
    const details = /<details><summary>3 unchanged[^<]*<\/summary>([\s\S]*?)<\/details>/.exec(html);
    expect(details?.[1]).toMatch(/<table>[\s\S]*bench\/00000[\s\S]*<\/table>/);
    const allowed = new Set(
      "p strong table thead tbody tr th td h3 h4 details summary pre code ul li sub blockquote".split(
        " ",
      ),
    );
    expect(tagsOf(html).filter((t) => !allowed.has(t))).toEqual([]);
  });

  it("keeps hostile names inert everywhere in the report", () => {
    const hostile = "@octocat <img src=x> #12 [x](https://evil.example) | `a` </details>";
    const md = renderMarkdown(
      report(
        [regression("critical", { benchmark: hostile, metric: "<b>m</b>", unit: "<i>u</i>" })],
        {
          warnings: [`${hostile} is missing`],
          current: { ...report([]).current, ref: "@team/#4", environment: { runner: "<script>" } },
        },
      ),
      { target: "comment" },
    );
    const html = renderGfm(md);
    expect(tagsOf(html)).not.toContain("img");
    expect(tagsOf(html)).not.toContain("a");
    expect(tagsOf(html)).not.toContain("script");
    expect(tagsOf(html).filter((t) => t === "details")).toEqual([]);
    // GitHub links nothing inside code blocks (the Mermaid chart) or code spans (the
    // headline's names); everywhere else, check.
    const text = textOf(html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, ""));
    expect(text).toContain("@\u200docto");
    expect(text).not.toMatch(/@[\p{L}\p{N}]/u);
    expect(text).not.toMatch(/#\d/);
    // The regression row still has its seven cells.
    expect(/<tr>\s*<td[^>]*>@[\s\S]*?<\/tr>/.exec(html)?.[0].match(/<td/g)?.length).toBe(7);
    // The Mermaid title stays one quoted string.
    expect(md).toMatch(/title "[^"\n]*"\n/);
  });

  it("keeps hostile text inert in the headline, the pattern, the pair note and the chart", () => {
    const hostile = "@octocat <img src=x> #12 [x](https://evil.example) | `a` </details>";
    const times = [0.01, 0.0101, 0.0099, 0.01, 0.0155];
    const pair = (benchmark: string) => [
      regression("critical", { benchmark, metric: hostile, series: times, changeBy: 0.55 }),
      regression("severe", {
        benchmark,
        metric: `${hostile} per second`,
        unit: "ops/s",
        direction: "higher",
        series: times.map((t) => 1 / t),
        changeBy: -0.35,
      }),
    ];
    const findings = [`${hostile} 1`, `${hostile} 2`, `${hostile} 3`].flatMap(pair);
    const base = report([]);
    const md = renderMarkdown(
      report(findings, {
        baseline: {
          runs: 4,
          commits: [hostile, hostile, `${hostile}"]`, hostile],
          ref: `refs/heads/${hostile}`,
          machines: [{ cpuModel: `${hostile} CPU`, runs: 4 }],
        },
        current: { ...base.current, commit: hostile, environment: { cpuModel: hostile } },
      }),
      { target: "comment" },
    );
    // What is asserted is really there: the pattern, the CPU line and the pair note.
    expect(md).toContain("**Pattern:** all 3 benchmarks");
    expect(md).toContain("**Runner:** this run's CPU");
    expect(md).toContain("in 3 benchmarks: one measurement seen two ways");
    const html = renderGfm(md);
    for (const tag of ["img", "a", "script"]) expect(tagsOf(html)).not.toContain(tag);
    expect(tagsOf(html).filter((t) => t === "details")).toEqual([]);
    const text = textOf(html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, ""));
    expect(text).not.toMatch(/@[\p{L}\p{N}]/u);
    expect(text).not.toMatch(/#\d/);
    // Every row of the table keeps its seven cells.
    for (const row of html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>[\s\S]*?<\/tr>/g) ?? [])
      expect(row.match(/<td/g)?.length).toBe(7);
    // The chart's axis labels stay quoted strings, one per point.
    const axis = /x-axis \[(.*)\]/.exec(md)?.[1] ?? "";
    expect(axis.match(/"[^"]*"/g)).toHaveLength(5);
  });

  it("in paired mode the chart says it plots the base side's rounds, not commits (issue 21 §6)", () => {
    const md = renderMarkdown(
      report([regression("severe", { benchmark: "paired", series: [10, 11, 10, 12] })], {
        mode: "paired",
      }),
      { target: "summary" },
    );
    expect(md).toContain('x-axis ["base 1", "base 2", "base 3", "head"]');
    expect(md).toContain('title "paired · time (base rounds of the pairs, then head)"');
    expect(md).toContain("red the base side's rounds of the pairs (not commits)");
    const history = renderMarkdown(
      report([regression("severe", { benchmark: "history", series: [10, 11, 10, 12] })]),
      { target: "summary" },
    );
    expect(history).not.toContain("base 1");
  });

  it("draws a chart only for regressions with a drawable series", () => {
    const md = renderMarkdown(
      report([
        regression("severe", { benchmark: "drawn" }),
        regression("severe", { benchmark: "nan", series: [1, Number.NaN, 2] }),
        regression("severe", { benchmark: "single", series: [1] }),
        finding({ verdict: "improvement", severity: "severe", benchmark: "better" }),
      ]),
      { target: "summary" },
    );
    expect(md.match(/```mermaid/g)?.length).toBe(1);
    expect(md).toContain('title "drawn · time"');
  });

  it("says how the comparison was made in each mode", () => {
    const line = (name: ScenarioName) => renderMarkdown(SCENARIOS[name], { target: "comment" });
    expect(line("paired")).toContain("against base, 12 pairs run back to back on one runner");
    expect(line("unknown-noise")).toContain("only changes past 20.0% are graded");
    expect(line("no-baseline")).toContain("No baseline yet: recorded 2 measurements");
    expect(line("mixed grades")).toContain("against 20 runs of the baseline");
    expect(line("mixed grades")).not.toContain("Compared 5 rounds");
  });
});

/**
 * n findings: one in `every` a regression (criticals and minors alternating), one in
 * `every` inconclusive, the rest unchanged.
 */
function large(
  n: number,
  every = 10,
  name = (i: number) => `suite/group-${i % 97}/benchmark-${i}`,
): Finding[] {
  return Array.from({ length: n }, (_, i) => {
    const benchmark = name(i);
    if (i % every === 0)
      return regression(i % (2 * every) === 0 ? "critical" : "minor", { benchmark });
    if (i % every === 1) return finding({ benchmark, verdict: "inconclusive", roundsToDecide: 9 });
    return finding({ benchmark, changeBy: 0.001 });
  });
}

describe("renderMarkdown: size limits", () => {
  const big = report(large(10_000), {
    warnings: Array.from({ length: 50 }, (_, i) => `warning ${i}`),
  });

  it("fits 10,000 findings into one comment, worst rows first, saying what is left out", () => {
    const md = renderMarkdown(big, { target: "comment" });
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(COMMENT_LIMIT * 0.95);
    expect(md.startsWith(reportMarker(big.suite))).toBe(true);
    expect(md).toContain("Shortened to fit GitHub's size limit: see the job summary");
    expect(md).not.toContain("```mermaid");
    expect(md).toContain("8,000 unchanged benchmarks (within noise");
    expect(md).not.toContain("<details>");
    // Regressions get the rows first, criticals before minors; then the count of the rest.
    const rows = md.split("\n").filter((l) => l.startsWith("| suite/"));
    expect(rows.length).toBeGreaterThan(300);
    expect(rows.length).toBeLessThan(1000);
    expect(rows.slice(0, 500).every((r) => r.includes("🔴 Critical"))).toBe(true);
    expect(md).toContain(
      `… and ${(1000 - rows.length).toLocaleString("en-US")} more, see the job summary.`,
    );
    expect(md).toContain(
      "❔ 1,000 inconclusive benchmarks: too noisy to call either way: see the job summary.",
    );
    expect(md).toContain("- warning 0");
    expect(md).toContain("<sub>Environment:");
  });

  it("fits the summary in 1 MiB counted in bytes, not characters", () => {
    // Three bytes per character in UTF-8: counting characters would overshoot threefold.
    const wide = report(large(10_000, 1, (i) => `ベンチマーク/測定-${i}-${"長".repeat(40)}`));
    const md = renderMarkdown(wide, { target: "summary" });
    expect(md.length).toBeLessThan(SUMMARY_LIMIT * 0.75);
    expect(bytes(md)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(bytes(md)).toBeGreaterThan(SUMMARY_LIMIT * 0.95);
    expect(md).toMatch(/… and [\d,]+ more, see the JSON report/);
  });

  it("keeps everything when it fits", () => {
    const md = renderMarkdown(big, { target: "summary" });
    expect(bytes(md)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(md).not.toContain("Shortened");
    expect(md.match(/^\| suite\//gm)?.length).toBe(10_000);
  });

  it("degrades in stages as the limit shrinks: charts, then the unchanged table, then rows", () => {
    const small = report([
      regression("critical", { benchmark: "a" }),
      regression("severe", { benchmark: "b" }),
      ...unchanged(5),
    ]);
    const full = renderMarkdown(small, { target: "comment" });
    const at = (limit: number) => renderMarkdown(small, { target: "comment", limit });
    expect(full).toContain("```mermaid");

    const noCharts = at(full.length - 1);
    expect(noCharts).not.toContain("```mermaid");
    expect(noCharts).toContain("<details>");

    const folded = at(noCharts.length - 1);
    expect(folded).not.toContain("<details>");
    expect(folded).toContain("5 unchanged benchmarks (within noise");
    expect(folded).toContain("| a |");

    const cut = at(folded.length - 1);
    expect(cut).toContain("| a |");
    expect(cut).not.toContain("| b |");
    expect(cut).toContain("… and 1 more, see the job summary.");
    for (const md of [noCharts, folded, cut]) expect(md.length).toBeLessThanOrEqual(full.length);
  });

  it("pins a report cut to 1,500 characters", () => {
    const md = renderMarkdown(SCENARIOS["mixed grades"], { target: "comment", limit: 1500 });
    expect(md.length).toBeLessThanOrEqual(1500);
    expect(md).toMatchSnapshot();
  });

  it.each([0, 1, 50, 300, 1000])("never exceeds a limit of %i", (limit) => {
    const md = renderMarkdown(big, { target: "comment", limit });
    expect(md.length).toBeLessThanOrEqual(limit);
  });

  it("does not split a surrogate pair when it must cut the text", () => {
    const md = renderMarkdown(report([], { suite: "😀".repeat(100) }), {
      target: "comment",
      limit: 301,
    });
    expect(md.length).toBeLessThanOrEqual(301);
    expect(md).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
