/**
 * The Action's inputs, read once through typed helpers. Junk is rejected with a message
 * naming the input (an InputError: the run fails with one actionable line).
 */

import { DEFAULT_ACCEPT_LABEL } from "../analyze/accept.js";
import { DEFAULT_DATA_BRANCH } from "../baseline/runFilesStore.js";
import { type FailOn, SEVERITIES } from "../model/defaults.js";
import { InputError } from "../util/errors.js";
import { ALERT_KINDS, type AlertKind } from "./alerts.js";
import { type InputName, Inputs } from "./constants.js";

/** How an input is read: core.getInput's contract (trimmed, "" when not given). */
export type ReadInput = (name: InputName) => string;

export type BaselineKind = "cache" | "branch" | "postgres";
export type CommentPolicy = "auto" | "always" | "never";
export type Mode = "run" | "report";
/** How head is compared: with the stored history, or with base on this runner (issue 5). */
export type CompareMode = "history" | "same-runner";

export const DASHBOARD_KINDS = ["none", "artifact", "branch"] as const;
export type DashboardKind = (typeof DASHBOARD_KINDS)[number];
export const DEFAULT_DASHBOARD_BRANCH = "gh-pages";
/** A folder of its own on the branch, so a gh-pages that already serves a site keeps it. */
export const DEFAULT_DASHBOARD_PATH = "perfgate";

/** The report-json file: the full report (v1), or the compact one (v2), in which unchanged
 *  series are one row each without their samples (a fraction of the size for large suites). */
export const REPORT_JSON_FORMATS = ["full", "compact"] as const;
export type ReportJsonFormat = (typeof REPORT_JSON_FORMATS)[number];

/** Exactly one source of results. */
export type Source =
  | { kind: "results"; globs: string[]; tool?: string }
  | { kind: "config"; path: string }
  | { kind: "command"; command: string; tool: string }
  | { kind: "builtin" };

export interface ActionInputs {
  source: Source;
  /** Input `config` given beside `results` or `command`: the file whose rules, thresholds and
   *  settings grade the run; its `run` section is not run (the other input says what to run). */
  rulesFile?: string;
  /** Empty when not given: then the results' own suite name is used. */
  suite: string;
  baseline: BaselineKind;
  /** Empty when not given: the repository's default branch. */
  baselineBranch: string;
  /** A single history file on the baseline branch: read while the data branch has none. */
  baselinePath: string;
  /** baseline: branch — where runs are saved, one file each. */
  dataBranch: string;
  /** baseline: postgres — a secret: masked as soon as it is read, never printed. */
  databaseUrl: string;
  /** A store that cannot be read fails the job instead of warning (default false). */
  failOnStoreError: boolean;
  /** history-size, rounds, confirm-rounds and fail-on are undefined when not given: the
   *  config file or the built-in default applies (model/settings.ts resolves them; this file
   *  fills in none). */
  historySize?: number;
  rounds?: number;
  /** Rounds run again before failing the gate (collected sources only); 0 turns it off. */
  confirmRounds?: number;
  failOn?: FailOn;
  comment: CommentPolicy;
  token: string;
  mode: Mode;
  /** mode: report — the uploaded event; empty means GITHUB_EVENT_PATH. */
  eventPath: string;
  compare: CompareMode;
  /** The longest one network call may take (a cache restore or save, one API request). */
  networkTimeoutMs: number;
  /** The budget of the comment and the save together; past it the run reports and ends. */
  publishTimeoutMs: number;
  /** Collect (run anything) under pull_request_target: off unless the workflow opts in. */
  allowPullRequestTarget: boolean;
  /** Pushes to the baseline branch: how change points are announced beyond the summary. */
  alert: AlertKind;
  /** A PR carrying this label has its failing grades accepted; empty turns it off. */
  acceptLabel: string;
  /** Publish the verdict as a Checks API check run as well. */
  check: boolean;
  /** Publish the history dashboard: none, as an artifact, or to a branch (action/dashboard.ts). */
  dashboard: DashboardKind;
  dashboardBranch: string;
  /** A folder inside the branch ("." for its root). */
  dashboardPath: string;
  /** The format of the report-json output file. */
  reportJsonFormat: ReportJsonFormat;
}

/**
 * A cache restore of one small file takes a second or two and a GitHub API answer well
 * under one; the cache library retries a failing service for about 25 s on its own. 20 s
 * lets a slow answer through and ends a stalled one long before a job's own time-out.
 */
