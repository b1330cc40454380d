import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../../src/collect/throughput/options.js";
import { progressReporter } from "../../src/collect/throughput/progress.js";

const events: ProgressEvent[] = [
  { kind: "round-start", round: 1, rounds: 2 },
  { kind: "step", round: 1, rounds: 2, step: "tcp/throughput" },
  {
    kind: "round-end",
    round: 1,
    rounds: 2,
    outcome: {
      observations: [
        {
          benchmark: "tcp/throughput",
          metric: "throughput",
          unit: "Gbit/s",
          direction: "higher",
          value: 23.456,
        },
        {
          benchmark: "tls/throughput",
          metric: "throughput",
          unit: "Gbit/s",
          direction: "higher",
          value: 2.5,
        },
        { benchmark: "tcp/latency", metric: "p50", unit: "s", direction: "lower", value: 41.2e-6 },
      ],
    },
  },
];

function render(isTTY: boolean, env: Record<string, string>): string | undefined {
  const parts: string[] = [];
  const report = progressReporter({ isTTY, write: (t) => parts.push(t) }, env);
  if (!report) return undefined;
  for (const event of events) report(event);
  return parts.join("");
}

describe("progress while the suite runs", () => {
  it("in GitHub Actions, one log group per round with its headline figures", () => {
    expect(render(false, { GITHUB_ACTIONS: "true" })).toBe(
      "::group::perfgate throughput round 1/2\ntcp/throughput\n" +
        "round 1/2: tcp 23.5 Gbit/s · tls 2.50 Gbit/s · tcp p50 41.2 µs\n::endgroup::\n",
    );
  });

  it("on a terminal, one line rewritten in place", () => {
    const text = render(true, {}) ?? "";
    expect(text).toContain("\r\x1b[Kperfgate throughput: round 1/2: tcp/throughput…");
    expect(text.endsWith("round 1/2: tcp 23.5 Gbit/s · tls 2.50 Gbit/s · tcp p50 41.2 µs\n")).toBe(
      true,
    );
  });

  it("into a pipe or a file, nothing", () => {
    expect(render(false, {})).toBeUndefined();
  });
});
