import { describe, expect, it } from "vitest";
import { commitOf, dashboardHistory } from "../../bench/lib/dashboardHistory.js";
import { expectedRanges } from "../../src/analyze/expectedRange.js";
import { CHANGE_DEFAULTS } from "../../src/analyze/historyChanges.js";
import { createRandom } from "../../src/analyze/random.js";
import {
  buildDashboard,
  dashboardData,
  repoWebUrl,
  SERIES_PER_SHARD,
  scriptJson,
} from "../../src/report/dashboard/index.js";
import { inlineScript } from "../../src/report/dashboard/site.js";

describe("scriptJson", () => {
  it("cannot end a <script> element or break a parser on a line separator", () => {
    const text = scriptJson({ name: "</script><!-- \u2028\u2029 <b>" });
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ name: "</script><!-- \u2028\u2029 <b>" });
  });
});

describe("inlineScript", () => {
  it("keeps a </script in a script's text from ending the element", () => {
    expect(inlineScript('const s = "</script><b>";')).toBe('const s = "<\\/script><b>";');
    expect(inlineScript("a </SCRIPT b")).toBe("a <\\/SCRIPT b");
  });
});

describe("expectedRanges", () => {
  it("holds about 95 % of the runs of a steady series at confidence 0.95", () => {
    const random = createRandom(7);
    const values = Array.from({ length: 3000 }, () => Math.exp(0.05 * random.normal()));
    const { low, high } = expectedRanges(values, []);
    let inside = 0;
    let counted = 0;
    values.forEach((v, i) => {
      const lo = low[i];
      const hi = high[i];
      if (lo === null || lo === undefined || hi === null || hi === undefined) return;
      counted++;
      if (v >= lo && v <= hi) inside++;
    });
    expect(counted).toBe(3000 - 3);
    expect(inside / counted).toBeGreaterThan(0.93);
    expect(inside / counted).toBeLessThan(0.97);
  });

  it("learns nothing from fewer than 3 runs, and one range more than runs for the next run", () => {
    const { low } = expectedRanges([1, 1.01, 0.99, 1, 1.02], []);
    expect(low.length).toBe(6);
    expect(low.slice(0, 3)).toEqual([null, null, null]);
    expect(low[3]).not.toBeNull();
  });

  it("moves to the new level once 5 runs stand since a step, as the verdict's baseline does", () => {
    const values = [...Array(20).fill(1), ...Array(10).fill(2)].map(
      (v, i) => v * (1 + 0.01 * Math.sin(i)),
    );
    const { low, high } = expectedRanges(values, [20]);
    // Four runs after the step all runs are kept, and the verdict sets the four new ones
    // aside as outlier runs (under a fifth of 24): the range stays at the old level.
    expect(low[24] as number).toBeGreaterThan(0.95);
    expect(high[24] as number).toBeLessThan(1.05);
    // Five: the baseline is the runs since the step, the range the new level.
    expect(low[25] as number).toBeGreaterThan(1.8);
    expect(high[25] as number).toBeLessThan(2.2);
  });
});

describe("dashboardData", () => {
  const history = dashboardHistory({ benchmarks: 60, runs: 30, stepAt: 20, step: 1.5 });
  const data = dashboardData({
    histories: [{ suite: history.suite, runs: history.runs }],
    title: "t",
    generated: "2026-12-07T00:00:00Z",
  });

  it("has every benchmark × metric once, with stable ids and the data in shards of 50", () => {
    expect(data.series.length).toBe(180);
    expect(new Set(data.series.map((s) => s.id)).size).toBe(180);
    expect(data.details.length).toBe(Math.ceil(180 / SERIES_PER_SHARD));
    for (const s of data.series) {
      expect(data.details[s.shard]?.some((d) => d.id === s.id)).toBe(true);
    }
    const again = dashboardData({
      histories: [{ suite: history.suite, runs: history.runs }],
      title: "t",
      generated: "x",
    });
    expect(again.series.map((s) => s.id).sort()).toEqual(data.series.map((s) => s.id).sort());
  });

  it("finds the injected step at its run and commit, and lists those series first", () => {
    const stepped = data.changes.filter((c) => c.kind === "regression");
    // Benchmarks 0, 10, …, 50: six of them, three metrics each.
    expect(stepped.length).toBe(18);
    for (const c of stepped) {
      expect(c.run).toBe(20);
      expect(c.commit).toBe(commitOf(20));
    }
    const firstSteady = data.series.findIndex((s) => s.grade === "steady");
    expect(data.series.slice(0, 18).every((s) => s.grade !== "steady")).toBe(true);
    expect(firstSteady).toBe(18);
  });

  it("marks a change accepted by .perfgate.yml and does not list it as open", () => {
    const accepted = dashboardData({
      histories: [{ suite: history.suite, runs: history.runs }],
      changes: {
        ...CHANGE_DEFAULTS,
        accept: [
          { benchmark: "group-0/bench-0", commit: commitOf(20).slice(0, 8), reason: "new parser" },
        ],
      },
      title: "t",
      generated: "x",
    });
    const entry = accepted.series.find(
      (s) => s.benchmark === "group-0/bench-0" && s.metric === "time",
    );
    expect(entry?.grade).toBe("accepted");
    expect(accepted.changes.find((c) => c.series === entry?.id)?.accepted).toBe("new parser");
  });
});

describe("buildDashboard", () => {
  it("escapes every name in the pages and the feed", () => {
    const history = dashboardHistory({ benchmarks: 3, runs: 12, stepAt: 6, step: 2, stepEvery: 1 });
    for (const run of history.runs) {
      const b = run.benchmarks[0];
      if (b) b.name = `<script>alert("x")</script>&'`;
    }
    const files = buildDashboard({
      histories: [
        { suite: `<b>suite</b>`, runs: history.runs.map((r) => ({ ...r, suite: "<b>suite</b>" })) },
      ],
      title: `<i>title</i>`,
      generated: "2026-12-07T00:00:00Z",
    });
    for (const [path, text] of files) {
      if (path.endsWith(".atom")) {
        expect(text).not.toContain("<script>alert");
        expect(text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
      } else if (path.endsWith(".js")) {
        expect(text).not.toContain("<");
      } else {
        expect(text).not.toContain("<i>title");
        expect(text).not.toContain("<script>alert");
      }
    }
  });

  it("takes only owner/name or an http(s) address as the repository", () => {
    expect(repoWebUrl("octo/widgets")).toBe("https://github.com/octo/widgets");
    expect(repoWebUrl("o/r", "https://ghe.example/")).toBe("https://ghe.example/o/r");
    expect(repoWebUrl("https://github.com/o/r/")).toBe("https://github.com/o/r");
    expect(repoWebUrl("javascript:alert(1)")).toBeUndefined();
    expect(repoWebUrl("not a repo")).toBeUndefined();
  });
});