export const DEFAULT_NETWORK_TIMEOUT_S = 20;
/** The comment (a few requests, retried) and the save: two minutes, then the run ends. */
export const DEFAULT_PUBLISH_TIMEOUT_S = 120;
/** Larger deadlines than an hour defeat their purpose. */
export const MAX_TIMEOUT_S = 3600;

export const DEFAULT_BASELINE_PATH = ".perfgate/history.json";

/** Largest history a user may ask for: every run is kept in one file. */
export const MAX_HISTORY_SIZE = 1000;
/** Largest rounds value accepted; more is almost certainly a typo. */
export const MAX_ROUNDS = 1000;

export function readOneOf<T extends string>(
  read: ReadInput,
  name: InputName,
  allowed: readonly T[],
  fallback: T,
): T;
export function readOneOf<T extends string>(
  read: ReadInput,
  name: InputName,
  allowed: readonly T[],
): T | undefined;
export function readOneOf<T extends string>(
  read: ReadInput,
  name: InputName,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const raw = read(name).toLowerCase();
  if (raw === "") return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new InputError(`input '${name}' must be one of ${allowed.join(", ")}; got '${read(name)}'`);
}

export function readInt(
  read: ReadInput,
  name: InputName,
  min: number,
  max: number,
): number | undefined {
  const raw = read(name);
  if (raw === "") return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new InputError(
      `input '${name}' must be a whole number from ${min} to ${max}; got '${raw}'`,
    );
  }
  return Number(raw);
}

/** Seconds as a decimal ("20", "0.5"), returned in milliseconds; undefined when not given. */
export function readSeconds(read: ReadInput, name: InputName, max: number): number | undefined {
  const raw = read(name);
  if (raw === "") return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds > 0 && seconds <= max)) {
    throw new InputError(
      `input '${name}' must be a number of seconds above 0 and up to ${max}; got '${raw}'`,
    );
  }
  return Math.round(seconds * 1000);
}

/** A YAML boolean as the runner passes it: "true" or "false" (any case), "" for the default. */
export function readBool(read: ReadInput, name: InputName, fallback: boolean): boolean {
  const raw = read(name).toLowerCase();
  if (raw === "") return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new InputError(`input '${name}' must be true or false; got '${read(name)}'`);
}

