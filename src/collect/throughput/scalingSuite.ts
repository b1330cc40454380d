/**
 * The connection-scaling scenario (`perfgate throughput --scaling`): for each round, each
 * transport and each N (ascending), a fresh server child and a fresh client child run one
 * trial (scalingTrial.ts). Fresh processes make "peak memory growth / N" mean what it says
 * and keep one N's leftovers out of the next. Children start with their open-file limit
 * raised (scalingLimits.ts); an N the limit cannot hold is left out and the notes say so.
 */
import os from "node:os";
import type { Benchmark, Results } from "../../model/types.js";
import { RESULTS_SCHEMA } from "../../model/types.js";
import { UsageError } from "../../util/errors.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { currentEnvironment } from "../environment.js";
import { followChild, spawnInternal, startServerChild } from "./children.js";
import type { Endpoint, Transport } from "./connection.js";
import { serverInfo } from "./info.js";
import { type ThroughputOptions, whereToRun } from "./options.js";
import type { Observation } from "./round.js";
import {
  childFileLimit,
  limitNote,
  planConnections,
  raiseLimitPrefix,
  stopNote,
} from "./scalingLimits.js";
import {
  DEFAULT_SCALING_PLAN,
  MAX_SCALING_CONNECTIONS,
  QUICK_SCALING_PLAN,
  SCALING_WRITE_SIZE,
  type ScalingPlan,
  scalingName,
} from "./scalingPlan.js";
import { trialObservations } from "./scalingStats.js";
import type { TrialOutcome } from "./scalingTrial.js";

/** Its own suite name: a scaling run and a default run do not share benchmarks, so each
 *  keeps its own baseline history. */
export const SCALING_SUITE = "real-throughput-scaling";

/** Generous: a trial is a few seconds; only a hung child gets near this. */
const TRIAL_TIMEOUT_MS = 90_000;
const LOOPBACK = "127.0.0.1";

export interface ScalingOptions extends ThroughputOptions {
  /** The N to run (default 10, 100, 500, 1000; --quick 10, 100). */
  connections?: number[];
  scalingPlan?: Partial<ScalingPlan>;
  /** The open-file limit the children get; asked of the shell when absent. */
  fileLimit?: number;
}

export function scalingPlanFor(options: ScalingOptions): ScalingPlan {
  const plan = {
    ...(options.quick ? QUICK_SCALING_PLAN : DEFAULT_SCALING_PLAN),
    ...options.scalingPlan,
  };
  if (options.connections) plan.connections = [...options.connections].sort((a, b) => a - b);
  if (options.rounds !== undefined) plan.rounds = options.rounds;
  const tooMany = plan.connections.find((n) => n > MAX_SCALING_CONNECTIONS);
  if (tooMany !== undefined)
    throw new UsageError(
      `--connections: ${tooMany} is more than the ${MAX_SCALING_CONNECTIONS} connections a perfgate server accepts at once`,
    );
  return plan;
}

