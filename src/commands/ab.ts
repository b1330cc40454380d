/**
 * `perfgate ab`: base and head interleaved on this machine, sampled until the verdict is
 * clear. Exit 0 pass, 1 the gate failed, 2 bad usage or input (one line, from cli.ts).
 *
 *   perfgate ab --base origin/main --config .perfgate.yml
 *   perfgate ab --base main --build "npm run build" --run "node bench.mjs" --tool benchmarkjs
 */
import { existsSync } from "node:fs";
import {
  AB_DESCRIPTIONS,
  type AbOutcome,
  configFolder,
  DEFAULT_LOOKS,
  DEFAULT_MAX_PAIRS,
  DEFAULT_MAX_TIME_MS,
  DEFAULT_MIN_PAIRS,
  git,
  runAb,
  withAbSettings,
} from "../ab/index.js";
import { readFoundResults } from "../collect/files.js";
import { DEFAULT_FAIL_ON, type FailOn } from "../model/defaults.js";
import { newestRuns } from "../model/history.js";
import {
  DEFAULT_CONFIG_FILE,
  loadSettings,
  resolveSettings,
  type Settings,
} from "../model/settings.js";
import type { Results } from "../model/types.js";
import { UsageError } from "../util/errors.js";
import { type Flag, flagHelp, parseFlags } from "./flags.js";
import { durationMs, filesOfFlags, wholeNumber } from "./options.js";
import {
  type Destination,
  emitReport,
  FAIL_ON,
  type Format,
  renderReport,
  reportChoices,
} from "./reportOutput.js";

const DEFAULT_CONFIG = DEFAULT_CONFIG_FILE;

