/**
 * `perfgate validate -e <Gbit/s> -l <ms> [--target host:port] [--quick] [--rounds N]`: run
 * the throughput suite's throughput and latency trials (loopback, or a remote
 * `perfgate serve`), and grade the median TCP throughput and p99 round trip against the
 * expectations. Exit 0 on PASS or WARN, 1 on FAIL, 2 on bad input.
 */
import { parseArgs } from "node:util";
import { runThroughputSuite } from "../collect/throughput/suite.js";
import type { Results } from "../model/types.js";
import { type Check, gradeCheck, overall, renderChecks, WARN_BAND } from "../monitor/index.js";
import { median } from "../util/quantiles.js";
import { type Flag, flagHelp } from "./flags.js";
import {
  formatAddress,
  optionsError,
  positiveNumber,
  serveAddress,
  wholeNumber,
} from "./options.js";
import { DEFAULT_SERVE_PORT } from "./serve.js";

/** validate's flags: parsed by parse, listed by HELP. */
const FLAGS = {
  "expected-gbps": {
    type: "string",
    short: "e",
    value: "X",
    help: "throughput the path should carry, Gbit/s",
  },
  "max-latency-ms": {
    type: "string",
    short: "l",
    value: "X",
    help: "p99 round trip it should stay under, ms",
  },
  target: {
    type: "string",
    value: "host:port",
    help: "measure a remote 'perfgate serve' (default: loopback)",
  },
  server: {
    type: "string",
    short: "s",
    value: "HOST",
    help: "the same as -s host -p port, as monitor takes it",
  },
  port: { type: "string", short: "p", value: "P", help: `(default ${DEFAULT_SERVE_PORT})` },
  quick: { type: "boolean", help: "shorter trials" },
  rounds: {
    type: "string",
    value: "N",
    help: "rounds (each one observation; the median is graded)",
  },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

const HELP = `usage: perfgate validate -e <Gbit/s> -l <ms> [options]

Measure TCP throughput and round-trip latency (the throughput suite's trials) and grade
them: PASS when throughput ≥ expected and p99 ≤ the limit; WARN when within ${WARN_BAND * 100} % on the
wrong side; FAIL beyond. Exit 0 on PASS or WARN, 1 on FAIL, 2 on bad input.

${flagHelp(FLAGS)}
`;

/** The median of one metric's samples; undefined when the run did not measure it. */
function measured(results: Results, benchmark: string, name: string): number | undefined {
  const samples = results.benchmarks.find((b) => b.name === benchmark)?.metrics[name]?.samples;
  return samples?.length ? median(samples) : undefined;
}

export async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    throw optionsError(error, "validate");
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  // Both are required: a missing one reads as '' and is refused like any other non-number.
  const expectedGbps = positiveNumber(values["expected-gbps"] ?? "", "--expected-gbps (-e)");
  const maxLatencyMs = positiveNumber(values["max-latency-ms"] ?? "", "--max-latency-ms (-l)");
  const rounds = wholeNumber(values.rounds, "--rounds", 1);
  const remote = serveAddress(values, DEFAULT_SERVE_PORT);
  const results = await runThroughputSuite({
    quick: values.quick,
    rounds,
    target: remote && formatAddress(remote),
    plan: { only: ["throughput", "latency"] },
  });
  const p99 = measured(results, "tcp/latency", "p99");
  const checks: Check[] = [
    {
      metric: "tcp throughput",
      value: measured(results, "tcp/throughput", "throughput"),
      unit: "Gbit/s",
      bound: "min",
      limit: expectedGbps,
      grade: "PASS",
    },
    {
      metric: "p99 round trip",
      value: p99 === undefined ? undefined : p99 * 1000,
      unit: "ms",
      bound: "max",
      limit: maxLatencyMs,
      grade: "PASS",
    },
  ];
  for (const check of checks) check.grade = gradeCheck(check.value, check.bound, check.limit);
  const rounds_ = results.benchmarks[0]?.metrics.throughput?.samples.length ?? 0;
  const where = remote ? formatAddress(remote) : "loopback";
  process.stdout.write(renderChecks(`perfgate validate · ${where} (${rounds_} rounds)`, checks));
  return overall(checks) === "FAIL" ? 1 : 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: FLAGS,
  }).values;
}