export async function runScalingSuite(options: ScalingOptions = {}): Promise<Results> {
  const plan = scalingPlanFor(options);
  const { remote, placement } = whereToRun(options);
  const raise = raiseLimitPrefix();
  const limit = options.fileLimit ?? childFileLimit();
  const planned = planConnections(plan.connections, limit);
  const notes: string[] = [];
  if (planned.note) notes.push(planned.note);
  if (remote)
    notes.push("scaling: --target: no memory per connection (the server's is not ours to see)");
  /** Per transport, the N above which a trial ran out of descriptors (runtime stop). */
  const stoppedAt = new Map<Transport, number>();
  const observations: Observation[] = [];
  let tlsInfo: TrialOutcome["tls"];

  /** One trial in fresh processes; undefined when the server serves no TLS. */
  const runTrialProcesses = async (transport: Transport, n: number) => {
    const server = remote
      ? undefined
      : await startServerChild([...raise, ...placement.server], LOOPBACK, TRIAL_TIMEOUT_MS);
    try {
      const endpoint: Endpoint = server
        ? { host: LOOPBACK, port: server.address.port, tlsPort: server.address.tlsPort }
        : { ...(remote as { host: string; port: number }), ...(await remoteTls(remote)) };
      if (transport === "tls" && endpoint.tlsPort === undefined) return undefined;
      return await runClient([...raise, ...placement.client], endpoint, {
        transport,
        connections: n,
        warmupMs: plan.warmupMs,
        durationMs: plan.durationMs,
        setupMs: plan.setupMs,
        serverMemory: !remote,
      });
    } finally {
      await server?.stop().catch(() => {});
    }
  };

  for (let round = 1; round <= plan.rounds; round++) {
    const progress = { round, rounds: plan.rounds };
    options.onProgress?.({ kind: "round-start", ...progress });
    const roundObservations: Observation[] = [];
    for (const transport of plan.transports) {
      for (const n of planned.feasible) {
        if (n > (stoppedAt.get(transport) ?? Number.POSITIVE_INFINITY)) continue;
        const name = scalingName(transport, n);
        options.onProgress?.({ kind: "step", ...progress, step: name });
        const done = planned.feasible.filter((m) => m < n);
        const left = planned.feasible.filter((m) => m >= n);
        let outcome: TrialOutcome | undefined;
        try {
          outcome = await runTrialProcesses(transport, n);
        } catch (error) {
          // A trial that dies or hangs ends this transport's series, not the run.
          stoppedAt.set(transport, done[done.length - 1] ?? 0);
          notes.push(
            `${transport} ${stopNote(done, left, `the trial failed: ${(error as Error).message}`)}`,
          );
          break;
        }
        if (!outcome) break; // no TLS on this server
        if (outcome.limitHit) {
          stoppedAt.set(transport, done[done.length - 1] ?? 0);
          const why = `a connection could not get a descriptor (${outcome.limitHit})`;
          notes.push(`${transport} ${limitNote(done, left, why)}`);
          break;
        }
        tlsInfo ??= outcome.tls;
        roundObservations.push(...trialObservations(name, outcome));
      }
    }
    observations.push(...roundObservations);
    options.onProgress?.({
      kind: "round-end",
      ...progress,
      outcome: { observations: roundObservations },
    });
  }

  const environment = {
    ...currentEnvironment(),
    placement: placement.description,
    loadAverage: Number((os.loadavg()[0] ?? 0).toFixed(2)),
    target: options.target ?? "loopback",
    suiteWriteSize: SCALING_WRITE_SIZE.tcp,
    suiteTlsWriteSize: SCALING_WRITE_SIZE.tls,
    ...(limit !== undefined && { openFileLimit: Number.isFinite(limit) ? limit : "unlimited" }),
    ...(tlsInfo && { tlsProtocol: tlsInfo.protocol, tlsCipher: tlsInfo.cipher }),
  };
  const results: Results = {
    schema: RESULTS_SCHEMA,
    suite: SCALING_SUITE,
    timestamp: new Date().toISOString(),
    environment,
    benchmarks: group(observations),
  };
  const commit = options.commit ?? process.env.GITHUB_SHA;
  const ref = options.ref ?? process.env.GITHUB_REF;
  if (commit) results.commit = commit;
  if (ref) results.ref = ref;
  notes.push(
    `scaling: ${plan.rounds} rounds; n = ${plan.connections.join(", ")}; ${plan.durationMs} ms window after ${plan.warmupMs} ms warm-up, then ${plan.setupMs} ms of set-up probes under the same load; failed connections count as 0 in the per-connection figures`,
  );
  results.notes = notes;
  return results;
}

async function remoteTls(remote: { host: string; port: number } | undefined) {
  const info = await serverInfo(remote as Endpoint);
  return info.tlsPort === undefined ? {} : { tlsPort: info.tlsPort };
}

function runClient(prefix: string[], endpoint: Endpoint, trial: unknown): Promise<TrialOutcome> {
  let outcome: TrialOutcome | undefined;
  const child = spawnInternal(prefix, "throughput-scaling-client", [
    JSON.stringify({ endpoint, trial }),
  ]);
  return followChild(
    child,
    "scaling client",
    (line) => {
      const message = line as { trial?: TrialOutcome };
      if (message.trial) outcome = message.trial;
    },
    TRIAL_TIMEOUT_MS,
  ).then(() => {
    if (!outcome) throw new Error("the scaling client exited without results");
    return outcome;
  });
}

/** Observations in run order → benchmarks, one sample per round per metric. */
function group(observations: readonly Observation[]): Benchmark[] {
  const set = new BenchmarkSet();
  for (const o of observations)
    set.addCanonical(o.benchmark, o.metric, o.unit, o.direction, o.value);
  return set.list();
}
