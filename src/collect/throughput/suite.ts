/**
 * The real-throughput suite: `runThroughputSuite(options)` runs R rounds, each with a fresh
 * server process and a fresh client process pinned to their own CPUs, and returns one
 * results file (docs/contracts.md, "Results"). Fresh processes make rounds independent
 * observations, peak memory included; on loopback the server is ours, with --target it is
 * a remote `perfgate serve`.
 */

import os from "node:os";
import { RESULTS_SCHEMA, type Results } from "../../model/types.js";
import { InputError } from "../../util/errors.js";
import { currentEnvironment } from "../environment.js";
import { assembleResults } from "./assemble.js";
import { followChild, spawnInternal, startServerChild } from "./children.js";
import type { Endpoint } from "./connection.js";
import { serverInfo } from "./info.js";
import { type ThroughputOptions, whereToRun } from "./options.js";
import { DEFAULT_PLAN, QUICK_PLAN, type SuitePlan } from "./plan.js";
import type { RoundOutcome } from "./round.js";
import { runScalingSuite } from "./scalingSuite.js";

/** Generous: a round is seconds long; only a hung child gets near this. */
const ROUND_TIMEOUT_MS = 180_000;
const LOOPBACK = "127.0.0.1";

export async function runThroughputSuite(options: ThroughputOptions = {}): Promise<Results> {
  if (options.scaling) return runScalingSuite(options);
  const base = options.quick ? QUICK_PLAN : DEFAULT_PLAN;
  const plan: SuitePlan = { ...base, ...options.plan };
  if (options.rounds !== undefined) plan.rounds = options.rounds;
  if (options.writeSize !== undefined)
    plan.throughput = {
      ...plan.throughput,
      writeSize: options.writeSize,
      readSize: options.writeSize,
    };
  if (options.only !== undefined) plan.only = options.only;
  const { remote, placement } = whereToRun(options);
  const rounds: RoundOutcome[] = [];

  for (let round = 1; round <= plan.rounds; round++) {
    const progress = { round, rounds: plan.rounds };
    options.onProgress?.({ kind: "round-start", ...progress });
    const server = remote
      ? undefined
      : await startServerChild(placement.server, LOOPBACK, ROUND_TIMEOUT_MS);
    try {
      const endpoint: Endpoint = server
        ? { host: LOOPBACK, port: server.address.port, tlsPort: server.address.tlsPort }
        : await remoteEndpoint(remote as { host: string; port: number });
      let outcome: RoundOutcome | undefined;
      const client = spawnInternal(placement.client, "throughput-client", [
        JSON.stringify({ endpoint, plan }),
      ]);
      await followChild(
        client,
        "throughput client",
        (line) => {
          const message = line as { step?: string; round?: RoundOutcome };
          if (message.step) options.onProgress?.({ kind: "step", ...progress, step: message.step });
          if (message.round) outcome = message.round;
        },
        ROUND_TIMEOUT_MS,
      );
      if (!outcome) throw new Error("the throughput client exited without results");
      rounds.push(outcome);
      options.onProgress?.({ kind: "round-end", ...progress, outcome });
    } finally {
      await server?.stop();
    }
  }

  return assembleResults({
    schema: RESULTS_SCHEMA,
    finishedAt: new Date(),
    rounds,
    plan,
    quick: options.quick ?? false,
    environment: {
      ...currentEnvironment(),
      placement: placement.description,
      // How busy the machine was as the run began: explains a noisy run (0 on Windows).
      loadAverage: Number((os.loadavg()[0] ?? 0).toFixed(2)),
    },
    target: options.target,
    commit: options.commit ?? process.env.GITHUB_SHA,
    ref: options.ref ?? process.env.GITHUB_REF,
  });
}

async function remoteEndpoint(remote: { host: string; port: number }): Promise<Endpoint> {
  const where = `${remote.host}:${remote.port}`;
  const info = await serverInfo(remote).catch((error: Error) => {
    throw new InputError(`cannot use the perfgate serve at ${where}: ${error.message}`);
  });
  return { ...remote, tlsPort: info.tlsPort };
}
