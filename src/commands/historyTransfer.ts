/**
 * `perfgate history export|import`: moves a baseline history between stores (a file, the
 * data branch, the Actions cache, PostgreSQL), and brings in github-action-benchmark's data.js, so a team
 * switches stores or tools without losing runs.
 *
 *   perfgate history export --from postgres --repository o/r --suite s --out history.json
 *   perfgate history import --to branch --suite s history.json
 *   perfgate history import --to postgres --repository o/r gh-pages/dev/bench/data.js
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { CacheStore, runnerCacheOptions } from "../baseline/cacheStore.js";
import { FileStore } from "../baseline/fileStore.js";
import { serializeHistory } from "../baseline/history.js";
import { PostgresStore } from "../baseline/postgresStore.js";
import { DEFAULT_DATA_BRANCH, RunFilesStore } from "../baseline/runFilesStore.js";
import type { BaselineStore } from "../baseline/store.js";
import { looksLikeBenchmarkDataJs, parseBenchmarkDataJs } from "../collect/benchmarkDataJs.js";
import { readResultsFiles } from "../collect/read.js";
import { DEFAULT_HISTORY_SIZE } from "../model/defaults.js";
import { emptyHistory, mergeHistory } from "../model/history.js";
import { HISTORY_SCHEMA, type History } from "../model/types.js";
import { InputError, UsageError } from "../util/errors.js";
import { type Flag, flagHelp } from "./flags.js";

/** history export's and import's flags: parsed by main, listed by TRANSFER_HELP. */
const FLAGS = {
  from: { type: "string", value: "<store>", help: "export: the store to read" },
  to: { type: "string", value: "<store>", help: "import: the store to write" },
  out: {
    type: "string",
    value: "<file>",
    help: "export: write the history there (default: stdout)",
  },
  suite: {
    type: "string",
    value: "<name>",
    help: "the suite (default: the imported file's; needed to export)",
  },
  branch: {
    type: "string",
    value: "<name>",
    help: "the baseline branch the runs belong to (default main)",
  },
  repository: {
    type: "string",
    value: "<o/r>",
    help: "postgres: the repository the runs belong to",
  },
  "database-url": {
    type: "string",
    value: "<url>",
    help: "postgres (default: PERFGATE_DATABASE_URL)",
  },
  "history-size": {
    type: "string",
    value: "<n>",
    help: `runs a branch or file keeps, and runs exported (default ${DEFAULT_HISTORY_SIZE})`,
  },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

export const TRANSFER_HELP = `usage: perfgate history export --from <store> [--out <file>] [options]
       perfgate history import --to <store> <file>… [options]

Stores:
  file:<path>             a history file (written compact)
  branch[:<name>]         the data branch of the git checkout here (default ${DEFAULT_DATA_BRANCH})
  postgres                the database at --database-url or PERFGATE_DATABASE_URL
  cache                   the Actions cache (inside a workflow step that has the cache
                          service's ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN)

Import reads perfgate histories and results, any tool output perfgate parses, and
github-action-benchmark's data.js (one history per suite in it).

Options:
${flagHelp(FLAGS)}`;

interface Options {
  suite?: string;
  branch: string;
  repository?: string;
  databaseUrl?: string;
  historySize: number;
}

function openStore(spec: string, suite: string, o: Options): BaselineStore {
  if (spec.startsWith("file:")) return new FileStore(spec.slice(5));
  if (spec === "branch" || spec.startsWith("branch:")) {
    const branch = spec.slice(7) || DEFAULT_DATA_BRANCH;
    const part = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
    return new RunFilesStore({
      workspace: process.cwd(),
      branch,
      dir: `.perfgate/${part(o.branch)}/${part(suite)}`,
      suite,
      commitMessage: `perfgate: import ${suite} history [skip ci]`,
    });
  }
  if (spec === "cache") {
    // Outside a workflow there is no run id: any new key will do, the newest wins a load.
    const env = process.env;
    const run = {
      runId: env.GITHUB_RUN_ID ?? `local-${Date.now()}`,
      runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    };
    return new CacheStore(runnerCacheOptions(suite, o.branch, run, env));
  }
  if (spec === "postgres") {
    const url = o.databaseUrl ?? process.env.PERFGATE_DATABASE_URL;
    if (!url)
      throw new UsageError("history: postgres needs --database-url or PERFGATE_DATABASE_URL");
    if (!o.repository) throw new UsageError("history: postgres needs --repository <owner/name>");
    return new PostgresStore({
      url,
      repository: o.repository,
      suite,
      branch: o.branch,
      historySize: o.historySize,
    });
  }
  throw new UsageError(
    `history: unknown store '${spec}' (file:<path>, branch[:<name>], cache or postgres)`,
  );
}

/** The histories in the files given: data.js holds one per suite, the rest one between them. */
async function readImports(files: string[], suite: string | undefined): Promise<History[]> {
  const histories: History[] = [];
  const plain: string[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined && looksLikeBenchmarkDataJs(text))
      histories.push(...parseBenchmarkDataJs(text, file));
    else plain.push(file);
  }
  if (plain.length > 0) {
    const runs = await readResultsFiles(plain, suite ? { suite } : {});
    const name = runs[0]?.suite ?? suite ?? "default";
    histories.push({ schema: HISTORY_SCHEMA, suite: name, runs });
  }
  return suite ? histories.filter((h) => h.suite === suite) : histories;
}

