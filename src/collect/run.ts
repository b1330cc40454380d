/**
 * `perfgate run`'s collection: from the config's `run` section to one results file. Exactly
 * one source: the built-in throughput suite, tinybench files, a command, or files a tool
 * wrote. Paths and the command's working directory are relative to the config file.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RunConfig } from "../model/config.js";
import { DEFAULT_ROUNDS } from "../model/defaults.js";
import { type Benchmark, RESULTS_SCHEMA, type Results } from "../model/types.js";
import { validateResults } from "../model/validate.js";
import { InputError } from "../util/errors.js";
import { collectCommand, runCommand } from "./command.js";
import { currentEnvironment } from "./environment.js";
import { findFiles, parseFiles } from "./files.js";
import { startRoundClock } from "./roundClock.js";
import {
  runThroughputSuite,
  SUITE as THROUGHPUT_SUITE,
  type ThroughputOptions,
} from "./throughput/index.js";
import { parseScenarios, parseWriteSize, SCENARIOS } from "./throughput/plan.js";
import { parseConnections } from "./throughput/scalingPlan.js";
import { collectTinybench } from "./tinybench/collect.js";

export const SOURCES = ["throughput", "tinybench", "command", "files"] as const;
export type SourceName = (typeof SOURCES)[number];

/** The one source the `run` section names, or an InputError that says what is wrong. */
export function chooseSource(run: RunConfig | undefined, where = ".perfgate.yml"): SourceName {
  const named = SOURCES.filter((s) => run?.[s] !== undefined);
  if (named.length === 0) {
    throw new InputError(
      "run: says nothing to collect; give one of throughput, tinybench, command or files",
      where,
    );
  }
  if (named.length > 1) {
    throw new InputError(
      `run: names ${named.join(" and ")}; a run collects from exactly one source ` +
        "(split them into separate configs or suites)",
      where,
    );
  }
  const source = named[0] as SourceName;
  if ((source === "command" || source === "files") && !run?.tool) {
    throw new InputError(
      `run: ${source} needs a tool (a format name such as go or hyperfine, or auto)`,
      where,
    );
  }
  if (run?.tool && (source === "throughput" || source === "tinybench")) {
    throw new InputError(`run: tool applies to command or files, not to ${source}`, where);
  }
  return source;
}

/** The options of the throughput suite a config may set, with their types. */
const THROUGHPUT_KEYS: Record<string, "boolean" | "string" | "number"> = {
  quick: "boolean",
  target: "string",
  pin: "boolean",
  rounds: "number",
  /** The connection-scaling scenario instead (with `connections`: a list of N). */
  scaling: "boolean",
};

export function throughputOptions(raw: Record<string, unknown>, where: string): ThroughputOptions {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === "connections") {
      const list = Array.isArray(value) ? parseConnections(value.join(",")) : undefined;
      if (!list)
        throw new InputError(
          "run.throughput.connections must be a list of whole numbers ≥ 1, e.g. [10, 100, 500, 1000]",
          where,
        );
      options.connections = list;
      continue;
    }
    if (key === "write-size") {
      const bytes =
        typeof value === "number" || typeof value === "string"
          ? parseWriteSize(String(value))
          : undefined;
      if (bytes === undefined)
        throw new InputError(
          "run.throughput.write-size must be a size from 1KiB to 64MiB, e.g. 4096, 64KiB or 1MiB",
          where,
        );
      options.writeSize = bytes;
      continue;
    }
    if (key === "only") {
      const list = Array.isArray(value) ? parseScenarios(value.join(",")) : undefined;
      if (!list)
        throw new InputError(
          `run.throughput.only must be a list of scenarios from ${SCENARIOS.join(", ")}`,
          where,
        );
      options.only = list;
      continue;
    }
    const type = THROUGHPUT_KEYS[key];
    if (!type) {
      throw new InputError(
        `run.throughput.${key} is not an option (known: ${Object.keys(THROUGHPUT_KEYS).join(", ")}, connections, write-size, only)`,
        where,
      );
    }
    if (typeof value !== type) {
      throw new InputError(`run.throughput.${key} must be a ${type}`, where);
    }
    options[key] = value;
  }
  if (options.scaling && (options.writeSize !== undefined || options.only !== undefined))
    throw new InputError("run.throughput.write-size and only do not apply to scaling", where);
  return options as ThroughputOptions;
}

/**
 * On a pull_request run GITHUB_SHA is a merge commit GitHub made for the run; the pull
 * request, its checks and a later workflow_run all name the head commit instead, so that is
 * what results record (mode report compares the two). Undefined elsewhere or when unreadable.
 */
function pullRequestHead(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_EVENT_NAME !== "pull_request" || !env.GITHUB_EVENT_PATH) return undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as {
      pull_request?: { head?: { sha?: unknown } };
    };
    const sha = event.pull_request?.head?.sha;
    return typeof sha === "string" && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined; // the merge commit below is still a commit
  }
}

