/**
 * `perfgate internal throughput-scaling-client '<json>'`: the client child of one scaling
 * trial. Takes `{ endpoint, trial }` and prints one JSON line `{"trial": TrialOutcome}`.
 */
import type { Endpoint } from "./connection.js";
import { runTrial, type TrialPlan } from "./scalingTrial.js";
import { optimiseSooner } from "./warmJit.js";

export async function main(argv: string[]): Promise<number> {
  optimiseSooner();
  const { endpoint, trial } = JSON.parse(argv[0] ?? "{}") as {
    endpoint: Endpoint;
    trial: TrialPlan;
  };
  const outcome = await runTrial(endpoint, trial);
  process.stdout.write(`${JSON.stringify({ trial: outcome })}\n`);
  return 0;
}
