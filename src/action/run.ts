/**
 * The Action, start to end, in seven phases a reader can find below: settings → trust →
 * collect → baseline → compare → publish → save (`execute` calls them in that order).
 * Infrastructure trouble never fails the job nor hangs it: every network call has a
 * deadline, the report (summary, annotations, outputs) is written before any call that can
 * stall, and the comment and the save share one budget (input publish-timeout).
 * Every dependency (inputs, environment, GitHub client, baseline store, collector, runner
 * commands, clock) comes in through `deps`, so tests drive it in-process against local
 * servers; src/index.ts calls it with the real ones. The failure policy is in policy.ts.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { type AbOutcome, withHistoryLens } from "../ab/index.js";
import { applyAcceptance } from "../analyze/accept.js";
import { stepAwareBaseline } from "../analyze/baselineSince.js";
import { confirmed, needsConfirmation, notConfirmed } from "../analyze/confirm.js";
import { changeOptionsFor } from "../analyze/historyChanges.js";
import type { Report } from "../analyze/types.js";
import { withPullCommits } from "../baseline/acceptPulls.js";
import { withRun } from "../baseline/history.js";
import { type BaselineStore, type LoadResult, maySaveOver } from "../baseline/store.js";
import { findFiles } from "../collect/files.js";
import { mergeRounds, withMoreRounds } from "../collect/merge.js";
import { withSettings } from "../model/settings.js";
import type { Results } from "../model/types.js";
import { warningBlock } from "../report/escape.js";
import { collectionText } from "../report/headline.js";
import { SUMMARY_LIMIT } from "../report/index.js";
import { DeadlineError, formatSeconds, withDeadline } from "../util/deadline.js";
import { InputError, UsageError } from "../util/errors.js";
import { type ClientOptions, createClient, type GitHubClient } from "../util/octokit.js";
import { annotate } from "./annotations.js";
import { checkArtifactFile } from "./artifact.js";
import { publishCheckRun } from "./checkRun.js";
import { type Collector, collectWithCli } from "./collect.js";
import { Inputs, Outputs } from "./constants.js";
import { type RunContext, readContext } from "./context.js";
import { type ArtifactUpload, publishDashboard, uploadWithActionsArtifact } from "./dashboard.js";
import { defaultEngine, type Engine } from "./engine.js";
import { type ActionInputs, type ReadInput, readInputs } from "./inputs.js";
import { failureMessage } from "./policy.js";
import { publishComment } from "./publish.js";
import { reportPushChanges } from "./pushChanges.js";
import { runSameRunner } from "./sameRunner.js";
import { type ActionSettings, resolveActionSettings } from "./settings.js";
import {
  baselineWarning,
  defaultStore,
  maskDatabaseUrl,
  notSavingWarning,
  type StoreInputs,
} from "./stores.js";
import { coreToolkit, type Toolkit } from "./toolkit.js";
import { builtCommit, commitMismatches, refuseUntrustedRun, reportTarget } from "./trust.js";

export interface Deps {
  input: ReadInput;
  env: Record<string, string | undefined>;
  engine: Engine;
  client: (options: ClientOptions) => GitHubClient;
  /** The baseline store for this run; default: from the `baseline` input. */
  store: (
    inputs: StoreInputs,
    ctx: RunContext,
    suite: string,
    branch: string,
    client?: GitHubClient,
  ) => BaselineStore;
  collect: Collector;
  kit: Toolkit;
  now: () => number;
  /** Uploads the dashboard as an artifact; default: @actions/artifact. */
  uploadArtifact: ArtifactUpload;
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
    uploadArtifact: uploadWithActionsArtifact,
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
  { source, settings }: ActionSettings,
  mode: ActionInputs["mode"],
  deps: Deps,
  workDir: string,
  cwd: string,
): Promise<Results[]> {
  const { rounds, suite } = settings.values;
  if (source.kind === "results") {
    const files = (await findFiles(source.globs, cwd)).map((f) => f.path).sort();
    // mode report reads an artifact another workflow (maybe a fork's) uploaded: trust.ts.
    if (mode === "report") {
      const roots = [cwd, ...(deps.env.RUNNER_TEMP ? [deps.env.RUNNER_TEMP] : [])];
      for (const file of files) await checkArtifactFile(file, roots);
    }
    return deps.engine.readResults(files, source.tool, suite);
  }
  const files = await deps.collect({
    source,
    ...(rounds !== undefined ? { rounds } : {}),
    ...(suite ? { suite } : {}),
    dir: join(workDir, "collect"),
    cwd,
    log: (line) => deps.kit.info(line),
  });
  const collected = await deps.engine.readResults(files);
  // What the rounds cost, said where the user watches (issue 21 §8): a command runs once a round.
  const cost = collected[0]?.collection;
  if (cost) deps.kit.info(`perfgate: ${collectionText(cost)}`);
  return collected;
}