/** The commit and ref being measured: from Actions' variables, else from git, else unknown. */
export function gitIdentity(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { commit?: string; ref?: string } {
  const git = (...args: string[]) => {
    try {
      return execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "ignore"], timeout: 5000 })
        .toString()
        .trim();
    } catch {
      return undefined; // not a git checkout, or no git: results are still useful without it
    }
  };
  const commit = pullRequestHead(env) || env.GITHUB_SHA || git("rev-parse", "HEAD");
  const ref = env.GITHUB_REF || git("symbolic-ref", "-q", "HEAD");
  return { ...(commit ? { commit } : {}), ...(ref ? { ref } : {}) };
}

export interface CollectRequest {
  run: RunConfig;
  /** Folder of the config file: `cwd`, globs and files are relative to it. */
  baseDir: string;
  /** Rounds (flag, then config, then DEFAULT_ROUNDS). */
  rounds?: number;
  /** Suite name; default the source's own (real-throughput, tinybench, the tool name). */
  suite?: string;
  /** Where the config came from, for messages. */
  where?: string;
  /** One line per step, for people watching. */
  onProgress?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

function assemble(
  suite: string,
  benchmarks: Benchmark[],
  identity: { commit?: string; ref?: string },
  notes: string[],
): Results {
  return {
    schema: RESULTS_SCHEMA,
    suite,
    ...identity,
    timestamp: new Date().toISOString(),
    environment: currentEnvironment(),
    benchmarks,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** Collects as the config says and returns schema-valid results. */
export async function collect(request: CollectRequest): Promise<Results> {
  const { run } = request;
  const where = request.where ?? ".perfgate.yml";
  const source = chooseSource(run, where);
  const cwd = resolve(request.baseDir, run.cwd ?? ".");
  const rounds = request.rounds ?? DEFAULT_ROUNDS;
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new InputError(`rounds must be a whole number of at least 1, not ${rounds}`, where);
  }
  const say = request.onProgress ?? (() => {});
  const clock = startRoundClock();
  if (run.build) {
    say(`build: ${run.build}`);
    const buildStart = performance.now();
    await runCommand(run.build, { cwd }).catch((error: unknown) => {
      throw error instanceof InputError
        ? new InputError(`run.build failed: ${error.message}`, where)
        : error;
    });
    clock.built((performance.now() - buildStart) / 1000);
  }
  const identity = gitIdentity(cwd, request.env);

  let results: Results;
  switch (source) {
    case "throughput": {
      const options = throughputOptions(run.throughput ?? {}, where);
      results = await runThroughputSuite({
        ...options,
        rounds: request.rounds ?? options.rounds,
        ...identity,
        onProgress: (e) => {
          if (e.kind !== "round-start") return;
          clock.roundStarts(e.round);
          say(`throughput: round ${e.round}/${e.rounds}`);
        },
      });
      if (request.suite) results = { ...results, suite: request.suite };
      break;
    }
    case "tinybench": {
      const files = (await findFiles(run.tinybench ?? [], cwd)).map((f) => f.path);
      const benchmarks = await collectTinybench({
        files,
        rounds,
        cwd,
        onRound: (file, round, total) => {
          clock.roundStarts(round);
          say(`tinybench: round ${round}/${total} ${file}`);
        },
      });
      results = assemble(request.suite ?? "tinybench", benchmarks, identity, []);
      break;
    }
    case "command": {
      const command = run.command as string;
      const tool = run.tool as string;
      const benchmarks = await collectCommand({
        command,
        tool,
        rounds,
        cwd,
        onRound: (round, total) => {
          clock.roundStarts(round);
          say(`command: round ${round}/${total} ${command}`);
        },
      });
      results = assemble(
        request.suite ?? (tool === "auto" ? "benchmarks" : tool),
        benchmarks,
        identity,
        [],
      );
      break;
    }
    case "files": {
      const tool = run.tool as string;
      const parsed = await parseFiles(run.files ?? [], tool, cwd);
      const notes = [
        ...(parsed.skipped.length
          ? [
              `skipped ${parsed.skipped.length} file(s) not in the format: ${parsed.skipped.join(", ")}`,
            ]
          : []),
        ...parsed.warnings,
      ];
      const suite = request.suite ?? (tool === "auto" ? (parsed.tools[0] ?? "benchmarks") : tool);
      results = assemble(suite, parsed.benchmarks, identity, notes);
      break;
    }
  }
  // Files a tool already wrote cost nothing to collect here: no times to report.
  if (source !== "files") results = { ...results, collection: clock.stop() };
  return validateResults(results, `results of ${source}`);
}

export { THROUGHPUT_SUITE };
