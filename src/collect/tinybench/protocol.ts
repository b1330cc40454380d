/**
 * What a tinybench round process (`perfgate internal tinybench-round <file>`) sends its
 * parent over the IPC channel: one message, either every task's figures or why it failed.
 */

/** One task's figures for one round, as tinybench measured them (milliseconds, ops/s). */
export interface TaskRound {
  name: string;
  /** Median latency of the round's iterations, in milliseconds (tinybench's unit). */
  latencyMedianMs: number;
  /** Median throughput of the round's iterations, in operations per second. */
  throughputMedian: number;
  /** Iterations tinybench measured: shown when a round looks too thin to trust. */
  iterations: number;
}

export type RoundMessage = { tasks: TaskRound[] } | { error: string };

export function isRoundMessage(value: unknown): value is RoundMessage {
  if (typeof value !== "object" || value === null) return false;
  if ("error" in value) return typeof value.error === "string";
  return "tasks" in value && Array.isArray(value.tasks);
}
