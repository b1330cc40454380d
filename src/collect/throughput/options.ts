/**
 * What a caller asks of the throughput suite (both the fixed scenarios in suite.ts and the
 * connection-scaling scenario in scalingSuite.ts), in one place both can import.
 */
import { UsageError } from "../../util/errors.js";
import { allowedCpus, choosePlacement, type Placement } from "./placement.js";
import type { Scenario, SuitePlan } from "./plan.js";
import type { RoundOutcome } from "./round.js";

export interface ThroughputOptions {
  /** Fewer, shorter rounds (within 15 s on 2 cores); no 500 MB transfer. */
  quick?: boolean;
  rounds?: number;
  /** "host:port" of a remote `perfgate serve`; loopback with our own server when absent. */
  target?: string;
  /** Pin client and server to their own CPUs where possible (default true). */
  pin?: boolean;
  /** Override parts of the plan (tests use tiny trials). */
  plan?: Partial<SuitePlan>;
  commit?: string;
  ref?: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Run the connection-scaling scenario instead (scalingSuite.ts). */
  scaling?: boolean;
  /** Scaling only: the concurrent connections to run, e.g. [10, 100, 500, 1000]. */
  connections?: number[];
  /** The client's I/O size in bytes: its writes in the transfer trials and its reads in the
   *  throughput trial (default 1 MiB). The server's writes stay 1 MiB: the wire protocol
   *  does not carry a size, so a remote `perfgate serve` keeps working. */
  writeSize?: number;
  /** Run only these scenarios (all when absent). */
  only?: Scenario[];
}

export type ProgressEvent =
  | { kind: "round-start"; round: number; rounds: number }
  | { kind: "step"; round: number; rounds: number; step: string }
  | { kind: "round-end"; round: number; rounds: number; outcome: RoundOutcome };

export function parseTarget(target: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(target.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || !(port > 0 && port < 65536)) return undefined;
  return { host: match[1], port };
}

/** Where a suite runs: the remote `perfgate serve` to measure (undefined: a loopback server
 *  of our own) and the CPUs client and server are pinned to. Both suites start here. */
export function whereToRun(options: ThroughputOptions): {
  remote: { host: string; port: number } | undefined;
  placement: Placement;
} {
  const remote = options.target ? parseTarget(options.target) : undefined;
  if (options.target && !remote)
    throw new UsageError(`--target must be host:port, not '${options.target}'`);
  const placement = choosePlacement(
    options.pin === false ? undefined : allowedCpus(),
    options.target,
  );
  return { remote, placement };
}
