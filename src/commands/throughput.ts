/**
 * `perfgate throughput [--quick] [--rounds N] [--target host:port] [--no-pin] [--out file]`:
 * run the real-throughput suite and write its results (stdout when no --out).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_PLAN, QUICK_PLAN } from "../collect/throughput/plan.js";
import { progressReporter } from "../collect/throughput/progress.js";
import { runThroughputSuite } from "../collect/throughput/suite.js";
import { InputError, UsageError } from "../util/errors.js";

const HELP = `usage: perfgate throughput [options]

Real bytes over real sockets: TCP and TLS 1.3 throughput (Gbit/s), transfer times,
round-trip latency, connection set-up, CPU per GB and peak memory, client and server in
separate processes pinned to their own CPUs (taskset) where possible.

  --quick             ${QUICK_PLAN.rounds} short rounds (about 15 s on 2 cores), transfers up to 100 MB
  --rounds N          rounds to run (default ${DEFAULT_PLAN.rounds}, --quick ${QUICK_PLAN.rounds})
  --target host:port  measure a remote 'perfgate serve' instead of a loopback server
  --no-pin            do not pin the processes to CPUs
  --out FILE          write the results JSON there (default: stdout)
`;

export async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; try 'perfgate throughput --help'`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let rounds: number | undefined;
  if (values.rounds !== undefined) {
    rounds = Number(values.rounds);
    if (!Number.isInteger(rounds) || rounds < 1)
      throw new UsageError(`--rounds must be a whole number ≥ 1, not '${values.rounds}'`);
  }
  const results = await runThroughputSuite({
    quick: values.quick,
    rounds,
    target: values.target,
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
    options: {
      quick: { type: "boolean" },
      rounds: { type: "string" },
      target: { type: "string" },
      "no-pin": { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
