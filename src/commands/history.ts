/**
 * `perfgate history <subcommand>`: what a stored baseline history shows over time.
 *
 *   perfgate history changes --history history.json [--format json|markdown|text]
 *
 * Exit 0 whether or not changes were found (finding none is an answer, not a failure);
 * 2 for bad usage or input (one line, from cli.ts).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { changeOptionsFor, historyChanges } from "../analyze/historyChanges.js";
import { readResults } from "../collect/read.js";
import { loadConfigFile } from "../model/configFile.js";
import {
  type ChangesDocument,
  renderChangesJson,
  renderChangesMarkdown,
  renderChangesText,
} from "../report/changes.js";
import { InputError, UsageError } from "../util/errors.js";
import { ACCEPT_PULL_FLAGS, acceptEntriesFor } from "./acceptPulls.js";
import { type Flag, flagHelp } from "./flags.js";
import { optionsError } from "./options.js";
import { FORMATS, type Format } from "./reportOutput.js";

const DEFAULT_CONFIG = ".perfgate.yml";

/** history changes' flags: parsed by parseWith, listed by HELP. */
const FLAGS = {
  history: {
    type: "string",
    value: "<file>",
    help: "a perfgate history (or results files' runs, oldest first)",
  },
  format: { type: "string", value: "<f>", help: "text (default), markdown or json" },
  config: {
    type: "string",
    value: "<file>",
    help: `.perfgate.yml for thresholds and accept: (default ./${DEFAULT_CONFIG} if present)`,
  },
  ...ACCEPT_PULL_FLAGS,
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

export const HELP = `usage: perfgate history changes --history <file> [--format text|markdown|json] [options]

Finds the change points in each benchmark/metric series of a baseline history (one value
per run, the median of its rounds, in run order): where the level moved and stayed moved
for at least 3 runs. Each is named by the first commit at the new level, with the level
before and after, the change (after / before − 1) and its grade on the usual scale. A
single outlier run is not a change; steps under the 5 % tolerance are not listed.
The method: docs/changepoints.md.

${flagHelp(FLAGS)}

Exit status: 0 (with or without changes), 2 bad usage or input.

perfgate history export|import moves a history between a file, the data branch and
PostgreSQL, and imports github-action-benchmark's data.js (perfgate history import --help).`;

export async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === "--help" || sub === "-h") {
    process.stdout.write(`${HELP}\n`);
    return sub ? 0 : 2;
  }
  if (sub === "import" || sub === "export")
    return (await import("./historyTransfer.js")).main(sub, rest);
  if (sub !== "changes")
    throw new UsageError(`history: unknown subcommand '${sub}'; try 'perfgate history --help'`);
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(rest);
  } catch (error) {
    throw optionsError(error, "history", "history changes: ");
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const format = (v.format ?? "text") as Format;
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `history changes: --format must be one of ${FORMATS.join(", ")}, not '${format}'`,
    );
  if (!v.history) throw new UsageError("history changes: --history <file> is required");

  const configFile = v.config ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  const config = configFile ? await loadConfigFile(configFile) : undefined;
  const runs = await readResults(v.history);
  const suite = runs[0]?.suite;
  if (suite === undefined) throw new InputError("the history holds no runs", v.history);
  // Entries naming a pull request mark the step at the commit it landed as, as in the Action.
  const accept = await acceptEntriesFor(config, configFile, {
    token: v.token,
    repo: v.repo,
    env: process.env,
    warn: (line) => process.stderr.write(`perfgate: ${line}\n`),
  });
  const doc: ChangesDocument = {
    suite,
    runs: runs.length,
    changes: historyChanges(runs, changeOptionsFor(config, accept)),
  };
  const text =
    format === "json"
      ? renderChangesJson(doc)
      : format === "markdown"
        ? renderChangesMarkdown(doc)
        : renderChangesText(doc);
  process.stdout.write(text);
  return 0;
}

function parseWith(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: FLAGS,
  });
}
