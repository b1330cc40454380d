/**
 * `perfgate compare`: read the baseline and current results, grade the changes, print the
 * report. Exit 0 when the gate passes, 1 when a finding is at or above --fail-on, 2 for bad
 * usage or input (one line, from cli.ts).
 *
 *   perfgate compare --baseline history.json --current results.json
 *   perfgate compare --paired --baseline 'ab/base-*.json' --current 'ab/head-*.json'
 */
import { existsSync } from "node:fs";
import { compareRuns } from "../analyze/compareRuns.js";
import { needsConfirmation, notConfirmed } from "../analyze/confirm.js";
import { readFoundResults } from "../collect/files.js";
import { DEFAULT_FAIL_ON, type FailOn } from "../model/defaults.js";
import { DEFAULT_CONFIG_FILE, loadSettings, withSettings } from "../model/settings.js";
import { InputError, UsageError } from "../util/errors.js";
import { ACCEPT_PULL_FLAGS, acceptEntriesFor } from "./acceptPulls.js";
import { type Flag, flagHelp, parseFlags } from "./flags.js";
import { filesOfFlags, wholeNumber } from "./options.js";
import {
  emitReport,
  FAIL_ON,
  type Format,
  reportChoices,
  reportChunks,
  WIDTH_FLAG,
} from "./reportOutput.js";

/** compare's flags: parsed by parseFlags, listed by HELP. */
const FLAGS = {
  baseline: {
    type: "string",
    short: "b",
    multiple: true,
    value: "<file>…",
    help: "baseline runs: a history, or results files (oldest first)",
  },
  current: {
    type: "string",
    short: "c",
    multiple: true,
    value: "<file>…",
    help: "the run under test: one or more results files (its rounds)",
  },
  paired: { type: "boolean", help: "the i-th baseline and i-th current file ran back to back" },
  format: {
    type: "string",
    value: "<f>",
    help: "text (default), markdown, json or json-compact (large suites)",
  },
  "fail-on": {
    type: "string",
    value: "<grade>",
    help: `${FAIL_ON.join(" | ")} (default: config, else ${DEFAULT_FAIL_ON})`,
  },
  config: {
    type: "string",
    value: "<file>",
    help: `.perfgate.yml with thresholds and rules (default ./${DEFAULT_CONFIG_FILE} if present)`,
  },
  tool: {
    type: "string",
    value: "<name>",
    help: "parser for files that are not perfgate's own (default: detect)",
  },
  out: { type: "string", value: "<file>", help: "write the report there instead of to stdout" },
  width: WIDTH_FLAG,
  seed: {
    type: "string",
    value: "<n>",
    help: "seed for any resampling (same input and seed, same report)",
  },
  ...ACCEPT_PULL_FLAGS,
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

export const HELP = `usage: perfgate compare --baseline <file>… --current <file>… [options]

Compares current results with a baseline and grades each change Minor, Moderate, Severe
or Critical. Each file is one run of the same suite; a perfgate history file counts as
its runs. Files may be globs ('runs/*.json'), directories, or listed after one flag.

${flagHelp(FLAGS)}

Exit status: 0 pass, 1 the gate failed, 2 bad usage or input.`;

export interface CompareArgs {
  baseline: string[];
  current: string[];
  paired: boolean;
  format: Format;
  failOn?: FailOn;
  config?: string;
  tool?: string;
  out?: string;
  seed?: number;
  /** --width: columns for the text report. */
  width?: number;
  /** --token and --repo: to resolve accept: entries naming a pull request. */
  token?: string;
  repo?: string;
  help: boolean;
}

/** Flags as docs/contracts.md ("CLI") gives them; several files may follow one --baseline or --current. */
export function parseCompareArgs(argv: string[]): CompareArgs {
  const parsed = parseFlags(argv, FLAGS, "compare");
  const v = parsed.values;
  const { format, failOn, width } = reportChoices("compare", v);
  const seed = wholeNumber(v.seed, "compare: --seed", 0);
  return {
    ...filesOfFlags(parsed.tokens, ["baseline", "current"], "compare"),
    paired: v.paired ?? false,
    format,
    failOn,
    ...(width !== undefined ? { width } : {}),
    config: v.config,
    tool: v.tool,
    out: v.out,
    seed,
    ...(v.token !== undefined ? { token: v.token } : {}),
    ...(v.repo !== undefined ? { repo: v.repo } : {}),
    help: v.help ?? false,
  };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCompareArgs(argv);
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.baseline.length === 0) throw new UsageError("compare: --baseline <file> is required");
  if (args.current.length === 0) throw new UsageError("compare: --current <file> is required");

  const configFile =
    args.config ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  const settings = await loadSettings(
    configFile ? { path: configFile } : undefined,
    { ...(args.failOn ? { failOn: args.failOn } : {}) },
    "flag",
  );
  // Entries naming a pull request accept the commit it landed as, as in the Action.
  const config = settings.config && {
    ...settings.config,
    accept: await acceptEntriesFor(settings.config, configFile, {
      ...(args.token !== undefined ? { token: args.token } : {}),
      ...(args.repo !== undefined ? { repo: args.repo } : {}),
      env: process.env,
      warn: (line) => process.stderr.write(`perfgate: ${line}\n`),
    }),
  };
  const readOptions = { tool: args.tool, suite: settings.values.suite };
  const skipped: string[] = [];
  const skip = (file: string) => skipped.push(file);
  const baselineRuns = await readFoundResults(args.baseline, readOptions, skip);
  // As in the Action: the current files (a matrix's jobs) are read as the configured suite.
  const { suite } = settings.values;
  const current = await readFoundResults(
    args.current,
    { ...readOptions, ...(suite ? { readAs: suite } : {}) },
    skip,
  );

  const baseSuite = baselineRuns[0]?.suite;
  const currentSuite = current[0]?.suite;
  if (baseSuite !== undefined && currentSuite !== undefined && baseSuite !== currentSuite) {
    throw new InputError(
      `suite '${currentSuite}' does not match the baseline's suite '${baseSuite}'`,
      args.current[0],
      "$.suite",
    );
  }
  const { historySize, failOn } = settings.values;
  const compared = compareRuns({
    baseline: baselineRuns,
    current,
    paired: args.paired,
    config,
    failOn,
    historySize,
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
  });
  // compare judges files; it cannot run more rounds. Say that this failure would have been
  // measured again by `perfgate run` or the Action, so a runner's hiccup is not taken on trust.
  const report = withSettings(
    needsConfirmation(compared, settings.values.confirmRounds)
      ? notConfirmed(
          compared,
          `perfgate run, or the Action with command: or config:, runs ${settings.values.confirmRounds} more rounds first; re-run the benchmark to tell a runner hiccup from a slowdown`,
        )
      : compared,
    settings,
  );
  if (skipped.length > 0)
    report.warnings.push(
      `skipped ${skipped.length} file(s) found in a directory that are in no format perfgate reads: ${skipped.join(", ")}`,
    );
  await emitReport(
    reportChunks(report, args.format, {
      toFile: Boolean(args.out),
      ...(args.width !== undefined ? { width: args.width } : {}),
    }),
    report.status,
    args.out,
  );
  return report.status === "fail" ? 1 : 0;
}
