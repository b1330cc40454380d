/**
 * `perfgate throughput [--quick] [--rounds N] [--target host:port] [--no-pin] [--write-size S]
 *  [--only LIST] [--out file]`:
 * run the real-throughput suite and write its results (stdout when no --out).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  DEFAULT_PLAN,
  parseScenarios,
  parseWriteSize,
  QUICK_PLAN,
  SCENARIOS,
} from "../collect/throughput/plan.js";
import { progressReporter } from "../collect/throughput/progress.js";
import {
  DEFAULT_SCALING_PLAN,
  parseConnections,
  QUICK_SCALING_PLAN,
} from "../collect/throughput/scalingPlan.js";
import { runThroughputSuite } from "../collect/throughput/suite.js";
import { InputError, UsageError } from "../util/errors.js";
import { type Flag, flagHelp } from "./flags.js";
import { formatAddress, optionsError, serveAddress, wholeNumber } from "./options.js";
import { DEFAULT_SERVE_PORT } from "./serve.js";

/** throughput's flags: parsed by parse, listed by HELP. */
const FLAGS = {
  quick: {
    type: "boolean",
    help: `${QUICK_PLAN.rounds} short rounds (about 15 s on 2 cores), transfers up to 100 MB`,
  },
  rounds: {
    type: "string",
    value: "N",
    help: `rounds to run (default ${DEFAULT_PLAN.rounds}, --quick ${QUICK_PLAN.rounds})`,
  },
  target: {
    type: "string",
    value: "host:port",
    help: "measure a remote 'perfgate serve' instead of a loopback server",
  },
  server: {
    type: "string",
    short: "s",
    value: "HOST",
    help: "the same as --target, as monitor takes it: -s host [-p port]",
  },
  port: {
    type: "string",
    short: "p",
    value: "P",
    help: `with -s: its port (default ${DEFAULT_SERVE_PORT})`,
  },
  "no-pin": { type: "boolean", help: "do not pin the processes to CPUs" },
  "write-size": {
    type: "string",
    value: "SIZE",
    help: "the client's write (transfer) and read (throughput) size: bytes,\n64KiB, 1MiB (default 1MiB; the server's writes stay 1 MiB)",
  },
  only: {
    type: "string",
    value: "LIST",
    help: `run only these scenarios: ${SCENARIOS.join(",")}`,
  },
  scaling: {
    type: "boolean",
    help: `run the connection-scaling scenario instead: N concurrent connections\nover TCP and TLS, per N throughput, fairness, success, set-up, memory\n(${DEFAULT_SCALING_PLAN.rounds} round, 35 s on a busy 2-core machine; --quick: n = ${QUICK_SCALING_PLAN.connections.join(", ")})`,
  },
  connections: {
    type: "string",
    value: "LIST",
    help: `with --scaling: the N to run (default ${DEFAULT_SCALING_PLAN.connections.join(",")})`,
  },
  out: { type: "string", value: "FILE", help: "write the results JSON there (default: stdout)" },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

const HELP = `usage: perfgate throughput [options]

Real bytes over real sockets: TCP and TLS 1.3 throughput (Gbit/s), transfer times,
round-trip latency, connection set-up, CPU per GB and peak memory, client and server in
separate processes pinned to their own CPUs (taskset) where possible.

${flagHelp(FLAGS)}
`;

export async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw optionsError(error, "throughput");
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const rounds = wholeNumber(values.rounds, "--rounds", 1);
  const remote = serveAddress(values, DEFAULT_SERVE_PORT);
  let connections: number[] | undefined;
  if (values.connections !== undefined) {
    connections = parseConnections(values.connections);
    if (!connections || !values.scaling)
      throw new UsageError(
        values.scaling
          ? `--connections must be whole numbers ≥ 1 separated by commas, not '${values.connections}'`
          : "--connections applies to --scaling only",
      );
  }
  const writeSize =
    values["write-size"] === undefined ? undefined : parseWriteSize(values["write-size"]);
  if (values["write-size"] !== undefined && writeSize === undefined)
    throw new UsageError(
      `--write-size must be a size from 1KiB to 64MiB such as 4096, 64KiB or 1MiB, not '${values["write-size"]}'`,
    );
  const only = values.only === undefined ? undefined : parseScenarios(values.only);
  if (values.only !== undefined && only === undefined)
    throw new UsageError(
      `--only takes scenarios from ${SCENARIOS.join(",")}, not '${values.only}'`,
    );
  if ((writeSize !== undefined || only !== undefined) && values.scaling)
    throw new UsageError("--write-size and --only do not apply to --scaling");
  const results = await runThroughputSuite({
    writeSize,
    only,
    scaling: values.scaling,
    connections,
    quick: values.quick,
    rounds,
    target: remote && formatAddress(remote),
    pin: !values["no-pin"],
    onProgress: progressReporter(process.stderr, process.env),
  });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (!values.out) {
    process.stdout.write(json);
    return 0;
  }
  try {
    writeFileSync(values.out, json);
  } catch (error) {
    throw new InputError(`cannot write results: ${(error as Error).message}`, values.out);
  }
  for (const note of results.notes ?? []) process.stderr.write(`${note}\n`);
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: FLAGS,
  });
}