/** Globs one per line or comma-separated, as other actions accept them. */
export function readList(read: ReadInput, name: InputName): string[] {
  return read(name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function readSource(read: ReadInput, mode: Mode): Source {
  const results = readList(read, Inputs.Results);
  const command = read(Inputs.Command);
  const tool = read(Inputs.Tool);
  // config beside results or command only brings its rules and settings (readRulesFile).
  const config = results.length > 0 || command ? "" : read(Inputs.Config);
  const given = [results.length > 0 && Inputs.Results, command && Inputs.Command].filter(Boolean);
  if (given.length > 1) {
    throw new InputError(`inputs ${given.join(" and ")} both say what to run: give only one`);
  }
  if (mode === "report" && results.length === 0) {
    throw new InputError(`mode 'report' reads existing files: set input '${Inputs.Results}'`);
  }
  if (results.length > 0) return { kind: "results", globs: results, ...(tool ? { tool } : {}) };
  if (config) return { kind: "config", path: config };
  if (command) {
    if (!tool)
      throw new InputError(
        `input '${Inputs.Command}' needs input '${Inputs.Tool}' to read its output`,
      );
    return { kind: "command", command, tool };
  }
  return { kind: "builtin" };
}

/** Input `config` when another input says what to run: then it is the rules file only. */
function readRulesFile(read: ReadInput, source: Source): string | undefined {
  const config = read(Inputs.Config);
  return config && source.kind !== "config" ? config : undefined;
}

/** A branch name git accepts, without the corners that make a ref ambiguous. */
function readBranchName(read: ReadInput, name: InputName): string {
  const branch = read(name);
  if (
    branch &&
    (!/^[A-Za-z0-9._/-]{1,200}$/.test(branch) || /^[-/.]|\.\.|\/\/|[/.]$|\.lock$/.test(branch))
  ) {
    throw new InputError(
      `input '${name}' must be a branch name (letters, digits, '.', '_', '-', '/'); got '${branch}'`,
    );
  }
  return branch;
}

export function readInputs(read: ReadInput): ActionInputs {
  const mode = readOneOf<Mode>(read, Inputs.Mode, ["run", "report"], "run");
  const suite = read(Inputs.Suite);
  if (suite && !/^[A-Za-z0-9._/-]{1,100}$/.test(suite)) {
    throw new InputError(
      `input '${Inputs.Suite}' may hold only letters, digits, '.', '_', '-' and '/' (at most 100); got '${suite}'`,
    );
  }
  const rounds = readInt(read, Inputs.Rounds, 1, MAX_ROUNDS);
  const historySize = readInt(read, Inputs.HistorySize, 1, MAX_HISTORY_SIZE);
  const confirmRounds = readInt(read, Inputs.ConfirmRounds, 0, MAX_ROUNDS);
  const failOn = readOneOf<FailOn>(read, Inputs.FailOn, [...SEVERITIES, "never"]);
  const baselinePath = read(Inputs.BaselinePath) || DEFAULT_BASELINE_PATH;
  // git show and the contents API both take a path inside the repository.
  if (baselinePath.startsWith("/") || baselinePath.split("/").includes("..")) {
    throw new InputError(
      `input '${Inputs.BaselinePath}' must be a path inside the repository; got '${baselinePath}'`,
    );
  }
  const baseline = readOneOf<BaselineKind>(
    read,
    Inputs.Baseline,
    ["cache", "branch", "postgres"],
    "cache",
  );
  const databaseUrl = read(Inputs.DatabaseUrl);
  if (baseline === "postgres" && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // Never quote the value: it is a secret even when it is wrong.
    throw new InputError(
      `baseline 'postgres' needs input '${Inputs.DatabaseUrl}' set to a postgres:// connection string (from a secret: \${{ secrets.PERFGATE_DATABASE_URL }})`,
    );
  }
  const source = readSource(read, mode);
  const rulesFile = readRulesFile(read, source);
  return {
    source,
    ...(rulesFile ? { rulesFile } : {}),
    suite,
    baseline,
    databaseUrl,
    failOnStoreError: readBool(read, Inputs.FailOnStoreError, false),
    baselineBranch: read(Inputs.BaselineBranch),
    baselinePath,
    dataBranch: readBranchName(read, Inputs.DataBranch) || DEFAULT_DATA_BRANCH,
    ...(historySize !== undefined ? { historySize } : {}),
    ...(confirmRounds !== undefined ? { confirmRounds } : {}),
    ...(rounds !== undefined ? { rounds } : {}),
    ...(failOn !== undefined ? { failOn } : {}),
    comment: readOneOf<CommentPolicy>(read, Inputs.Comment, ["auto", "always", "never"], "auto"),
    alert: readOneOf<AlertKind>(read, Inputs.Alert, ALERT_KINDS, "none"),
    // core.getInput gives the default from action.yml on a runner; a test's reader gives "".
    acceptLabel: read(Inputs.AcceptLabel) || DEFAULT_ACCEPT_LABEL,
    token: read(Inputs.GithubToken),
    mode,
    eventPath: read(Inputs.EventPath),
    compare: readOneOf<CompareMode>(read, Inputs.Compare, ["history", "same-runner"], "history"),
    networkTimeoutMs:
      readSeconds(read, Inputs.NetworkTimeout, MAX_TIMEOUT_S) ?? DEFAULT_NETWORK_TIMEOUT_S * 1000,
    publishTimeoutMs:
      readSeconds(read, Inputs.PublishTimeout, MAX_TIMEOUT_S) ?? DEFAULT_PUBLISH_TIMEOUT_S * 1000,
    allowPullRequestTarget: readBool(read, Inputs.AllowPullRequestTarget, false),
    check: readBool(read, Inputs.Check, false),
    dashboard: readOneOf<DashboardKind>(read, Inputs.Dashboard, DASHBOARD_KINDS, "none"),
    dashboardBranch: readBranchName(read, Inputs.DashboardBranch) || DEFAULT_DASHBOARD_BRANCH,
    dashboardPath: readDashboardPath(read),
    reportJsonFormat: readOneOf<ReportJsonFormat>(
      read,
      Inputs.ReportJsonFormat,
      REPORT_JSON_FORMATS,
      "full",
    ),
  };
}

/** A folder inside the dashboard branch: relative, no `..`, in the characters of a path
 *  people type (it becomes part of a git path and a Pages address). */
function readDashboardPath(read: ReadInput): string {
  const path = read(Inputs.DashboardPath) || DEFAULT_DASHBOARD_PATH;
  if (path.startsWith("/") || path.split("/").includes("..") || !/^[A-Za-z0-9._/-]+$/.test(path)) {
    throw new InputError(
      `input '${Inputs.DashboardPath}' must be a folder inside the branch (or '.' for its root); got '${path}'`,
    );
  }
  return path;
}
