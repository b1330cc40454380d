/**
 * `perfgate run`: collect results as .perfgate.yml says, write them, and compare them with a
 * baseline when one is given. `perfgate run --default` (what `npm start` runs) is the
 * real-throughput suite in quick mode against the bundled baseline history.
 *
 *   perfgate run --config .perfgate.yml --out results.json --baseline history.json
 *   perfgate run --default
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compare } from "../analyze/compare.js";
import { confirmed, needsConfirmation } from "../analyze/confirm.js";
import { asInformation, machineDifferences } from "../analyze/machines.js";
import { readFoundResults } from "../collect/files.js";
import { withMoreRounds } from "../collect/merge.js";
import { readResults } from "../collect/read.js";
import { collect, gitIdentity } from "../collect/run.js";
import { runThroughputSuite, SUITE as THROUGHPUT_SUITE } from "../collect/throughput/index.js";
import type { Config } from "../model/config.js";
import {
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_FAIL_ON,
  DEFAULT_ROUNDS,
  type FailOn,
} from "../model/defaults.js";
import { newestRuns } from "../model/history.js";
import {
  DEFAULT_CONFIG_FILE,
  type Explicit,
  loadSettings,
  resolveSettings,
  withSettings,
} from "../model/settings.js";
import type { Results } from "../model/types.js";
import { firstRunLines } from "../report/firstRun.js";
import { InputError, UsageError } from "../util/errors.js";
import { type Flag, flagHelp, parseFlags } from "./flags.js";
import { filesOfFlags, wholeNumber } from "./options.js";
import {
  emitReport,
  FAIL_ON,
  type Format,
  renderReport,
  reportChoices,
  WIDTH_FLAG,
} from "./reportOutput.js";

const DEFAULT_CONFIG = DEFAULT_CONFIG_FILE;
/** Where the results go when --out is not given (stdout carries the report). */
export const DEFAULT_OUT = "perfgate-results.json";
/** The baseline history `--default` compares with, recorded with the throughput suite. */
export const BUNDLED_BASELINE = "fixtures/baseline/real-throughput.history.json";

