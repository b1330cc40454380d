/**
 * The first lines of `npm start` (`perfgate run --default`, issue 21 §4): what was
 * compared with what, whether the baseline's machine is like this one, and what the exit
 * status will be — before the table, not after it.
 */
import type { MachineDifference } from "../analyze/machines.js";
import { machineDifferenceText } from "../analyze/machines.js";
import type { Report } from "../analyze/types.js";
import type { Environment } from "../model/types.js";
import { environmentText, plural } from "./headline.js";

/** "AMD EPYC, 2 cores, Linux 6.1.0, load 1.39": what tells two machines apart, briefly. */
function machine(env: Environment): string {
  const parts = [
    typeof env.cpuModel === "string" ? env.cpuModel : undefined,
    typeof env.cpus === "number" ? plural(env.cpus, "core") : undefined,
    typeof env.kernel === "string" ? env.kernel : undefined,
    typeof env.loadAverage === "number" ? `load ${env.loadAverage}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(", ") : environmentText(env);
}

export interface FirstRun {
  report: Report;
  /** The bundled baseline's newest run's environment, or undefined without one. */
  baseline?: Environment;
  differences: readonly MachineDifference[];
}

export function firstRunLines({ report, baseline, differences }: FirstRun): string[] {
  const here = `${plural(report.current.rounds, "round")} of the built-in throughput suite on this machine (${machine(report.current.environment)})`;
  if (!baseline) return [`Measured ${here}; no bundled baseline to compare with.`];
  const lines = [
    `Compared ${here}`,
    `with the bundled baseline: ${plural(report.baseline.runs, "run")} recorded on ${machine(baseline)}.`,
  ];
  if (differences.length > 0) {
    lines.push(
      `The machines differ — ${machineDifferenceText(differences)}: the differences below are this machine's, shown as information, not graded as regressions.`,
    );
  } else {
    lines.push(
      "The same kind of machine: the grades below are perfgate's verdict against a baseline from elsewhere.",
    );
  }
  lines.push(
    "--default only shows: it exits 0 whatever it finds. The gate is for CI, against your own main branch's history.",
  );
  return lines;
}
