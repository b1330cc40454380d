/**
 * Rounds → one results file: each (benchmark, metric) gets one sample per round, in the
 * order the rounds ran; the environment gains what only this suite knows (placement, TLS
 * cipher and key type, the network tier) and the notes say what a reader should know.
 */
import type { Environment, Results } from "../../model/types.js";
import { RESULTS_SCHEMA } from "../../model/types.js";
import { median } from "../../util/quantiles.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { KEY_TYPE } from "./certificate.js";
import type { SuitePlan } from "./plan.js";
import type { RoundOutcome } from "./round.js";
import { networkTier } from "./tier.js";

export const SUITE = "real-throughput";

export interface AssembleInput {
  schema: typeof RESULTS_SCHEMA;
  /** When the last round ended (the results' timestamp). */
  finishedAt: Date;
  rounds: RoundOutcome[];
  plan: SuitePlan;
  quick: boolean;
  environment: Environment;
  target?: string;
  commit?: string;
  ref?: string;
}

export function assembleResults(input: AssembleInput): Results {
  const byName = new BenchmarkSet();
  for (const round of input.rounds) {
    for (const o of round.observations)
      byName.addSamples(o.benchmark, o.metric, {
        unit: o.unit,
        direction: o.direction,
        samples: [o.value],
        ...(o.windows && { windows: [o.windows] }),
      });
  }
  const benchmarks = byName.list();

  const notes: string[] = [];
  const environment: Environment = {
    ...input.environment,
    suiteWriteSize: input.plan.throughput.writeSize,
  };
  const tcp = byName.get("tcp/throughput")?.metrics.throughput?.samples;
  if (tcp && tcp.length > 0) {
    const typical = median(tcp);
    environment.networkTier = networkTier(typical);
    notes.push(
      `network tier: ${environment.networkTier} (median tcp/throughput ${typical.toFixed(2)} Gbit/s)`,
    );
  }
  const tls = input.rounds.find((r) => r.tls)?.tls;
  if (tls) {
    environment.tlsProtocol = tls.protocol;
    environment.tlsCipher = tls.cipher;
    environment.tlsKeyType = KEY_TYPE;
  }
  environment.target = input.target ?? "loopback";
  if (!byName.has("tls/throughput") && !input.plan.only)
    notes.push("no TLS benchmarks: the server serves no TLS (perfgate serve --no-tls)");
  if (input.quick)
    notes.push(
      `--quick: ${input.plan.rounds} rounds of ${input.plan.throughput.durationMs / input.plan.throughput.windowMs} throughput windows of ${input.plan.throughput.windowMs} ms after the full mode's ${input.plan.throughput.warmupMs} ms warm-up; transfers only up to ${Math.max(...input.plan.transferSizes) / 1e6} MB`,
    );

  const results: Results = {
    schema: RESULTS_SCHEMA,
    suite: SUITE,
    timestamp: input.finishedAt.toISOString(),
    environment,
    benchmarks,
  };
  if (input.commit) results.commit = input.commit;
  if (input.ref) results.ref = input.ref;
  if (notes.length > 0) results.notes = notes;
  return results;
}
