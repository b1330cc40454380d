/**
 * The Action, start to end: inputs → results → baseline → compare → publish → save.
 * Every dependency (inputs, environment, GitHub client, baseline store, collector, runner
 * commands, clock) comes in through `deps`, so tests drive it in-process against local
 * servers; src/index.ts calls it with the real ones. The failure policy is in policy.ts.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import { withHistoryLens } from "../ab/session.js";
import type { Report } from "../analyze/types.js";
import { withRun } from "../baseline/history.js";
import type { BaselineStore } from "../baseline/store.js";
import { findFiles } from "../collect/files.js";
import { mergeRounds } from "../collect/merge.js";
import { loadConfigFile } from "../model/configFile.js";
import type { Results } from "../model/types.js";
import { InputError, UsageError } from "../util/errors.js";
import { annotate } from "./annotations.js";
import { type Collector, collectWithCli } from "./collect.js";
import { Outputs, SUMMARY_LIMIT } from "./constants.js";
import { type RunContext, readContext } from "./context.js";
import { defaultEngine, type Engine } from "./engine.js";
import { type ActionInputs, type ReadInput, readInputs } from "./inputs.js";
import { type ClientOptions, createClient, type GitHubClient } from "./octokit.js";
import { failureMessage } from "./policy.js";
import { publishComment } from "./publish.js";
import { runSameRunner } from "./sameRunner.js";
import { baselineWarning, defaultStore } from "./stores.js";
import { coreToolkit, type Toolkit } from "./toolkit.js";

export interface Deps {
  input: ReadInput;
  env: Record<string, string | undefined>;
  engine: Engine;
  client: (options: ClientOptions) => GitHubClient;
  /** The baseline store for this run; default: from the `baseline` input. */
  store: (
    inputs: ActionInputs,
    ctx: RunContext,
    suite: string,
    branch: string,
    client?: GitHubClient,
  ) => BaselineStore;
  collect: Collector;
  kit: Toolkit;
  now: () => number;
}

function defaults(partial: Partial<Deps>): Deps {
  const env = partial.env ?? process.env;
  return {
    input: (name) => core.getInput(name),
    env,
    engine: defaultEngine,
    client: createClient,
    store: (inputs, ctx, suite, branch, client) =>
      defaultStore(inputs, ctx, suite, branch, client, env),
    collect: collectWithCli,
    kit: coreToolkit,
    now: Date.now,
    ...partial,
  };
}

/** The same commit gets the same resampling, so a re-run tells the same story. */
function seedOf(sha: string): number {
  return Number.parseInt(sha.slice(0, 8), 16) || 1;
}

/** This run as one history entry: the rounds of every file merged (matrix jobs included). */
function asOneRun(current: Results[], suite: string, ctx: RunContext, now: number): Results {
  const first = current[0] as Results;
  return {
    ...first,
    suite,
    ...(ctx.sha ? { commit: ctx.sha } : {}),
    ...(ctx.branch ? { ref: `refs/heads/${ctx.branch}` } : {}),
    timestamp: first.timestamp ?? new Date(now).toISOString(),
    benchmarks: mergeRounds(
      current.map((r, i) => ({ source: `results ${i + 1}`, benchmarks: r.benchmarks })),
    ),
  };
}

async function readCurrent(
  inputs: ActionInputs,
  deps: Deps,
  workDir: string,
  cwd: string,
): Promise<Results[]> {
  const { source } = inputs;
  if (source.kind === "results") {
    const files = (await findFiles(source.globs, cwd)).map((f) => f.path).sort();
    return deps.engine.readResults(files, source.tool);
  }
  const files = await deps.collect({
    source,
    ...(inputs.rounds !== undefined ? { rounds: inputs.rounds } : {}),
    ...(inputs.suite ? { suite: inputs.suite } : {}),
    dir: join(workDir, "collect"),
    cwd,
    log: (line) => deps.kit.info(line),
  });
  return deps.engine.readResults(files);
}

