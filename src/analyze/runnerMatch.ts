/**
 * Like with like: hosted runners of one label come on different CPU models, and a history
 * that mixes them is bimodal for that reason alone (docs/architecture.md, "What the code relies on from the platform"). Where the history has at
 * least MIN_MATCHING_RUNS runs on the current run's machine kind (CPU model, OS family,
 * architecture), the baseline is those runs; otherwise every run, and the caller learns the
 * noise with every run counted (no run set aside as an outlier), so the spread includes the
 * mix. Either way the report says which.
 */
import { MIN_HISTORY_FOR_NOISE } from "../model/defaults.js";
import type { Environment, Results } from "../model/types.js";

/** Runs on the current machine kind needed to use them alone: enough to learn the noise. */
export const MIN_MATCHING_RUNS = MIN_HISTORY_FOR_NOISE;

/** The machine kind of a run, or undefined when its CPU model was not recorded. The OS is
 *  reduced to its family: a kernel update does not make a different machine. */
export function machineKind(env: Environment | undefined): string | undefined {
  const cpu = typeof env?.cpuModel === "string" ? env.cpuModel.trim() : "";
  if (cpu === "") return undefined;
  const os = typeof env?.os === "string" ? (env.os.split(/\s+/)[0] ?? "") : "";
  return [cpu, os, env?.arch ?? ""].join(" · ");
}

export interface RunnerMatch {
  /** The baseline runs to use, oldest first. */
  runs: Results[];
  /** Set when the history mixes machine kinds and the current one has too few runs. */
  mixed: boolean;
  /** What the report says, or undefined when the history is all one kind. */
  note?: string;
}

function cpuName(env: Environment | undefined): string {
  return typeof env?.cpuModel === "string" ? env.cpuModel.trim() : "?";
}

export function matchRunner(
  baseline: readonly Results[],
  current: readonly Results[],
): RunnerMatch {
  const kind = machineKind(current[0]?.environment);
  const kinds = baseline.map((r) => machineKind(r.environment));
  if (kind === undefined || kinds.every((k) => k === undefined || k === kind)) {
    return { runs: [...baseline], mixed: false };
  }
  const same = baseline.filter((_, i) => kinds[i] === kind);
  const cpu = cpuName(current[0]?.environment);
  const others = baseline.length - same.length;
  const s = (n: number) => (n === 1 ? "" : "s");
  if (same.length >= MIN_MATCHING_RUNS) {
    return {
      runs: same,
      mixed: false,
      note: `baseline: ${same.length} run${s(same.length)} on ${cpu}; ${others} run${s(others)} on other CPUs left out`,
    };
  }
  return {
    runs: [...baseline],
    mixed: true,
    note: `baseline: all ${baseline.length} runs, only ${same.length} on ${cpu} (${MIN_MATCHING_RUNS} would be compared alone); the noise is learned across the CPU mix, so it is wider`,
  };
}
