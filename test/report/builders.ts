/**
 * Small builders for Reports, so a test states only what it is about. The numbers are
 * shaped like compare()'s output; the renderers do not recompute them.
 */
import type { Finding, Report, Verdict } from "../../src/analyze/types.js";
import { DEFAULT_THRESHOLDS, SEVERITIES, type Severity } from "../../src/model/defaults.js";

/** A finding; `change` is the relative change (0.12 = +12 %) with a ±`spread` interval. */
export function finding(
  overrides: Partial<Finding> & { changeBy?: number; spread?: number } = {},
): Finding {
  const { changeBy, spread = 0.02, ...rest } = overrides;
  const baseline = rest.baseline ?? 0.0125;
  const estimate = changeBy ?? 0;
  return {
    benchmark: "parse/json",
    metric: "time",
    unit: "s",
    direction: "lower",
    verdict: "unchanged",
    baseline,
    current: baseline * (1 + estimate),
    change: {
      estimate,
      low: estimate - spread,
      high: estimate + spread,
      level: 0.95,
      pValue: 0.5,
      adjustedPValue: 0.9,
    },
    reason: "within noise",
    flags: [],
    series: [baseline, baseline * 1.01, baseline * 0.99, baseline * (1 + estimate)],
    minDetectable: 0.04,
    ...rest,
  };
}

export function regression(
  severity: Severity,
  overrides: Partial<Finding> & { changeBy?: number; spread?: number } = {},
): Finding {
  const sizes: Record<Severity, number> = {
    minor: 0.07,
    moderate: 0.14,
    severe: 0.3,
    critical: 0.55,
  };
  return finding({
    verdict: "regression",
    severity,
    changeBy: sizes[severity],
    reason: `${severity} slowdown`,
    ...overrides,
  });
}

function count(findings: Finding[]): Report["counts"] {
  const verdicts: Verdict[] = [
    "regression",
    "improvement",
    "unchanged",
    "inconclusive",
    "new",
    "missing",
  ];
  const counts = Object.fromEntries(
    [...verdicts, ...SEVERITIES].map((k) => [k, 0]),
  ) as Report["counts"];
  for (const f of findings) {
    counts[f.verdict]++;
    if (f.verdict === "regression" && f.severity) counts[f.severity]++;
  }
  return counts;
}

const ORDER: Record<string, number> = { critical: 0, severe: 1, moderate: 2, minor: 3 };

export function report(findings: Finding[], overrides: Partial<Report> = {}): Report {
  const regressions = findings.filter((f) => f.verdict === "regression" && f.severity);
  const worst =
    [...regressions].sort(
      (a, b) => (ORDER[a.severity ?? ""] ?? 9) - (ORDER[b.severity ?? ""] ?? 9),
    )[0]?.severity ?? "none";
  return {
    suite: "real-throughput",
    mode: "history",
    status: worst === "critical" ? "fail" : "pass",
    worst,
    failOn: "critical",
    counts: count(findings),
    findings,
    warnings: [],
    baseline: { runs: 20, commits: ["a".repeat(40)] },
    current: {
      rounds: 5,
      commit: "0123456789abcdef0123456789abcdef01234567",
      ref: "refs/pull/7/merge",
      environment: {
        os: "linux",
        arch: "x64",
        cpus: 4,
        cpuModel: "AMD EPYC 7763",
        node: "v24.1.0",
        runner: "GitHub Actions ubuntu-24.04",
      },
    },
    thresholds: DEFAULT_THRESHOLDS,
    ...overrides,
  };
}

/** n unchanged findings with distinct names. */
export function unchanged(n: number, prefix = "bench"): Finding[] {
  return Array.from({ length: n }, (_, i) =>
    finding({ benchmark: `${prefix}/${String(i).padStart(5, "0")}`, changeBy: 0.001 * (i % 7) }),
  );
}