/** Where the time went, for the last log line: the Action's own overhead is a budget. */
function stopwatch(now: () => number) {
  const started = now();
  const spent: [string, number][] = [];
  let mark = started;
  return {
    lap(phase: string): void {
      const t = now();
      spent.push([phase, t - mark]);
      mark = t;
    },
    summary(): string {
      const phases = spent.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(", ");
      return `${((now() - started) / 1000).toFixed(1)} s (${phases})`;
    },
  };
}

/** Phase 1 — settings: the inputs, the event, the resolved settings (built-in default <
 *  .perfgate.yml < input, model/settings.ts) and a private working directory. */
interface Settings {
  inputs: ActionInputs;
  /** fail-on, history-size, rounds, suite and the config, each with its source; what to run. */
  resolved: ActionSettings;
  ctx: RunContext;
  /** The checked-out repository. */
  cwd: string;
  /** Where this run writes its collected files and reports. */
  workDir: string;
  /** Why this run writes to no pull request although it might have (phase 2, trust). */
  refusal?: string;
}

async function readSettings(deps: Deps): Promise<Settings> {
  const inputs = readInputs(deps.input);
  if (inputs.token) deps.kit.setSecret(inputs.token);
  if (inputs.databaseUrl) maskDatabaseUrl(inputs.databaseUrl, deps.kit);
  const ctx = readContext(deps.env, inputs.mode, inputs.eventPath);
  refuseUntrustedRun(ctx.eventName, inputs);
  const cwd = deps.env.GITHUB_WORKSPACE ?? process.cwd();
  const workDir = join(
    deps.env.RUNNER_TEMP ?? tmpdir(),
    `perfgate-${ctx.runId}-${ctx.runAttempt}-${process.pid}`,
  );
  await mkdir(workDir, { recursive: true });
  const resolved = await resolveActionSettings(inputs, cwd);
  return { inputs, resolved, ctx, cwd, workDir };
}

/**
 * The network's clock: every API request stops retrying at `stopAt`, and `abort` ends the
 * ones in flight when the publish budget runs out.
 */
interface NetworkBudget {
  stopAt: number;
  abort: AbortController;
}

/** The API client, when there is a token. */
function openClient(s: Settings, budget: NetworkBudget, deps: Deps): GitHubClient | undefined {
  const { inputs, ctx } = s;
  return inputs.token
    ? deps.client({
        token: inputs.token,
        baseUrl: ctx.apiUrl,
        attemptMs: inputs.networkTimeoutMs,
        stopAt: () => budget.stopAt,
        signal: budget.abort.signal,
        now: deps.now,
        log: (m) => deps.kit.info(m),
      })
    : undefined;
}

/**
 * Phase 2 — trust (mode report): the pull request this run may write to, decided from
 * what GitHub delivered, never from the uploaded event alone (trust.ts).
 */
