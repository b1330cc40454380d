/**
 * `perfgate ab` end to end: resolve base and head, check base (and head, when it is not the
 * working tree) out into temporary worktrees, build each tree once, sample pairs until the
 * verdict is clear (sampler.ts), and remove the worktrees again, even on failure.
 *
 * Both sides are measured with the head's definition of the benchmarks (its config or the
 * --run command), so a PR that changes the config does not compare two different things.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { compare } from "../analyze/compare.js";
import type { Report } from "../analyze/types.js";
import { runCommand } from "../collect/command.js";
import { collect } from "../collect/run.js";
import type { Config, RunConfig } from "../model/config.js";
import { DEFAULT_HISTORY_SIZE, type FailOn } from "../model/defaults.js";
import { type Settings, withSettings } from "../model/settings.js";
import type { Results } from "../model/types.js";
import { InputError } from "../util/errors.js";
import { addWorktree, mergeBase, removeWorktree, repoRoot, resolveCommit } from "./git.js";
import { type Sampling, type SamplingPlan, type Side, sample } from "./sampler.js";
import { samplingLine } from "./summary.js";

export interface AbRequest {
  /** Where perfgate runs: inside the repository. */
  cwd: string;
  /** The ref whose merge base with head is the base side. */
  base: string;
  /** Head ref; absent = the working tree as it is (the usual CI checkout). */
  head?: string;
  /** What to measure: the config (its `run` section) and the folder it was read from. */
  config: Config;
  configDir: string;
  /** Build command for each tree; else the config's run.build. */
  build?: string;
  plan: SamplingPlan;
  failOn?: FailOn;
  /** History runs for the second lens (oldest first); empty for none. */
  history: Results[];
  onProgress?: (line: string) => void;
  now?: () => number;
}

export interface AbOutcome {
  /** The same-runner verdict: this decides the gate. */
  report: Report;
  /** The stored-history verdict on the head's rounds, shown beside it. */
  historyReport?: Report;
  sampling: Sampling;
  baseCommit: string;
  headCommit: string;
}

interface Tree {
  side: Side;
  commit: string;
  path: string;
  temporary: boolean;
}

async function build(tree: Tree, line: string, cwd: string, say: (l: string) => void) {
  say(`build (${tree.side} ${tree.commit.slice(0, 12)}): ${line}`);
  await runCommand(line, { cwd }).catch((error: unknown) => {
    throw error instanceof InputError
      ? new InputError(
          `build failed in the ${tree.side} tree (${tree.commit.slice(0, 12)}): ${error.message}`,
        )
      : error;
  });
}

export async function runAb(request: AbRequest): Promise<AbOutcome> {
  const say = request.onProgress ?? (() => {});
  const now = request.now ?? (() => performance.now());
  const run: RunConfig | undefined = request.config.run;
  if (!run)
    throw new InputError(
      "nothing to measure: give --config with a run section, or --run and --tool",
    );
  const root = await repoRoot(request.cwd);
  const headCommit = await resolveCommit(root, request.head ?? "HEAD", "--head");
  const baseRef = await resolveCommit(root, request.base, "--base");
  const baseCommit = await mergeBase(root, baseRef, headCommit);
  say(
    `base ${baseCommit.slice(0, 12)} (merge base with ${request.base}), head ${headCommit.slice(0, 12)}`,
  );

  // Where the config's paths start, relative to the repository root, found in each tree.
  const inRepo = relative(root, resolve(request.configDir));
  if (inRepo.startsWith(".."))
    throw new InputError(`${request.configDir} is outside the repository ${root}`);
  const temp = await mkdtemp(join(tmpdir(), "perfgate-ab-"));
  const trees: Tree[] = [];
  try {
    trees.push({ side: "base", commit: baseCommit, path: join(temp, "base"), temporary: true });
    trees.push(
      request.head === undefined
        ? { side: "head", commit: headCommit, path: root, temporary: false }
        : { side: "head", commit: headCommit, path: join(temp, "head"), temporary: true },
    );
    for (const tree of trees) if (tree.temporary) await addWorktree(root, tree.path, tree.commit);
    const measure: RunConfig = { ...run };
    delete measure.build; // built once per tree below, not before every round
    const buildLine = request.build ?? run.build;
    const dirOf = (tree: Tree) => join(tree.path, inRepo);
    if (buildLine) {
      for (const tree of trees)
        await build(tree, buildLine, resolve(dirOf(tree), run.cwd ?? "."), say);
    }
    const treeOf = (side: Side) => trees.find((t) => t.side === side) as Tree;
    const sampling = await sample({
      plan: request.plan,
      config: request.config,
      ...(request.failOn ? { failOn: request.failOn } : {}),
      now,
      onLook: (pairs, report) =>
        say(
          `look at ${pairs} pairs: worst ${report.worst}, ${report.counts.inconclusive} inconclusive`,
        ),
      runSide: async (side, pair) => {
        const tree = treeOf(side);
        const results = await collect({
          run: measure,
          baseDir: dirOf(tree),
          rounds: 1,
          ...(request.config.suite ? { suite: request.config.suite } : {}),
          where: `${side} tree`,
          onProgress: (line) => say(`pair ${pair + 1} ${side}: ${line}`),
        });
        return { ...results, commit: tree.commit, ref: side };
      },
    });
    const report = sampling.report;
    report.warnings.unshift(samplingLine(sampling, request.plan.maxTimeMs));
    return withHistoryLens(
      { report, sampling, baseCommit, headCommit },
      request.history,
      request.config,
      request.failOn,
    );
  } finally {
    for (const tree of trees) if (tree.temporary) await removeWorktree(root, tree.path);
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * The second lens: the head's rounds against a stored history (newest `historySize` runs),
 * shown beside the same-runner verdict and named in its warnings; it never decides the gate.
 */
export function withHistoryLens(
  outcome: AbOutcome,
  history: Results[],
  config: Config,
  failOn?: FailOn,
): AbOutcome {
  if (history.length === 0) return outcome;
  const size = config.historySize ?? DEFAULT_HISTORY_SIZE;
  const historyReport = compare({
    baseline: history.slice(-size),
    current: outcome.sampling.head,
    config,
    ...(failOn ? { failOn } : {}),
  });
  const note = `history lens (shown, does not decide the gate): ${historyReport.status}, worst ${historyReport.worst}, over ${historyReport.baseline.runs} stored runs`;
  // A new report: the caller's outcome stays as it was (the Action keeps both).
  const report = { ...outcome.report, warnings: [...outcome.report.warnings, note] };
  return { ...outcome, report, historyReport };
}

/** Both lenses' reports say which settings graded them. */
export function withAbSettings(outcome: AbOutcome, settings: Settings): AbOutcome {
  return {
    ...outcome,
    report: withSettings(outcome.report, settings),
    ...(outcome.historyReport
      ? { historyReport: withSettings(outcome.historyReport, settings) }
      : {}),
  };
}

/** For `--config`: the folder the config's paths start from. */
export function configFolder(file: string): string {
  return dirname(resolve(file));
}
