/**
 * What the rows have in common, said before the rows: when most benchmarks moved the same
 * way by a similar amount, the cause is rarely in each of them (a slower runner, a
 * dependency, shared code), and when this run's CPU is not the baseline's, the runner alone
 * can explain a shift. Plain text with outside parts raw; the dialects escape them.
 */
import { HICCUP_SPREAD } from "../analyze/hiccup.js";
import type { Report } from "../analyze/types.js";
import { quantityOf } from "../model/units.js";
import type { BenchmarkRow } from "./measurements.js";

/** Benchmarks that must move together, at least, to call it a pattern. */
export const SHARED_MIN_BENCHMARKS = 3;
/** Share of the compared benchmarks that must move together: "most". */
export const SHARED_SHARE = 0.75;

/** Relative change in the worse direction (0.45 = 45 % worse), from a finding's estimate. */
function worse(row: BenchmarkRow): number | undefined {
  const f = row.worst;
  const estimate = f.change?.estimate;
  if (estimate === undefined || !Number.isFinite(estimate)) return undefined;
  return f.direction === "lower" ? estimate : -estimate;
}

const percent = (x: number) => `${Math.round(Math.abs(x) * 100)}`;

/**
 * "all 12 benchmarks 41–51 % slower: a shared cause — the runner, a dependency, or common
 * code?", or undefined. The benchmarks counted are those whose worst measurement is a
 * regression (or an improvement), and "similar" is within HICCUP_SPREAD of their median log
 * change: the rule the analysis's runner-hiccup warning uses, applied per benchmark.
 */
export function sharedShift(rows: readonly BenchmarkRow[]): string | undefined {
  const compared = rows.filter((r) => worse(r) !== undefined && !r.worst.ignored);
  for (const verdict of ["regression", "improvement"] as const) {
    const moved = compared.filter((r) => r.worst.verdict === verdict);
    if (moved.length < SHARED_MIN_BENCHMARKS || moved.length < SHARED_SHARE * compared.length)
      continue;
    const logs = moved.map((r) => Math.abs(Math.log1p(worse(r) as number)));
    const sorted = [...logs].sort((a, b) => a - b);
    const centre = sorted[Math.floor(sorted.length / 2)] as number;
    const alike = moved.filter(
      (_, i) => Math.abs((logs[i] as number) - centre) <= HICCUP_SPREAD * centre,
    );
    if (alike.length < SHARED_SHARE * compared.length || alike.length < SHARED_MIN_BENCHMARKS)
      continue;
    const sizes = alike.map((r) => Math.abs(worse(r) as number)).sort((a, b) => a - b);
    const low = percent(sizes[0] as number);
    const high = percent(sizes.at(-1) as number);
    const range = low === high ? `${low} %` : `${low}–${high} %`;
    const allTime = alike.every((r) => quantityOf(r.worst.unit) === "time");
    const how =
      verdict === "regression" ? (allTime ? "slower" : "worse") : allTime ? "faster" : "better";
    const who =
      alike.length === compared.length
        ? `all ${alike.length} benchmarks`
        : `${alike.length} of ${compared.length} benchmarks`;
    return `${who} ${range} ${how}: a shared cause — the runner, a dependency, or common code?`;
  }
  return undefined;
}

/** "this run's CPU (X) is not the baseline's (Y, 20 of 20 runs)…", or undefined. */
export function cpuChange(report: Report): string | undefined {
  const current = report.current.environment.cpuModel;
  const machines = report.baseline.machines;
  if (typeof current !== "string" || current.trim() === "" || !machines?.length) return undefined;
  const same = machines.find((m) => m.cpuModel === current.trim());
  const main = machines[0] as { cpuModel: string; runs: number };
  if (same && same === main) return undefined;
  const total = machines.reduce((n, m) => n + m.runs, 0);
  return `this run's CPU (${current.trim()}) is not the baseline's (${main.cpuModel}, ${main.runs} of ${total} runs): a different runner alone can shift every benchmark`;
}