async function confirmPullRequest(
  s: Settings,
  client: GitHubClient | undefined,
  deps: Deps,
): Promise<Settings> {
  if (s.inputs.mode !== "report") return s;
  const target = await reportTarget(s.ctx, client);
  if (target.kind === "pr") {
    deps.kit.info(
      `Reporting on pull request #${target.pullRequest.number} (confirmed from the event GitHub delivered).`,
    );
    return { ...s, ctx: { ...s.ctx, pullRequest: target.pullRequest } };
  }
  const { pullRequest: _dropped, ...ctx } = s.ctx;
  const reason = `No pull request comment: ${target.reason}.`;
  if (!target.warn) {
    deps.kit.info(reason);
    return { ...s, ctx };
  }
  deps.kit.warning(reason);
  return { ...s, ctx, refusal: reason };
}

/** Phase 3 — collect: this commit's runs, measured here or read from files. */
interface Collected {
  /** Set in same-runner mode on a pull request: base and head measured side by side. */
  ab?: AbOutcome;
  suite: string;
  /** Every run relabelled to `suite`. */
  runs: Results[];
}

async function collectCurrent(s: Settings, deps: Deps): Promise<Collected> {
  const { inputs, resolved, ctx, cwd } = s;
  // compare: same-runner on a pull request: base and head interleaved here (sameRunner.ts).
  const ab =
    inputs.compare === "same-runner" && inputs.mode === "run" && ctx.pullRequest
      ? await runSameRunner(resolved, ctx, cwd, (line) => deps.kit.info(line))
      : undefined;
  if (inputs.compare === "same-runner" && !ab)
    deps.kit.info(
      "compare: same-runner needs a pull request to run base beside head; comparing with the stored history.",
    );
  const current = ab
    ? ab.sampling.head
    : await readCurrent(resolved, inputs.mode, deps, s.workDir, cwd);
  if (current.length === 0) throw new InputError("the results hold no runs");
  const suite = resolved.settings.values.suite || (current[0] as Results).suite;
  // Matrix jobs may bring files of different suites: this report is `suite`'s.
  const runs = current.map((r) => (r.suite === suite ? r : { ...r, suite }));
  return { ...(ab ? { ab } : {}), suite, runs };
}

/** Phase 4 — baseline: the store for this branch and the recent runs it holds. */
interface Baseline {
  store: BaselineStore;
  client: GitHubClient | undefined;
  /** The branch whose pushes write the baseline. */
  branch: string;
  /** The last history-size runs, oldest first; empty when nothing was found. */
  runs: Results[];
  /** Why the baseline could not be read, when it could not. */
  warning: string | undefined;
  /** What the store answered: only `found` or `none` may be written over. */
  load: LoadResult;
}

function openStore(
  s: Settings,
  suite: string,
  client: GitHubClient | undefined,
  deps: Deps,
): Omit<Baseline, "runs" | "warning" | "load"> {
  const { inputs, ctx } = s;
  const branch = inputs.baselineBranch || ctx.defaultBranch;
  const loadBranch = ctx.pullRequest?.baseRef || branch;
  // The store keeps the resolved history-size (input, else .perfgate.yml, else default).
  const storeInputs = { ...inputs, historySize: s.resolved.settings.values.historySize };
  return { store: deps.store(storeInputs, ctx, suite, loadBranch, client), client, branch };
}

/**
 * A store's own calls have deadlines; this one is the backstop for the load as a whole
 * (a git fetch, then an API read with its retries): twice the per-call deadline, and a
 * store that has not answered by then is reported as unreadable, never as empty.
 */
const LOAD_BUDGET_CALLS = 2;

async function loadBaseline(
  s: Settings,
  opened: Omit<Baseline, "runs" | "warning" | "load">,
  budget: NetworkBudget,
  deps: Deps,
): Promise<Baseline> {
  const ms = LOAD_BUDGET_CALLS * s.inputs.networkTimeoutMs;
  budget.stopAt = deps.now() + ms;
  let load: LoadResult;
  try {
    load = await withDeadline(opened.store.load(), ms, `reading ${opened.store.description}`);
  } catch (error) {
    const problem = error instanceof DeadlineError ? error.message : (error as Error).message;
    load = {
      kind: "unreadable",
      source: opened.store.description,
      cause: { what: "unreachable", problem },
    };
  }
  const warning = baselineWarning(load);
  if (warning) deps.kit.warning(warning);
  // The window is history-size even before a save has trimmed a longer stored history.
  const runs =
    load.kind === "found" ? load.history.runs.slice(-s.resolved.settings.values.historySize) : [];
  deps.kit.info(`Baseline: ${runs.length} run(s) from ${load.source}.`);
  return { ...opened, load, runs, warning };
}

