/**
 * The report shows how each figure grows with N: a table per scaling series, the graded
 * slopes under it, and a Mermaid chart per metric against N; names are escaped.
 */
import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import type { Results } from "../../src/model/types.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { scalingChart, scalingSeries } from "../../src/report/scaling.js";
import { renderText } from "../../src/report/text.js";

const NS = [10, 100, 1000];

/** A run whose throughput at N is base(N)·factor(N), wobbling by ±`wobble` per run. */
function run(
  group: string,
  factor: (n: number) => number,
  wobble: number,
  commit: string,
): Results {
  return {
    schema: "perfgate/results/v1",
    suite: "real-throughput-scaling",
    commit,
    timestamp: "2026-11-27T00:00:00Z",
    environment: {},
    benchmarks: NS.map((n) => ({
      name: `${group}/n=${n}`,
      metrics: {
        throughput: {
          unit: "Gbit/s",
          direction: "higher" as const,
          samples: [0.99, 1, 1.01].map((r) => 10 * factor(n) * (1 + wobble) * r),
        },
        "setup-p99": { unit: "s", direction: "lower" as const, samples: [0.001 * n ** 0.3] },
      },
    })),
  };
}

const wobbles = [0.01, -0.02, 0.015, -0.01, 0.02, 0, -0.015, 0.01];
const history = (group: string) => wobbles.map((w, i) => run(group, () => 1, w, `c${i}`));
const slowerAtScale = (n: number) => 0.7 ** Math.log10(n / 10);

describe("the scaling section of the report", () => {
  const report = compare({
    baseline: history("tcp/scaling"),
    current: [run("tcp/scaling", slowerAtScale, 0, "head")],
  });

  it("groups the findings into one series per group, N ascending", () => {
    const [series] = scalingSeries(report);
    expect(series?.group).toBe("tcp/scaling");
    expect(series?.ns).toEqual(NS);
    expect(series?.metrics).toEqual(["throughput", "setup-p99"]);
    expect(series?.slopes.map((f) => f.metric).sort()).toEqual([
      "setup-p99 slope",
      "throughput slope",
    ]);
  });

  it("renders a table of N against each figure, the slope verdicts and a chart per figure", () => {
    const md = renderMarkdown(report, { target: "comment" });
    expect(md).toContain("#### Scaling with concurrent connections");
    expect(md).toContain("| N | throughput | setup-p99 |");
    expect(md).toMatch(/\| 10 \| 10(\.0)? Gbit\/s \|/);
    expect(md).toMatch(/\| 1000 \| 4\.9\d* Gbit\/s \(-51\.\d% ⚠\) \|/);
    expect(md).toMatch(
      /- throughput slope: -51\.\d% at the largest N: regression \((severe|critical)\)/,
    );
    expect(md).toContain('x-axis ["10", "100", "1000"]');
    expect(md).toContain('title "tcp/scaling · throughput against N"');
    const text = renderText(report, { color: false, width: 120 });
    expect(text).toContain("scaling: tcp/scaling");
    expect(text).toMatch(/throughput slope: -51\.\d% at the largest N, regression/);
  });

  it("draws the baseline as a second line and skips a series with a gap", () => {
    const [series] = scalingSeries(report);
    if (!series) throw new Error("no series");
    const chart = scalingChart(series, "throughput") ?? "";
    expect(chart.match(/ {2}line \[/g)).toHaveLength(2);
    series.cells.delete("100 throughput");
    expect(scalingChart(series, "throughput")).toBeUndefined();
  });

  it("escapes a hostile group name in Markdown and Mermaid", () => {
    const name = 'x<img src=a onerror=alert(1)>"|';
    const hostile = compare({ baseline: history(name), current: [run(name, () => 1, 0, "h")] });
    const md = renderMarkdown(hostile, { target: "comment" });
    expect(md).not.toContain("<img");
    expect(md).not.toMatch(/title "[^"\n]*"[^\n]*"/);
  });

  it("adds nothing to a report without scaling series", () => {
    const plain = compare({
      baseline: [],
      current: [{ ...run("a", () => 1, 0, "h"), benchmarks: [] }],
    });
    expect(renderMarkdown(plain, { target: "comment" })).not.toContain("Scaling with");
  });
});