/** run's flags: parsed by parseFlags, listed by HELP. */
const FLAGS = {
  config: {
    type: "string",
    short: "c",
    value: "<file>",
    help: `configuration (default ./${DEFAULT_CONFIG})`,
  },
  out: {
    type: "string",
    short: "o",
    value: "<file>",
    help: `results file to write (default ${DEFAULT_OUT}; - for stdout)`,
  },
  rounds: {
    type: "string",
    short: "r",
    value: "<n>",
    help: `rounds, each one observation (default: config, else ${DEFAULT_ROUNDS})`,
  },
  suite: {
    type: "string",
    value: "<name>",
    help: "suite name (default: config, else the source's)",
  },
  baseline: {
    type: "string",
    short: "b",
    multiple: true,
    value: "<file>…",
    help: "compare with these runs: a history, or results files",
  },
  format: {
    type: "string",
    value: "<f>",
    help: "report format: text (default), markdown, json or json-compact (large suites)",
  },
  width: WIDTH_FLAG,
  "fail-on": {
    type: "string",
    value: "<grade>",
    help: `${FAIL_ON.join(" | ")} (default: config, else ${DEFAULT_FAIL_ON})`,
  },
  "confirm-rounds": {
    type: "string",
    value: "<n>",
    help: `when a finding would fail the gate, run n more rounds and take\nthe verdict again on all rounds (default: the config's confirm-rounds,\nelse ${DEFAULT_CONFIRM_ROUNDS}; 0: off)`,
  },
  default: {
    type: "boolean",
    help: "the real-throughput suite (quick) against the bundled baseline;\nreports the gate outcome but exits 0 unless input is bad",
  },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

export const HELP = `usage: perfgate run [--config ${DEFAULT_CONFIG}] [options]
       perfgate run --default

Collects results as the config's run section says (the throughput suite, tinybench files,
a command, or files a tool wrote), writes them, and with --baseline compares and reports.

${flagHelp(FLAGS)}

Exit status: 0 pass, 1 the gate failed, 2 bad usage or input.`;

export interface RunArgs {
  config?: string;
  out?: string;
  rounds?: number;
  suite?: string;
  baseline: string[];
  format: Format;
  failOn?: FailOn;
  /** Undefined when not given: .perfgate.yml's confirm-rounds, else the default. */
  confirmRounds?: number;
  default: boolean;
  /** --width: columns for the text report. */
  width?: number;
  help: boolean;
}

/** Flags as docs/contracts.md ("CLI") gives them; several files may follow one --baseline. */
export function parseRunArgs(argv: string[]): RunArgs {
  const parsed = parseFlags(argv, FLAGS, "run");
  const { baseline } = filesOfFlags(parsed.tokens, ["baseline"], "run");
  const v = parsed.values;
  const { format, failOn, width } = reportChoices("run", v);
  const rounds = wholeNumber(v.rounds, "run: --rounds", 1);
  const confirmRounds = wholeNumber(v["confirm-rounds"], "run: --confirm-rounds", 0);
  if (v.default && (v.config || baseline.length > 0))
    throw new UsageError(
      "run: --default brings its own suite and baseline; drop --config and --baseline",
    );
  return {
    config: v.config,
    out: v.out,
    rounds,
    suite: v.suite,
    baseline,
    format,
    failOn,
    ...(confirmRounds !== undefined ? { confirmRounds } : {}),
    default: v.default ?? false,
    ...(width !== undefined ? { width } : {}),
    help: v.help ?? false,
  };
}

/**
 * The bundled baseline, found from this file: src/commands/ when run from source,
 * dist/ when bundled. Undefined when it is not there (an install without fixtures).
 */
export function bundledBaseline(from = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(from));
  for (let up = 0; up < 4; up++) {
    const candidate = `${dir}/${BUNDLED_BASELINE}`;
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

const progress = (line: string) => process.stderr.write(`perfgate: ${line}\n`);

function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

async function writeResults(results: Results, out: string): Promise<void> {
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (out === "-") process.stdout.write(json);
  else await writeFile(out, json);
}

function describeResults(results: Results): string {
  const metrics = results.benchmarks.reduce((n, b) => n + Object.keys(b.metrics).length, 0);
  return `${results.benchmarks.length} benchmark(s), ${metrics} metric(s)`;
}

/** `--default`: the gate outcome is reported, never enforced: this machine is not the
 *  one that recorded the baseline, so a slower result says more about it than the code. */
async function runDefault(args: RunArgs): Promise<number> {
  const baselineFile = bundledBaseline();
  const baseline = baselineFile ? await readResults(baselineFile) : [];
  if (!baselineFile) progress(`no bundled baseline (${BUNDLED_BASELINE}); showing this run only`);
  const results = await runThroughputSuite({
    quick: true,
    ...(args.rounds ? { rounds: args.rounds } : {}),
    ...gitIdentity(process.cwd()),
    onProgress: (e) => {
      if (e.kind === "round-start") progress(`${THROUGHPUT_SUITE}: round ${e.round}/${e.rounds}`);
    },
  });
  if (args.out) await writeResults(results, args.out);
  const settings = resolveSettings({ explicit: explicitOf(args), explicitKind: "flag" });
  const runs = newestRuns(baseline, settings.values.historySize);
  const graded = withSettings(
    compare({ baseline: runs, current: [results], failOn: settings.values.failOn }),
    settings,
  );
  const baselineEnv = runs[runs.length - 1]?.environment;
  const differences = machineDifferences(baselineEnv, results.environment);
  const report =
    differences.length > 0
      ? asInformation(graded, "this machine is not the baseline's, so nothing is graded")
      : graded;
  if (args.format === "text") {
    print(
      firstRunLines({
        report,
        ...(baselineEnv ? { baseline: baselineEnv } : {}),
        differences,
      }).join("\n"),
    );
    print("");
  }
  await emitReport(renderReport(report, args.format, widthOf(args)), report.status);
  if (args.format === "text" && baselineFile) {
    print(
      differences.length > 0
        ? "gate: not applied, this machine is not the baseline's (--default exits 0)"
        : graded.status === "fail"
          ? "gate: this run would FAIL against the bundled baseline (--default reports it and exits 0)"
          : "gate: this run passes against the bundled baseline",
    );
  }
  return 0;
}

/** Where the report goes, as --width says. */
function widthOf(args: RunArgs): { width?: number } {
  return args.width !== undefined ? { width: args.width } : {};
}

/** The settings given as flags (a flag beats the config file). */
function explicitOf(args: RunArgs): Explicit {
  return {
    ...(args.failOn ? { failOn: args.failOn } : {}),
    ...(args.rounds !== undefined ? { rounds: args.rounds } : {}),
    ...(args.suite !== undefined ? { suite: args.suite } : {}),
    ...(args.confirmRounds !== undefined ? { confirmRounds: args.confirmRounds } : {}),
  };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.default) return runDefault(args);

  const configFile = args.config ?? DEFAULT_CONFIG;
  if (!args.config && !existsSync(configFile)) {
    throw new UsageError(
      `run: no ${DEFAULT_CONFIG} here; pass --config <file>, or --default for the built-in suite`,
    );
  }
  const settings = await loadSettings({ path: configFile }, explicitOf(args), "flag");
  const { config } = settings;
  if (!config.run) {
    throw new InputError(
      "has no run section: say what to collect (see perfgate run --help)",
      configFile,
    );
  }
  const out = args.out ?? DEFAULT_OUT;
  if (out === "-" && args.baseline.length > 0)
    throw new UsageError("run: --out - and --baseline both want stdout; write results to a file");

  const collectRounds = (rounds: number | undefined) =>
    collect({
      run: config.run as NonNullable<Config["run"]>,
      baseDir: dirname(configFile),
      ...(rounds !== undefined ? { rounds } : {}),
      ...(settings.values.suite !== undefined ? { suite: settings.values.suite } : {}),
      where: configFile,
      onProgress: progress,
    });
  let results = await collectRounds(settings.values.rounds);
  await writeResults(results, out);
  if (out !== "-") progress(`wrote ${describeResults(results)} to ${out}`);
  if (args.baseline.length === 0) return 0;

  const runs = await readFoundResults(args.baseline, {}, (file) =>
    progress(`skipped ${file}: in no format perfgate reads`),
  );
  const baseSuite = runs[0]?.suite;
  if (baseSuite !== undefined && baseSuite !== results.suite) {
    throw new InputError(
      `suite '${baseSuite}' does not match this run's suite '${results.suite}' (set suite: in the config)`,
      args.baseline[0],
      "$.suite",
    );
  }
  const judge = (current: Results) =>
    withSettings(
      compare({
        baseline: newestRuns(runs, settings.values.historySize),
        current: [current],
        config,
        failOn: settings.values.failOn,
      }),
      settings,
    );
  let report = judge(results);
  const { confirmRounds } = settings.values;
  if (needsConfirmation(report, confirmRounds)) {
    progress(`${report.worst} finding: running ${confirmRounds} confirmation rounds`);
    const more = await collectRounds(confirmRounds);
    const before = report.current.rounds;
    results = withMoreRounds(results, more);
    await writeResults(results, out);
    const second = judge(results);
    report = confirmed(report, second, second.current.rounds - before, second.current.rounds);
  }
  await emitReport(renderReport(report, args.format, widthOf(args)), report.status);
  return report.status === "fail" ? 1 : 0;
}
