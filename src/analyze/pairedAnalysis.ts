/**
 * Paired mode for one benchmark and metric: line up base and head round by round, take the
 * log ratio of each pair, and hand the ratios to the paired model.
 *
 * Pairing: with several files per side, file i of the base ran next to file i of the head
 * (each file's median is its value); with one file per side, sample i of each ran together.
 */
import { type Analysis, startAnalysis } from "./analysis.js";
import type { HistoryContext } from "./historyAnalysis.js";
import type { MetricRuns } from "./observations.js";
import { usable } from "./observations.js";
import { ceilingFor, plausibilityFlags } from "./plausibility.js";
import { median } from "./summary.js";
import { trimmedShift } from "./trimmedT.js";

export interface Pairing {
  kind: "files" | "rounds";
  /** Files paired (kind "files"). */
  count: number;
}

export function pairingOf(baseFiles: number, currentFiles: number, warnings: string[]): Pairing {
  if (baseFiles === 1 && currentFiles === 1) return { kind: "rounds", count: 1 };
  if (baseFiles !== currentFiles) {
    warnings.push(
      `paired mode needs as many base files as head files; have ${baseFiles} and ${currentFiles}: pairing the first ${Math.min(baseFiles, currentFiles)}`,
    );
  }
  return { kind: "files", count: Math.min(baseFiles, currentFiles) };
}

function pairValues(
  base: MetricRuns,
  current: MetricRuns,
  pairing: Pairing,
): { base: number[]; head: number[] } {
  if (pairing.kind === "rounds") {
    const b = base.runs[0] ?? [];
    const h = current.runs[0] ?? [];
    const n = Math.min(b.length, h.length);
    return { base: b.slice(0, n), head: h.slice(0, n) };
  }
  const out = { base: [] as number[], head: [] as number[] };
  for (let i = 0; i < pairing.count; i++) {
    const b = usable(base.runs[i] ?? []);
    const h = usable(current.runs[i] ?? []);
    if (b.length === 0 || h.length === 0) continue;
    out.base.push(median(b));
    out.head.push(median(h));
  }
  return out;
}

export function analyzePaired(
  base: MetricRuns,
  current: MetricRuns,
  ctx: HistoryContext,
  pairing: Pairing,
): Analysis {
  const { policy } = ctx;
  const pairs = pairValues(base, current, pairing);
  const ratios: number[] = [];
  pairs.base.forEach((b, i) => {
    const h = pairs.head[i] as number;
    if (Number.isFinite(b) && Number.isFinite(h) && b > 0 && h > 0) ratios.push(Math.log(h / b));
  });
  const baseValues = usable(pairs.base);
  const headValues = usable(pairs.head);
  const baselineCentre = baseValues.length > 0 ? median(baseValues) : undefined;
  const currentCentre = headValues.length > 0 ? median(headValues) : undefined;
  const ceiling = ceilingFor(current.unit, policy.ceiling, ctx.ceilingGbps);
  const n = ratios.length;
  const analysis = startAnalysis({
    of: current,
    policy,
    baseline: baselineCentre,
    current: currentCentre,
    series: [...baseValues, ...(currentCentre !== undefined ? [currentCentre] : [])],
    flags: plausibilityFlags({
      unit: current.unit,
      currentSamples: current.runs.flatMap((r) => r ?? []),
      currentCentre,
      baselineCentre,
      baselineRuns: [],
      pairs,
      ceiling,
    }),
    pairs: n,
  });
  if (n === 0) {
    analysis.unavailable = "no pair with a positive value on both sides";
    return analysis;
  }
  if (n < pairs.base.length)
    analysis.notes.push(
      `${pairs.base.length - n} pairs without a positive value on both sides left out`,
    );
  if (n < 2) {
    analysis.unavailable = "one pair gives no interval: 2 pairs or more can be tested";
    return analysis;
  }
  const shift = trimmedShift(ratios, policy.thresholds.confidence);
  analysis.shift = shift;
  analysis.toFail = (strictLevel) => {
    // The conservative end must reach the criticalConservative line at the strict level:
    // the half-width there must fall to (|estimate| − line); it shrinks like 1/√n.
    const line = Math.log1p(policy.thresholds.criticalConservative);
    const room = Math.abs(shift.estimate) - line;
    const now = shift.halfWidthAt(strictLevel);
    if (!(room > 0) || now === undefined || !(now > room)) return undefined;
    const needed = Math.ceil(n * (now / room) ** 2) + 1;
    return `${n} pairs cannot fail the build at this spread; about ${needed} pairs could`;
  };
  analysis.toDecide = (h, alpha) => {
    // Interval width shrinks like 1/√n: scale the width at the testing level to the one needed.
    const now = shift.halfWidthAt(1 - alpha) ?? (shift.high - shift.low) / 2;
    const scaled = now > 0 && h > 0 ? Math.ceil(n * (now / h) ** 2) : n + 1;
    const rounds = Math.max(scaled, n + 1);
    return { rounds, advice: `about ${rounds} pairs in all would decide it (have ${n})` };
  };
  return analysis;
}