async function execute(deps: Deps): Promise<number> {
  const started = deps.now();
  // Where the time went, for the last log line: the Action's own overhead is a budget.
  const spent: [string, number][] = [];
  let mark = started;
  const lap = (phase: string) => {
    const now = deps.now();
    spent.push([phase, now - mark]);
    mark = now;
  };
  const inputs = readInputs(deps.input);
  if (inputs.token) deps.kit.setSecret(inputs.token);
  const ctx = readContext(deps.env, inputs.mode, inputs.eventPath);
  const cwd = deps.env.GITHUB_WORKSPACE ?? process.cwd();
  const workDir = join(
    deps.env.RUNNER_TEMP ?? tmpdir(),
    `perfgate-${ctx.runId}-${ctx.runAttempt}-${process.pid}`,
  );
  await mkdir(workDir, { recursive: true });

  // compare: same-runner on a pull request: base and head interleaved here (sameRunner.ts).
  const ab =
    inputs.compare === "same-runner" && inputs.mode === "run" && ctx.pullRequest
      ? await runSameRunner(inputs, ctx, cwd, (line) => deps.kit.info(line))
      : undefined;
  if (inputs.compare === "same-runner" && !ab)
    deps.kit.info(
      "compare: same-runner needs a pull request to run base beside head; comparing with the stored history.",
    );
  const current = ab ? ab.sampling.head : await readCurrent(inputs, deps, workDir, cwd);
  if (current.length === 0) throw new InputError("the results hold no runs");
  const suite = inputs.suite || (current[0] as Results).suite;
  // Matrix jobs may bring files of different suites: this report is `suite`'s.
  const currentRuns = current.map((r) => (r.suite === suite ? r : { ...r, suite }));

  const baselineBranch = inputs.baselineBranch || ctx.defaultBranch;
  const saving = inputs.mode === "run" && ctx.eventName === "push" && ctx.branch === baselineBranch;
  const loadBranch = ctx.pullRequest?.baseRef || baselineBranch;
  const client = inputs.token
    ? deps.client({ token: inputs.token, baseUrl: ctx.apiUrl, log: (m) => deps.kit.info(m) })
    : undefined;
  const store = deps.store(inputs, ctx, suite, loadBranch, client);

  lap("results");
  const load = await store.load();
  lap("baseline");
  const loadWarning = baselineWarning(load);
  if (loadWarning) deps.kit.warning(loadWarning);
  // The window is history-size even before a save has trimmed a longer stored history.
  const baseline = load.kind === "found" ? load.history.runs.slice(-inputs.historySize) : [];
  deps.kit.info(`Baseline: ${baseline.length} run(s) from ${load.source}.`);

  // A config's rules and thresholds grade this run too; the inputs still set fail-on.
  const config =
    inputs.source.kind === "config"
      ? await loadConfigFile(resolve(cwd, inputs.source.path))
      : undefined;
  const compared = ab
    ? withHistoryLens(ab, baseline, config ?? {}, inputs.failOn).report
    : deps.engine.compare({
        baseline,
        current: currentRuns,
        failOn: inputs.failOn,
        ...(config ? { config } : {}),
        seed: seedOf(ctx.sha),
      });
  const report: Report = loadWarning
    ? { ...compared, warnings: [loadWarning, ...compared.warnings] }
    : compared;

  const reportJson = join(workDir, "report.json");
  const reportMarkdown = join(workDir, "report.md");
  lap("compare");
  const published = await publishComment(report, inputs.comment, ctx, client, deps);

  const summary = deps.engine.markdown(report, { target: "summary", limit: SUMMARY_LIMIT });
  await writeFile(reportJson, deps.engine.json(report));
  await writeFile(reportMarkdown, summary);
  try {
    await deps.kit.writeSummary(
      published.note ? `${summary}\n\n> [!WARNING]\n> ${published.note}\n` : summary,
    );
  } catch (error) {
    deps.kit.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
  annotate(report, deps.kit);

  lap("publish");
  if (saving) {
    const run = asOneRun(currentRuns, suite, ctx, deps.now());
    const saved = await store.save((stored) => withRun(stored, run, inputs.historySize));
    if (saved.saved) deps.kit.info(`Saved the baseline to ${saved.where}.`);
    else deps.kit.warning(`The baseline was not saved: ${saved.reason}`);
  } else {
    deps.kit.info(
      `Not saving a baseline: only pushes to '${baselineBranch}' do (this is ${ctx.eventName || "not a push"}${ctx.branch ? ` on '${ctx.branch}'` : ""}).`,
    );
  }

  const k = deps.kit;
  k.setOutput(Outputs.Status, report.status);
  k.setOutput(Outputs.WorstSeverity, report.worst);
  k.setOutput(Outputs.Regressions, String(report.counts.regression));
  k.setOutput(Outputs.Improvements, String(report.counts.improvement));
  k.setOutput(Outputs.ReportJson, reportJson);
  k.setOutput(Outputs.ReportMarkdown, reportMarkdown);
  k.setOutput(Outputs.CommentUrl, published.commentUrl);
  lap("save");
  const phases = spent.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(", ");
  k.info(
    `perfgate finished in ${((deps.now() - started) / 1000).toFixed(1)} s (${phases}): ${report.status}.`,
  );

  if (report.status === "fail") {
    k.setFailed(failureMessage(report));
    return 1;
  }
  return 0;
}

/** Runs the Action; returns the exit code (never throws, never exits the process). */
export async function run(partial: Partial<Deps> = {}): Promise<number> {
  const deps = defaults(partial);
  try {
    return await execute(deps);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      deps.kit.setFailed(`perfgate: ${error.message}`);
    } else {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      deps.kit.setFailed(`perfgate: internal error: ${message}`);
    }
    return 1;
  }
}