/** Phase 5 — compare: grade this run against the baseline (or against base, same-runner). */
async function compare(
  s: Settings,
  current: Collected,
  baseline: Baseline,
  deps: Deps,
): Promise<Report> {
  const { inputs, ctx } = s;
  const { settings } = s.resolved;
  const { failOn } = settings.values;
  // The config's rules and thresholds grade this run too; its history-size is the resolved
  // one, so the history lens takes the same window as the baseline phase did.
  const { config } = settings;
  // History mode: each metric's baseline starts at its newest step (docs/changepoints.md).
  const since = current.ab
    ? { runs: baseline.runs, notes: [] }
    : stepAwareBaseline(baseline.runs, changeOptionsFor(config));
  const compared = withSettings(
    current.ab
      ? withHistoryLens(current.ab, baseline.runs, config, failOn).report
      : deps.engine.compare({
          baseline: since.runs,
          current: current.runs,
          failOn,
          config,
          seed: seedOf(ctx.sha),
        }),
    settings,
  );
  // mode report: the commit is the one GitHub says was built; results naming another are
  // flagged, and the report names GitHub's.
  const built = builtCommit(ctx);
  const mismatches = built
    ? commitMismatches(
        current.runs.map((r) => r.commit),
        built,
      )
    : [];
  for (const m of mismatches) deps.kit.warning(m);
  const first = [
    ...(s.refusal ? [s.refusal] : []),
    ...(baseline.warning ? [baseline.warning] : []),
    ...mismatches,
    ...since.notes,
  ];
  const graded = built
    ? { ...compared, current: { ...compared.current, commit: built } }
    : compared;
  const label = ctx.pullRequest?.labels.includes(inputs.acceptLabel)
    ? inputs.acceptLabel
    : undefined;
  const accepted = applyAcceptance(graded, {
    ...(label ? { label } : {}),
    entries: config?.accept ?? [],
    commit: built ?? current.runs[0]?.commit ?? ctx.sha,
    ...(ctx.pullRequest ? { pr: ctx.pullRequest.number } : {}),
  });
  return first.length > 0 ? { ...accepted, warnings: [...first, ...accepted.warnings] } : accepted;
}

/** Phase 6 — publish: report files, job summary, annotations and outputs, then the comment. */
interface Publication {
  reportJson: string;
  reportMarkdown: string;
}

/** A warning block appended to the job summary (it is written before the network calls). */
async function addToSummary(note: string, deps: Deps): Promise<void> {
  try {
    await deps.kit.writeSummary(`\n${warningBlock(note)}\n`);
  } catch {
    // The summary could not be written at all: the first write already warned.
  }
}

/**
 * What reaches the user no matter what the network does: written before any call that can
 * stall. `notSaving` is the reason a push will not save, known already.
 */