/** ab's flags: parsed by parseFlags, listed by HELP. */
const FLAGS = {
  base: {
    type: "string",
    value: "<ref>",
    help: "compare with the merge base of head and this ref\n(default: origin/HEAD when it exists)",
  },
  head: {
    type: "string",
    value: "<ref>",
    help: "the commit under test (default: the working tree as it is)",
  },
  build: {
    type: "string",
    value: "<cmd>",
    help: "build step run once in each tree (default: the config's run.build)",
  },
  run: {
    type: "string",
    value: "<cmd>",
    help: "benchmark command, run once per round (with --tool)",
  },
  tool: {
    type: "string",
    value: "<name>",
    help: "parser for the command's output (go, hyperfine, auto, …)",
  },
  config: {
    type: "string",
    short: "c",
    value: "<file>",
    help: `config whose run section says what to measure\n(default ./${DEFAULT_CONFIG} when neither --run nor --config)`,
  },
  "min-pairs": { type: "string", value: "<n>", help: AB_DESCRIPTIONS.minPairs },
  "max-pairs": { type: "string", value: "<n>", help: AB_DESCRIPTIONS.maxPairs },
  "max-time": { type: "string", value: "<d>", help: AB_DESCRIPTIONS.maxTime },
  baseline: {
    type: "string",
    short: "b",
    multiple: true,
    value: "<file>…",
    help: "a stored history too: its verdict is shown beside, not gating",
  },
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
  seed: { type: "string", value: "<n>", help: "seed of the pair order (default 1)" },
  out: { type: "string", value: "<file>", help: "write the report there instead of to stdout" },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

export const HELP = `usage: perfgate ab --base <ref> [--head <ref>] [--build <cmd>]
                   [--run <cmd> --tool <t> | --config <file>] [options]

Runs base and head alternately on this machine (base checked out into a temporary git
worktree; the order inside each pair randomised; each round fresh processes, one at a
time) and compares the pairs. Samples until every benchmark's interval is clear of the
tolerance and of the Critical line, or until the pair cap or the time budget.

${flagHelp(FLAGS)}

Exit status: 0 pass, 1 the gate failed, 2 bad usage or input.`;

export interface AbArgs {
  base?: string;
  head?: string;
  build?: string;
  run?: string;
  tool?: string;
  config?: string;
  minPairs: number;
  maxPairs: number;
  maxTimeMs: number;
  baseline: string[];
  format: Format;
  failOn?: FailOn;
  seed: number;
  out?: string;
  help: boolean;
}

export function parseAbArgs(argv: string[]): AbArgs {
  const parsed = parseFlags(argv, FLAGS, "ab");
  const { baseline } = filesOfFlags(parsed.tokens, ["baseline"], "ab");
  const v = parsed.values;
  const { format, failOn } = reportChoices("ab", v);
  if (v.run !== undefined && v.config !== undefined)
    throw new UsageError("ab: give --run (with --tool) or --config, not both");
  if (v.run !== undefined && v.tool === undefined)
    throw new UsageError("ab: --run needs --tool (a format name such as go or hyperfine, or auto)");
  if (v.tool !== undefined && v.run === undefined)
    throw new UsageError("ab: --tool applies to --run; a config names its own tool");
  const minPairs = wholeNumber(v["min-pairs"], "ab: --min-pairs", 1) ?? DEFAULT_MIN_PAIRS;
  const maxPairs =
    wholeNumber(v["max-pairs"], "ab: --max-pairs", 1) ?? Math.max(DEFAULT_MAX_PAIRS, minPairs);
  if (maxPairs < minPairs)
    throw new UsageError(`ab: --max-pairs (${maxPairs}) is below --min-pairs (${minPairs})`);
  const maxTimeMs = durationMs(v["max-time"], "ab: --max-time") ?? DEFAULT_MAX_TIME_MS;
  return {
    base: v.base,
    head: v.head,
    build: v.build,
    run: v.run,
    tool: v.tool,
    config: v.config,
    minPairs,
    maxPairs,
    maxTimeMs,
    baseline,
    format,
    failOn,
    seed: wholeNumber(v.seed, "ab: --seed", 0) ?? 1,
    out: v.out,
    help: v.help ?? false,
  };
}

/** The base ref when --base is absent: the remote's default branch, if the clone knows it. */
async function defaultBase(): Promise<string> {
  const known = await git(process.cwd(), ["rev-parse", "--verify", "--quiet", "origin/HEAD"]).catch(
    () => undefined,
  );
  if (!known) throw new UsageError("ab: --base <ref> is required (this clone has no origin/HEAD)");
  return "origin/HEAD";
}

/** What to measure (the config's run section, or --run) and the settings over it. */
async function whatToMeasure(args: AbArgs): Promise<{ settings: Settings; configDir: string }> {
  const explicit = args.failOn ? { failOn: args.failOn } : {};
  if (args.run !== undefined) {
    const settings = resolveSettings({ explicit, explicitKind: "flag" });
    return {
      settings: {
        ...settings,
        config: { ...settings.config, run: { command: args.run, tool: args.tool as string } },
      },
      configDir: process.cwd(),
    };
  }
  const file = args.config ?? DEFAULT_CONFIG;
  if (!args.config && !existsSync(file))
    throw new UsageError(
      `ab: no ${DEFAULT_CONFIG} here; pass --config <file>, or --run with --tool`,
    );
  return {
    settings: await loadSettings({ path: file }, explicit, "flag"),
    configDir: configFolder(file),
  };
}

async function readHistory(patterns: string[], suite?: string): Promise<Results[]> {
  if (patterns.length === 0) return [];
  const runs = await readFoundResults(patterns, { ...(suite ? { suite } : {}) }, (file) =>
    process.stderr.write(`perfgate: skipped ${file}: in no format perfgate reads\n`),
  );
  return newestRuns(runs, runs.length); // all of them, oldest first
}

/** The same-runner report, then (Markdown and text) the history lens under its own heading.
 *  JSON stays one schema-valid report: the history verdict is a line among its warnings. */
export function renderAb(outcome: AbOutcome, format: Format, to: Destination = {}): string {
  const main = renderReport(outcome.report, format, to);
  if (!outcome.historyReport || format === "json" || format === "json-compact") return main;
  const heading =
    format === "markdown"
      ? "\n\n### History lens (stored baseline; shown for context, does not decide the gate)\n\n"
      : "\n\nHistory lens (stored baseline; shown for context, does not decide the gate)\n\n";
  return `${main.trimEnd()}${heading}${renderReport(outcome.historyReport, format, to)}`;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseAbArgs(argv);
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const base = args.base ?? (await defaultBase());
  const { settings, configDir } = await whatToMeasure(args);
  const { config } = settings;
  const history = await readHistory(args.baseline, config.suite);
  const outcome = await runAb({
    cwd: process.cwd(),
    base,
    ...(args.head !== undefined ? { head: args.head } : {}),
    config,
    configDir,
    ...(args.build !== undefined ? { build: args.build } : {}),
    plan: {
      minPairs: args.minPairs,
      maxPairs: args.maxPairs,
      looks: DEFAULT_LOOKS,
      maxTimeMs: args.maxTimeMs,
      seed: args.seed,
    },
    failOn: settings.values.failOn,
    history,
    onProgress: (line) => process.stderr.write(`perfgate: ${line}\n`),
  });
  const output = renderAb(withAbSettings(outcome, settings), args.format, {
    toFile: args.out !== undefined,
  });
  await emitReport(output, outcome.report.status, args.out);
  return outcome.report.status === "fail" ? 1 : 0;
}
