/**
 * `compare: same-runner` in the Action: on a pull request, run base (the merge base with
 * the PR's base branch) and head interleaved on this runner with `perfgate ab`'s engine,
 * instead of collecting head alone. The stored history, when there is one, is the second
 * lens (run.ts passes it to withHistoryLens); the same-runner verdict decides the gate.
 *
 * Off a pull request there is no base to run, so run.ts keeps the history flow (pushes to
 * the baseline branch still save their run for the history lens of later PRs).
 */
import { dirname, resolve } from "node:path";
import {
  type AbOutcome,
  DEFAULT_LOOKS,
  DEFAULT_MAX_PAIRS,
  DEFAULT_MAX_TIME_MS,
  DEFAULT_MIN_PAIRS,
  firstCommit,
  runAb,
} from "../ab/index.js";
import type { Config } from "../model/config.js";
import { InputError } from "../util/errors.js";
import { Inputs } from "./constants.js";
import type { RunContext } from "./context.js";
import type { ActionSettings } from "./settings.js";

/** What to measure on both sides, from the same settings the history flow reads. */
function measured({ source, settings }: ActionSettings, cwd: string): MeasuredConfig {
  const { config } = settings;
  switch (source.kind) {
    case "config":
      return { config, configDir: dirname(resolve(cwd, source.path)) };
    case "command":
      return {
        config: { ...config, run: { command: source.command, tool: source.tool } },
        configDir: cwd,
      };
    case "builtin":
      return { config: { ...config, run: { throughput: {} } }, configDir: cwd };
    case "results":
      throw new InputError(
        `compare: same-runner runs the benchmarks itself on both sides; give input '${Inputs.Config}' or '${Inputs.Command}' (or neither, for the built-in suite), not '${Inputs.Results}'`,
      );
  }
}

interface MeasuredConfig {
  config: Config;
  configDir: string;
}

export async function runSameRunner(
  resolved: ActionSettings,
  ctx: RunContext,
  cwd: string,
  log: (line: string) => void,
): Promise<AbOutcome> {
  const baseRef = ctx.pullRequest?.baseRef ?? "";
  // origin/<base> after actions/checkout with fetch-depth: 0; <base> in a local clone.
  const base = await firstCommit(cwd, [`origin/${baseRef}`, baseRef], "the pull request's base");
  const { config, configDir } = measured(resolved, cwd);
  return runAb({
    cwd,
    base,
    config,
    configDir,
    plan: {
      minPairs: DEFAULT_MIN_PAIRS,
      maxPairs: DEFAULT_MAX_PAIRS,
      looks: DEFAULT_LOOKS,
      maxTimeMs: DEFAULT_MAX_TIME_MS,
      seed: Number.parseInt(ctx.sha.slice(0, 8), 16) || 1,
    },
    failOn: resolved.settings.values.failOn,
    history: [],
    onProgress: log,
  });
}
