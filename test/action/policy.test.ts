import { describe, expect, it } from "vitest";
import { annotate, annotationText } from "../../src/action/annotations.js";
import { failureMessage, hasNews, shouldComment } from "../../src/action/policy.js";
import type { Toolkit } from "../../src/action/toolkit.js";
import { finding, regression, report } from "../report/builders.js";

function recorder() {
  const calls: { kind: string; message: string; title?: string }[] = [];
  const kit = {
    warning: (message: string, p?: { title?: string }) =>
      calls.push({ kind: "warning", message, ...p }),
    error: (message: string, p?: { title?: string }) =>
      calls.push({ kind: "error", message, ...p }),
    notice: (message: string, p?: { title?: string }) =>
      calls.push({ kind: "notice", message, ...p }),
  } as unknown as Toolkit;
  return { calls, kit };
}

describe("annotations", () => {
  it.each([
    ["minor", "warning"],
    ["moderate", "warning"],
    ["severe", "error"],
    ["critical", "error"],
  ] as const)("a %s regression is an %s annotation", (severity, kind) => {
    const { calls, kit } = recorder();
    annotate(report([regression(severity)]), kit);
    expect(calls).toEqual([
      {
        kind,
        message: expect.stringContaining("parse/json time"),
        title: expect.stringContaining("parse/json"),
      },
    ]);
  });

  it("improvements, unchanged and inconclusive findings are not annotated", () => {
    const { calls, kit } = recorder();
    annotate(
      report([
        finding({ verdict: "improvement", severity: "moderate", changeBy: -0.14 }),
        finding(),
        finding({ verdict: "inconclusive", roundsToDecide: 12 }),
      ]),
      kit,
    );
    expect(calls).toEqual([]);
  });

  it("stops at the cap and says how many more are in the summary", () => {
    const { calls, kit } = recorder();
    const many = Array.from({ length: 7 }, (_, i) => regression("minor", { benchmark: `b${i}` }));
    expect(annotate(report(many), kit, 5)).toBe(5);
    expect(calls.filter((c) => c.kind === "warning")).toHaveLength(5);
    expect(calls.at(-1)).toMatchObject({
      kind: "notice",
      message: "2 more regressions are listed in the job summary",
    });
  });

  it("annotates a time and its reciprocal throughput once, with the worse grade", () => {
    const { calls, kit } = recorder();
    const times = [0.01, 0.0101, 0.0099, 0.0155];
    const both = [
      regression("severe", {
        metric: "throughput",
        unit: "ops/s",
        direction: "higher",
        series: times.map((t) => 1 / t),
        changeBy: -0.35,
      }),
      regression("critical", { series: times, changeBy: 0.55 }),
    ];
    expect(annotate(report(both), kit)).toBe(1);
    expect(calls).toEqual([
      expect.objectContaining({
        kind: "error",
        message: expect.stringMatching(/^Critical: parse\/json time/),
      }),
    ]);
  });

  it("reads as grade, name, change with its interval, reason", () => {
    expect(annotationText(regression("severe", { changeBy: 0.3, spread: 0.05 }))).toBe(
      "Severe: parse/json time +30.0 % (95 % CI +25.0 % … +35.0 %) — severe slowdown",
    );
  });
});

describe("comment policy", () => {
  const quiet = report([finding()]);
  const graded = report([regression("minor")]);
  const flagged = report([
    finding({ flags: [{ kind: "zero-variance", message: "all rounds identical" }] }),
  ]);

  it.each([
    ["auto", quiet, false, false],
    ["auto", quiet, true, true], // keep an existing comment current ("all clear")
    ["auto", graded, false, true],
    ["auto", flagged, false, true],
    ["always", quiet, false, true],
    ["never", graded, true, false],
  ] as const)("%s with news=%#: exists=%s → %s", (policy, r, exists, expected) => {
    expect(shouldComment(policy, r, exists)).toBe(expected);
  });

  it("news means graded, flagged or a flagged trend", () => {
    expect(hasNews(quiet)).toBe(false);
    expect(hasNews(graded)).toBe(true);
    expect(hasNews(flagged)).toBe(true);
    expect(
      hasNews(
        report([
          finding({ trend: { slopePerRun: 0.01, totalChange: 0.3, runs: 30, flagged: true } }),
        ]),
      ),
    ).toBe(true);
  });
});

describe("the failure message", () => {
  it("counts only regressions at or above fail-on and names the worst", () => {
    const r = report([regression("critical"), regression("minor", { benchmark: "b" })], {
      failOn: "severe",
      status: "fail",
    });
    expect(failureMessage(r)).toBe(
      `perfgate: 1 regression at or above severe in suite ${r.suite} (worst: critical)`,
    );
  });

  it("counts a time and its reciprocal throughput once, as the comment does", () => {
    const times = [0.01, 0.0101, 0.0099, 0.0155];
    const r = report(
      [
        regression("critical", { series: times, changeBy: 0.55 }),
        regression("severe", {
          metric: "throughput",
          unit: "ops/s",
          direction: "higher",
          series: times.map((t) => 1 / t),
          changeBy: -0.35,
        }),
      ],
      { failOn: "severe", status: "fail" },
    );
    expect(failureMessage(r)).toBe(
      `perfgate: 1 regression at or above severe in suite ${r.suite} (worst: critical)`,
    );
  });
});
