/**
 * `perfgate internal throughput-client '<json>'`: the client child of a run. Takes
 * `{ endpoint, plan }`, runs one round, and reports on stdout as JSON lines:
 * `{"step": name}` as each scenario starts, then `{"round": RoundOutcome}`.
 */
import type { Endpoint } from "./connection.js";
import type { SuitePlan } from "./plan.js";
import { runRound } from "./round.js";
import { optimiseSooner } from "./warmJit.js";

export async function main(argv: string[]): Promise<number> {
  optimiseSooner();
  const { endpoint, plan } = JSON.parse(argv[0] ?? "{}") as { endpoint: Endpoint; plan: SuitePlan };
  const say = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const round = await runRound(endpoint, plan, (step) => say({ step }));
  say({ round });
  return 0;
}