export async function main(sub: "import" | "export", argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: FLAGS,
  });
  if (values.help) {
    process.stdout.write(`${TRANSFER_HELP}\n`);
    return 0;
  }
  const historySize = Number(values["history-size"] ?? DEFAULT_HISTORY_SIZE);
  if (!Number.isInteger(historySize) || historySize < 1)
    throw new UsageError(`history ${sub}: --history-size must be a whole number ≥ 1`);
  const o: Options = {
    ...(values.suite ? { suite: values.suite } : {}),
    branch: values.branch ?? "main",
    ...(values.repository ? { repository: values.repository } : {}),
    ...(values["database-url"] ? { databaseUrl: values["database-url"] } : {}),
    historySize,
  };
  if (sub === "export") {
    if (!values.from) throw new UsageError("history export: --from <store> is required");
    const suite = values.suite ?? (values.from.startsWith("file:") ? "file" : undefined);
    if (!suite) throw new UsageError("history export: --suite <name> is required");
    // @actions/cache logs workflow commands (::debug::…) on stdout: they would land in the
    // history.
    if (values.from === "cache" && !values.out)
      throw new UsageError("history export --from cache: --out <file> is required");
    const loaded = await openStore(values.from, suite, o).load();
    if (loaded.kind === "unreadable")
      throw new InputError(`${loaded.cause.problem}`, loaded.source);
    const history = loaded.kind === "found" ? loaded.history : emptyHistory(suite);
    const text = serializeHistory(history);
    if (values.out) await writeFile(values.out, text);
    else process.stdout.write(text);
    process.stderr.write(
      `perfgate: exported ${history.runs.length} run(s) from ${loaded.source}\n`,
    );
    return 0;
  }
  if (!values.to) throw new UsageError("history import: --to <store> is required");
  if (positionals.length === 0) throw new UsageError("history import: name the file(s) to import");
  const imports = await readImports(positionals, values.suite);
  if (imports.length === 0)
    throw new UsageError(`history import: no runs of suite '${values.suite}' in the files`);
  let failed = false;
  for (const imported of imports) {
    const store = openStore(values.to, imported.suite, o);
    const size = Math.max(historySize, imported.runs.length);
    const saved = await store.save((stored) =>
      mergeHistory(stored ?? emptyHistory(imported.suite), imported, size),
    );
    if (saved.saved)
      process.stderr.write(
        `perfgate: imported ${imported.runs.length} run(s) of ${imported.suite} into ${saved.where}\n`,
      );
    else {
      failed = true;
      process.stderr.write(
        `perfgate: history import: ${imported.suite} not saved: ${saved.reason}\n`,
      );
    }
  }
  return failed ? 2 : 0;
}
