/**
 * Every input and output name of the Action, in one place (action.yml spells the same
 * names; test/action/actionYml.test.ts checks that the two agree).
 */

export const Inputs = {
  /** Glob(s) of results files that already exist: perfgate's own or a `tool`'s output. */
  Results: "results",
  /** Path of a .perfgate.yml to run. */
  Config: "config",
  /** A command run once per round; its output is parsed with `tool`. */
  Command: "command",
  /** Parser for `command` output or `results` files that are not perfgate's own. */
  Tool: "tool",
  Suite: "suite",
  Baseline: "baseline",
  BaselineBranch: "baseline-branch",
  BaselinePath: "baseline-path",
  /** baseline: branch — the branch that holds one file per run (perfgate-data). */
  DataBranch: "data-branch",
  /** baseline: postgres — the connection string, a secret (masked in the log). */
  DatabaseUrl: "database-url",
  /** true: a baseline store that cannot be read fails the job (after the report). */
  FailOnStoreError: "fail-on-store-error",
  HistorySize: "history-size",
  Rounds: "rounds",
  /** Rounds run again when a finding would fail the gate (0: off). */
  ConfirmRounds: "confirm-rounds",
  FailOn: "fail-on",
  Comment: "comment",
  GithubToken: "github-token",
  Mode: "mode",
  /** history (default): against the stored baseline; same-runner: base and head
   *  interleaved on this runner (pull requests), the history shown beside. */
  Compare: "compare",
  /** mode: report — the event file the pull_request workflow uploaded. */
  EventPath: "event-path",
  /** Seconds any one call to the cache service or the GitHub API may take. */
  NetworkTimeout: "network-timeout",
  /** Seconds the PR comment and the baseline save may take together. */
  PublishTimeout: "publish-timeout",
  /** pull_request_target runs with a write token on the PR's code: collecting there is
   *  refused unless this says true (see trust.ts). */
  AllowPullRequestTarget: "allow-pull-request-target",
  /** On pushes to the baseline branch: none, commit-comment or issue (src/action/alerts.ts). */
  Alert: "alert",
  /** A PR label that accepts the PR's failing grades as intended (src/analyze/accept.ts). */
  AcceptLabel: "accept-label",
  /** Publish the verdict as a check run too (src/action/checkRun.ts). */
  Check: "check",
  /** none, artifact or branch: publish the history dashboard (src/action/dashboard.ts). */
  Dashboard: "dashboard",
  /** dashboard: branch — the branch the site is committed to (gh-pages). */
  DashboardBranch: "dashboard-branch",
  /** dashboard: branch — the folder on that branch. */
  DashboardPath: "dashboard-path",
  /** full (perfgate/report/v1) or compact (perfgate/report/v2, for large suites): the
   *  report-json output file's format, as the CLI's --format json / json-compact. */
  ReportJsonFormat: "report-json-format",
} as const;

export const Outputs = {
  Status: "status",
  WorstSeverity: "worst-severity",
  Regressions: "regressions",
  Improvements: "improvements",
  ReportJson: "report-json",
  ReportMarkdown: "report-markdown",
  CommentUrl: "comment-url",
  /** Pushes to the baseline branch: how many change points the history shows. */
  Changes: "changes",
  /** …and the path of their JSON (`perfgate history changes --format json`). */
  ChangesJson: "changes-json",
  /** With check: true, the check run's URL (empty when none was written). */
  CheckUrl: "check-url",
  /** With dashboard: artifact or branch, where the site was published (empty when not). */
  DashboardUrl: "dashboard-url",
} as const;

export type InputName = (typeof Inputs)[keyof typeof Inputs];
export type OutputName = (typeof Outputs)[keyof typeof Outputs];

/**
 * GitHub shows at most 10 warning and 10 error annotations per step; beyond a few dozen
 * the log only gets noisier. The rest are counted in one closing notice.
 */
export const MAX_ANNOTATIONS = 50;

/** Where people read about the fork-safe two-workflow recipe (a README heading). */
export const FORK_RECIPE =
  'the two-workflow recipe in perfgate\'s README ("Pull requests from forks")';

/** Who writes comments with the default GITHUB_TOKEN. */
export const DEFAULT_BOT_LOGIN = "github-actions[bot]";
