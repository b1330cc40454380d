/**
 * Whether a baseline was measured on a machine like this one (issue 21 §4). `npm start`
 * compares with a bundled baseline recorded elsewhere: when the CPU model, the cores or the
 * kernel differ, or this machine is far busier than the baseline's was, a difference says
 * more about the machine than about the code, and the first screen must say so.
 */
import type { Environment } from "../model/types.js";
import type { Report } from "./types.js";

/** This machine counts as busier than the baseline's when its load per core is above
 *  BUSY_LOAD_PER_CORE and more than BUSY_FACTOR times the baseline's: a run queue longer
 *  than the cores means the benchmark waited for CPU. */
export const BUSY_LOAD_PER_CORE = 1;
export const BUSY_FACTOR = 2;

export interface MachineDifference {
  /** What differs, as a person names it: "CPU model", "cores", "kernel", "load". */
  what: string;
  baseline: string;
  current: string;
}

const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
const number = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;

/** The load average per core, when both were recorded. */
function loadPerCore(env: Environment): number | undefined {
  const load = number(env.loadAverage);
  const cpus = number(env.cpus);
  return load !== undefined && cpus ? load / cpus : undefined;
}

/**
 * How the machine of `current` differs from the baseline's (its newest run's environment):
 * only facts both recorded are compared, so a baseline without a CPU model says nothing
 * about CPUs.
 */
export function machineDifferences(
  baseline: Environment | undefined,
  current: Environment,
): MachineDifference[] {
  if (!baseline) return [];
  const out: MachineDifference[] = [];
  const pairs: Array<[string, string | undefined, string | undefined]> = [
    ["CPU model", text(baseline.cpuModel), text(current.cpuModel)],
    ["cores", number(baseline.cpus)?.toString(), number(current.cpus)?.toString()],
    ["kernel", text(baseline.kernel), text(current.kernel)],
  ];
  for (const [what, before, now] of pairs)
    if (before !== undefined && now !== undefined && before !== now)
      out.push({ what, baseline: before, current: now });
  const before = loadPerCore(baseline);
  const now = loadPerCore(current);
  if (
    before !== undefined &&
    now !== undefined &&
    now > BUSY_LOAD_PER_CORE &&
    now > BUSY_FACTOR * before
  ) {
    out.push({
      what: "load",
      baseline: `${before.toFixed(2)} per core`,
      current: `${now.toFixed(2)} per core`,
    });
  }
  return out;
}

/** "CPU model (Intel Xeon here, AMD EPYC in the baseline), load (4.10 per core here, …)". */
export function machineDifferenceText(differences: readonly MachineDifference[]): string {
  return differences
    .map((d) => `${d.what} (${d.current} here, ${d.baseline} in the baseline)`)
    .join(", ");
}

/** The report with every change turned into information: the gate passes, and each
 *  regression or improvement keeps its figures and severity but reads as this machine's. */
export function asInformation(report: Report, why: string): Report {
  return {
    ...report,
    information: why,
    status: "pass",
    findings: report.findings.map((f) =>
      f.verdict === "regression" || f.verdict === "improvement" ? { ...f, information: true } : f,
    ),
  };
}
