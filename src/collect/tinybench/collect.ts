/**
 * tinybench files, R rounds: each round of each file runs in a fresh process, one at a time
 * (two at once would share the cores and measure each other). Rounds go file by file inside
 * a round (a b a b …, not a a b b), so slow drift of the machine spreads over every file.
 * Each task's per-round median becomes one sample of `latency` (s) and `throughput` (ops/s).
 */
import { spawn } from "node:child_process";
import { basename } from "node:path";
import type { Benchmark } from "../../model/types.js";
import { InputError } from "../../util/errors.js";
import { selfCommand } from "../../util/self.js";
import { keepTail, lastLine } from "../childOutput.js";
import { mergeRounds, type Round } from "../merge.js";
import { isRoundMessage, type TaskRound } from "./protocol.js";
import { type Runtime, thisRuntime, typeScriptFlags } from "./typescript.js";

/** A round that takes longer than this is stuck (a task that never resolves), not slow:
 *  tinybench's default budget is about a second per task. */
export const DEFAULT_ROUND_TIMEOUT_MS = 10 * 60_000;

export interface TinybenchOptions {
  files: string[];
  rounds: number;
  /** Where the round processes run (module resolution of the files is by their own path). */
  cwd?: string;
  timeoutMs?: number;
  /** Called before each round of each file: progress for people. */
  onRound?: (file: string, round: number, rounds: number) => void;
  runtime?: Runtime;
}

/** "src/sort.bench.ts" → "sort": the prefix of its tasks' benchmark names. */
export function benchFileStem(file: string): string {
  return basename(file)
    .replace(/\.bench\.(m?js|c?js|m?ts|c?ts)$/i, "")
    .replace(/\.(m?[jt]s)$/i, "");
}

/** Runs one round of one file in a fresh perfgate process and returns its tasks' figures. */
export async function runRound(
  file: string,
  options: { cwd?: string; timeoutMs?: number; runtime?: Runtime } = {},
): Promise<TaskRound[]> {
  const flags = typeScriptFlags(file, options.runtime ?? thisRuntime());
  const self = selfCommand();
  const args = [...flags, ...self.args, "internal", "tinybench-round", file];
  return new Promise((resolve, reject) => {
    const child = spawn(self.command, args, {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let message: unknown;
    // The bench's own console output is not ours to print; keep the tail for errors.
    child.stdout?.on("data", () => {});
    const stderr = keepTail(child.stderr, 8192);
    child.on("message", (m) => {
      message = m;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new InputError(
          `a round did not finish in ${(options.timeoutMs ?? DEFAULT_ROUND_TIMEOUT_MS) / 1000} s`,
          file,
        ),
      );
    }, options.timeoutMs ?? DEFAULT_ROUND_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new InputError(`cannot start a round process: ${error.message}`, file));
    });
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (isRoundMessage(message)) {
        if ("error" in message) reject(new InputError(message.error, file));
        else if (code === 0) resolve(message.tasks);
        else reject(new InputError(`the round process exited with ${code ?? signal}`, file));
        return;
      }
      const why = lastLine(stderr()) ?? `exit ${code ?? signal}`;
      reject(new InputError(`the round process ended without results: ${why}`, file));
    };
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // The child waits until its message is written; one more turn lets the IPC channel
      // deliver it even if the exit is noticed first.
      setImmediate(() => settle(code, signal));
    });
  });
}

function toBenchmarks(file: string, tasks: TaskRound[]): Benchmark[] {
  const stem = benchFileStem(file);
  return tasks.map((task) => {
    const usable = (x: number) => Number.isFinite(x) && x > 0;
    if (!usable(task.latencyMedianMs) || !usable(task.throughputMedian)) {
      throw new InputError(
        `task "${task.name}" measured a median latency of ${task.latencyMedianMs} ms; ` +
          "give it more work per call so the timer can see it",
        file,
      );
    }
    return {
      name: `${stem}/${task.name}`,
      metrics: {
        latency: { unit: "s", direction: "lower", samples: [task.latencyMedianMs / 1000] },
        throughput: { unit: "ops/s", direction: "higher", samples: [task.throughputMedian] },
      },
    };
  });
}

export async function collectTinybench(options: TinybenchOptions): Promise<Benchmark[]> {
  if (options.files.length === 0) throw new InputError("no tinybench files to run");
  // Benchmark names are "<file stem>/<task>": two files with one stem would mix their tasks.
  const stems = new Map<string, string>();
  for (const file of options.files) {
    const other = stems.get(benchFileStem(file));
    if (other) throw new InputError(`has the same name as ${other}; rename one of them`, file);
    stems.set(benchFileStem(file), file);
  }
  const rounds: Round[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const file of options.files) {
      options.onRound?.(file, round, options.rounds);
      const tasks = await runRound(file, options);
      rounds.push({ source: file, benchmarks: toBenchmarks(file, tasks) });
    }
  }
  return mergeRounds(rounds);
}