async function report(
  rep: Report,
  s: Settings,
  notSaving: string | undefined,
  deps: Deps,
): Promise<Publication> {
  const reportJson = join(s.workDir, "report.json");
  const reportMarkdown = join(s.workDir, "report.md");
  const summary = deps.engine.markdown(rep, { target: "summary", limit: SUMMARY_LIMIT });
  await writeFile(
    reportJson,
    s.inputs.reportJsonFormat === "compact" ? deps.engine.compactJson(rep) : deps.engine.json(rep),
  );
  await writeFile(reportMarkdown, summary);
  try {
    await deps.kit.writeSummary(notSaving ? `${summary}\n\n${warningBlock(notSaving)}\n` : summary);
  } catch (error) {
    deps.kit.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
  // A workflow_run job's annotations land on the default branch's commit, not the pull
  // request's head: there they would mark the wrong commit, so mode report on workflow_run
  // leaves them out (the comment and the summary carry the findings).
  if (s.ctx.report?.delivered)
    deps.kit.info(
      "No annotations: this workflow_run job's would mark the default branch's commit, not the pull request's.",
    );
  else annotate(rep, deps.kit);
  const kit = deps.kit;
  kit.setOutput(Outputs.Status, rep.status);
  kit.setOutput(Outputs.WorstSeverity, rep.worst);
  kit.setOutput(Outputs.Regressions, String(rep.counts.regression));
  kit.setOutput(Outputs.Improvements, String(rep.counts.improvement));
  kit.setOutput(Outputs.ReportJson, reportJson);
  kit.setOutput(Outputs.ReportMarkdown, reportMarkdown);
  return { reportJson, reportMarkdown };
}

/** Runs a network step within what is left of the publish budget; undefined when it ran out. */
async function withinBudget<T>(
  what: string,
  work: () => Promise<T>,
  budget: NetworkBudget,
  s: Settings,
  deps: Deps,
): Promise<T | undefined> {
  const left = budget.stopAt - deps.now();
  const note = `${what}: the publish budget of ${formatSeconds(s.inputs.publishTimeoutMs)} (input '${Inputs.PublishTimeout}') ran out. The report is in the job summary.`;
  if (left <= 0) {
    deps.kit.warning(note);
    await addToSummary(note, deps);
    return undefined;
  }
  try {
    return await withDeadline(work(), left, what);
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    // Whatever is still in flight is given up on.
    budget.abort.abort(error);
    deps.kit.warning(note);
    await addToSummary(note, deps);
    return undefined;
  }
}

async function comment(
  rep: Report,
  s: Settings,
  client: GitHubClient | undefined,
  budget: NetworkBudget,
  deps: Deps,
  footer = "",
): Promise<string> {
  const published = await withinBudget(
    "No PR comment",
    () => publishComment(rep, s.inputs.comment, s.ctx, client, deps, footer),
    budget,
    s,
    deps,
  );
  if (published?.note) await addToSummary(published.note, deps);
  return published?.commentUrl ?? "";
}

/**
 * Phase 6b — the dashboard (input `dashboard`), before the comment so that the comment can
 * link to it. Returns the link line for the comment ("" when nothing was published); the
 * summary gets it at once. A site that cannot be published is a warning (action/dashboard.ts).
 */
async function dashboard(
  rep: Report,
  s: Settings,
  current: Collected,
  baseline: Baseline,
  budget: NetworkBudget,
  deps: Deps,
): Promise<string> {
  const { inputs, ctx } = s;
  if (inputs.dashboard === "none") return "";
  const saving = isSaving(s, baseline) && maySaveOver(baseline.load);
  const stored = baseline.load.kind === "found" ? baseline.load.history : undefined;
  const historySize = s.resolved.settings.values.historySize;
  const runs = saving
    ? withRun(stored, asOneRun(current.runs, current.suite, ctx, deps.now()), historySize).runs
    : baseline.runs;
  const config = s.resolved.settings.config;
  const outcome = await withinBudget(
    "No dashboard",
    async () =>
      publishDashboard({
        kind: inputs.dashboard,
        branch: inputs.dashboardBranch,
        path: inputs.dashboardPath,
        ctx,
        suite: current.suite,
        runs,
        report: rep,
        saving,
        // Entries naming a pull request mark the step at the commit it landed as, as the push
        // alerts and changes.json do (acceptPulls.ts).
        config: {
          ...config,
          accept: await withPullCommits(config.accept ?? [], baseline.client, ctx, deps.kit),
        },
        workDir: s.workDir,
        workspace: s.cwd,
        upload: deps.uploadArtifact,
        log: (line) => deps.kit.info(line),
        now: deps.now,
      }),
    budget,
    s,
    deps,
  );
  if (!outcome) return "";
  if (!outcome.published) {
    if (outcome.note) {
      deps.kit.warning(outcome.note);
      await addToSummary(outcome.note, deps);
    }
    return "";
  }
  deps.kit.info(`Published the dashboard to ${outcome.where}: ${outcome.url}`);
  deps.kit.setOutput(Outputs.DashboardUrl, outcome.url);
  const line = `[Dashboard: every benchmark over commits](${outcome.url})`;
  try {
    await deps.kit.writeSummary(`\n${line}\n`);
  } catch {
    // The summary could not be written at all: the first write already warned.
  }
  return line;
}

/** Phase 7 — save: only a push to the baseline branch adds this run to the history. */
function isSaving(s: Settings, baseline: Baseline): boolean {
  const { inputs, ctx } = s;
  return inputs.mode === "run" && ctx.eventName === "push" && ctx.branch === baseline.branch;
}

/** Adds this run to the history on a push to the baseline branch; returns why a save that
 *  was due did not happen (for fail-on-store-error), undefined when saved or not due. */
async function save(
  s: Settings,
  current: Collected,
  baseline: Baseline,
  budget: NetworkBudget,
  deps: Deps,
): Promise<string | undefined> {
  const { ctx } = s;
  if (!isSaving(s, baseline)) {
    deps.kit.info(
      `Not saving a baseline: only pushes to '${baseline.branch}' do (this is ${ctx.eventName || "not a push"}${ctx.branch ? ` on '${ctx.branch}'` : ""}).`,
    );
    return undefined;
  }
  // Said in the summary and a warning already; fail-on-store-error fails on the load.
  if (!maySaveOver(baseline.load)) return undefined;
  const run = asOneRun(current.runs, current.suite, ctx, deps.now());
  const saved = await withinBudget(
    "The baseline was not saved",
    () =>
      baseline.store.save((stored) => withRun(stored, run, s.resolved.settings.values.historySize)),
    budget,
    s,
    deps,
  );
  if (!saved) return "the publish budget ran out";
  if (saved.saved) {
    deps.kit.info(`Saved the baseline to ${saved.where}.`);
    return undefined;
  }
  const note = `The baseline was not saved: ${saved.reason}`;
  deps.kit.warning(note);
  await addToSummary(note, deps);
  return saved.reason;
}

/** Where a check run's annotations point: a file this run read (the Checks API needs a
 *  path), the config or the first results file, else .perfgate.yml. */
function annotationPath(s: Settings): string {
  const { source } = s.inputs;
  if (source.kind === "config") return source.path;
  const first = source.kind === "results" ? source.globs[0] : undefined;
  return first && !/[*?[{]/.test(first) ? first : ".perfgate.yml";
}

/** After the save, on a push: the change points of the history with this run in it. */
async function pushChanges(
  s: Settings,
  current: Collected,
  baseline: Baseline,
  deps: Deps,
): Promise<void> {
  const { inputs, ctx } = s;
  const { settings } = s.resolved;
  const stored = baseline.load.kind === "found" ? baseline.load.history : undefined;
  const run = asOneRun(current.runs, current.suite, ctx, deps.now());
  await reportPushChanges(
    {
      suite: current.suite,
      runs: withRun(stored, run, settings.values.historySize).runs,
      config: settings.config,
      alert: inputs.alert,
      ctx,
      client: baseline.client,
      workDir: s.workDir,
    },
    deps.kit,
  );
}

/**
 * Phase 5b — confirm: a finding that would fail the gate is measured again: more rounds of
 * the same source, added to this run's (analyze/confirm.ts). Only where perfgate collects
 * one run itself; undefined otherwise (results files).
 */
async function confirmRounds(
  s: Settings,
  current: Collected,
  deps: Deps,
): Promise<Collected | undefined> {
  const { source, settings } = s.resolved;
  const { suite, confirmRounds: rounds } = settings.values;
  const first = current.runs[0];
  if (source.kind === "results" || current.runs.length !== 1 || !first) return undefined;
  deps.kit.info(`A finding would fail the gate: running ${rounds} confirmation rounds.`);
  const files = await deps.collect({
    source,
    rounds,
    ...(suite ? { suite } : {}),
    dir: join(s.workDir, "confirm"),
    cwd: s.cwd,
    log: (line) => deps.kit.info(line),
  });
  const more = await deps.engine.readResults(files);
  const merged = more.reduce((run, next) => withMoreRounds(run, next), first);
  return { ...current, runs: [{ ...merged, suite: current.suite }] };
}

/** settings → trust → collect → baseline → compare → publish → save; returns the exit code. */
async function execute(deps: Deps): Promise<number> {
  const clock = stopwatch(deps.now);
  const read = await readSettings(deps);
  const budget: NetworkBudget = { stopAt: Number.POSITIVE_INFINITY, abort: new AbortController() };
  const client = openClient(read, budget, deps);
  // The pull-request lookup (mode report) retries within what a baseline load may take.
  budget.stopAt = deps.now() + LOAD_BUDGET_CALLS * read.inputs.networkTimeoutMs;
  const settings = await confirmPullRequest(read, client, deps);
  let current = await collectCurrent(settings, deps);
  const opened = openStore(settings, current.suite, client, deps);
  clock.lap("results");
  const baseline = await loadBaseline(settings, opened, budget, deps);
  clock.lap("baseline");
  let rep = await compare(settings, current, baseline, deps);
  clock.lap("compare");
  // Same-runner A/B is left out: its sampler already adds pairs until the verdict settles.
  if (!current.ab && needsConfirmation(rep, settings.resolved.settings.values.confirmRounds)) {
    const more = await confirmRounds(settings, current, deps);
    if (more) {
      const before = rep.current.rounds;
      current = more;
      const second = await compare(settings, current, baseline, deps);
      rep = confirmed(rep, second, second.current.rounds - before, second.current.rounds);
      clock.lap("confirm");
    } else {
      rep = notConfirmed(rep, "confirm-rounds needs a command:, config: or the built-in suite");
    }
  }
  const notSaving =
    isSaving(settings, baseline) && baseline.load.kind === "unreadable"
      ? notSavingWarning(baseline.load)
      : undefined;
  if (notSaving) deps.kit.warning(notSaving);
  await report(rep, settings, notSaving, deps);
  // One budget for everything that talks to the network from here on.
  budget.stopAt = deps.now() + settings.inputs.publishTimeoutMs;
  const dashboardLine = await dashboard(rep, settings, current, baseline, budget, deps);
  const commentUrl = await comment(rep, settings, baseline.client, budget, deps, dashboardLine);
  deps.kit.setOutput(Outputs.CommentUrl, commentUrl);
  if (settings.inputs.check) {
    const url = await withinBudget(
      "No check run",
      () => publishCheckRun(rep, settings.ctx, baseline.client, annotationPath(settings), deps),
      budget,
      settings,
      deps,
    );
    deps.kit.setOutput(Outputs.CheckUrl, url ?? "");
  }
  clock.lap("publish");
  const notSaved = await save(settings, current, baseline, budget, deps);
  clock.lap("save");
  if (isSaving(settings, baseline) && maySaveOver(baseline.load)) {
    await withinBudget(
      "No change-point alert",
      () => pushChanges(settings, current, baseline, deps),
      budget,
      settings,
      deps,
    );
  }
  deps.kit.info(`perfgate finished in ${clock.summary()}: ${rep.status}.`);

  if (rep.status === "fail") {
    deps.kit.setFailed(failureMessage(rep));
    return 1;
  }
  // Asked for: a store that could not be read fails the job, once the report is out.
  if (settings.inputs.failOnStoreError && baseline.load.kind === "unreadable") {
    deps.kit.setFailed(
      `perfgate: ${baseline.load.source} could not be read (${baseline.load.cause.problem}) and ${Inputs.FailOnStoreError} is true`,
    );
    return 1;
  }
  if (settings.inputs.failOnStoreError && notSaved !== undefined) {
    deps.kit.setFailed(
      `perfgate: the baseline was not saved to ${baseline.store.description} (${notSaved}) and ${Inputs.FailOnStoreError} is true`,
    );
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
