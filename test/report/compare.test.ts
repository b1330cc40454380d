/**
 * The renderers on what compare() really produces (not on hand-built reports): every mode,
 * every format, the JSON valid against its schema and the Markdown well-formed as GitHub
 * parses it.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import schema from "../../schema/report.v1.json" with { type: "json" };
import { compare } from "../../src/analyze/compare.js";
import type { CompareInput } from "../../src/analyze/types.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import { renderJsonReport } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderText } from "../../src/report/text.js";
import { renderGfm } from "./gfm.js";

const validate = new Ajv2020({ strict: true }).compile(schema);

/** Deterministic wobble in [-1, 1]: enough noise for the statistics, same every run. */
const wobble = (i: number) => Math.sin(i * 12.9898) - Math.sin(i * 78.233) / 2;

/** One run: `slower` scales times up and throughput down. */
function run(index: number, slower = 0, names = ["json/parse", "tcp/throughput", "@dev/#1 <b>"]) {
  const rounds = (centre: number, seed: number) =>
    Array.from({ length: 5 }, (_, r) => centre * (1 + 0.01 * wobble(seed * 31 + r)));
  const results: Results = {
    schema: RESULTS_SCHEMA,
    suite: "report-contract",
    commit: `${index}`.padStart(40, "0"),
    timestamp: "2026-11-27T00:00:00Z",
    environment: { os: "linux", arch: "x64", cpus: 2, runner: "local" },
    benchmarks: names.map((name, b) => {
      const drift = 1 + 0.03 * wobble(index * 7 + b);
      return {
        name,
        metrics: {
          time: {
            unit: "s",
            direction: "lower",
            samples: rounds(0.0125 * drift * (1 + slower), index * 10 + b),
          },
          throughput: {
            unit: "Gbit/s",
            direction: "higher",
            samples: rounds((9.4 * drift) / (1 + slower), index * 10 + b + 5),
          },
        },
      };
    }),
  };
  return results;
}

const history = Array.from({ length: 20 }, (_, i) => run(i));
const INPUTS: Record<string, CompareInput> = {
  "history, 60 % slower": { baseline: history, current: [run(100, 0.6)] },
  "history, unchanged": { baseline: history, current: [run(101)] },
  "unknown noise": { baseline: history.slice(0, 2), current: [run(102, 0.3)] },
  "no baseline": { baseline: [], current: [run(103)] },
  paired: {
    baseline: Array.from({ length: 8 }, (_, i) => run(200 + i)),
    current: Array.from({ length: 8 }, (_, i) => run(300 + i, 0.3)),
    paired: true,
  },
  "a benchmark gone": {
    baseline: history,
    current: [run(104, 0, ["json/parse", "tcp/new"])],
  },
};

describe("rendering compare()'s reports", () => {
  it.each(Object.keys(INPUTS))("renders %s in every format", (name) => {
    const report = compare({ ...(INPUTS[name] as CompareInput), seed: 1 });

    const json = JSON.parse(renderJsonReport(report));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.findings).toHaveLength(report.findings.length);

    const md = renderMarkdown(report, { target: "comment" });
    expect(md.startsWith("<!-- perfgate:report suite=report%2Dcontract -->\n")).toBe(true);
    const html = renderGfm(md);
    // Every table row has as many cells as its header.
    for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const header = table.match(/<th[ >]/g)?.length ?? 0;
      for (const row of table.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>[\s\S]*?<\/tr>/g) ??
        [])
        expect(row.match(/<td[ >]/g)?.length).toBe(header);
    }
    expect(html).not.toContain("<b>");

    const text = renderText(report, { color: false });
    expect(text.split("\n")[1]).toMatch(report.status === "fail" ? /^FAIL {2}/ : /^PASS {2}/);
  });

  it("puts a 60 % slowdown in the headline and fails the gate", () => {
    const report = compare({ ...(INPUTS["history, 60 % slower"] as CompareInput), seed: 1 });
    expect(report.status).toBe("fail");
    expect(renderMarkdown(report, { target: "comment" })).toMatch(
      /\*\*🔴 Critical regression in \d+ of \d+ benchmarks?.* — the gate fails; head .*\*\*/,
    );
  });
});
