/**
 * What the run is about, read from the runner's environment and event payload inside
 * run() (not from @actions/github's `context`, which is frozen when the module loads).
 */
import { readFileSync, statSync } from "node:fs";
import { formatValue } from "../model/units.js";
import { InputError } from "../util/errors.js";
import { realPathInside } from "./artifact.js";
import { Inputs } from "./constants.js";

export interface PullRequestRef {
  number: number;
  /** The branch the PR merges into: its baseline. */
  baseRef: string;
  headSha?: string;
  /** Head in another repository: the token is read-only. */
  fromFork: boolean;
  /** The PR's label names, as the event that started this run lists them. */
  labels: string[];
}

export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  sha: string;
  /** The branch this run is on (push: the pushed branch; PR: the head branch). */
  branch: string;
  defaultBranch: string;
  runId: string;
  runAttempt: string;
  /** Set only when the PR is known from GitHub, never from an uploaded file alone. */
  pullRequest?: PullRequestRef;
  /** mode: report only; the PR is decided from it once a client can check (trust.ts). */
  report?: ReportSubject;
  serverUrl: string;
  apiUrl: string;
}

type Env = Record<string, string | undefined>;
type Payload = Record<string, unknown>;

/**
 * GitHub delivers no webhook payload above 25 MB; an event file larger than that was not
 * written by GitHub, and is not read (an uploaded one is a fork's to choose).
 */
export const MAX_EVENT_BYTES = 25 * 1024 * 1024;

function readEvent(path: string, what: string): Payload {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_EVENT_BYTES) {
      throw new InputError(
        `${what} is ${formatValue(size, "B")}, over the ${formatValue(MAX_EVENT_BYTES, "B")} GitHub allows an event`,
        path,
      );
    }
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${what}: ${(error as Error).message}`, path);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Payload;
  } catch {
    // fall through to the one-line error below
  }
  throw new InputError(`${what} is not a JSON object`, path);
}

const obj = (v: unknown): Payload | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Payload) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** A pull_request (or pull_request_target) payload's PR, or undefined. */
export function pullRequestOf(payload: Payload): PullRequestRef | undefined {
  const pr = obj(payload.pull_request);
  if (!pr || typeof pr.number !== "number") return undefined;
  const base = obj(pr.base);
  const head = obj(pr.head);
  const headRepo = obj(head?.repo)?.full_name;
  const baseRepo = obj(base?.repo)?.full_name;
  const headSha = str(head?.sha);
  const labels = Array.isArray(pr.labels)
    ? pr.labels.map((l) => str(obj(l)?.name)).filter((l): l is string => l !== undefined)
    : [];
  return {
    number: pr.number,
    labels,
    baseRef: str(base?.ref) ?? "",
    ...(headSha ? { headSha } : {}),
    fromFork: headRepo !== undefined && baseRepo !== undefined && headRepo !== baseRepo,
  };
}

/**
 * What GitHub itself says about the run a workflow_run follows. A fork can rewrite its own
 * workflow and so everything that workflow uploads, but not these fields of the event
 * GitHub delivers to this (privileged) run.
 */
export interface DeliveredRun {
  /** What triggered that run: "pull_request", "push", … */
  event: string;
  headSha: string;
  /** May be empty (a deleted branch). */
  headBranch: string;
  /** owner/name of the repository the head commit came from: a fork's for a fork PR. */
  headRepo: string;
}

/** mode: report — the facts and the claim the PR must be decided from (trust.ts). */
export interface ReportSubject {
  /** On workflow_run: the delivered facts. */
  delivered?: DeliveredRun;
  /** The PR number the uploaded event names: a claim, never used without a check. */
  claimed?: number;
}

function deliveredRun(payload: Payload): DeliveredRun | undefined {
  const run = obj(payload.workflow_run);
  if (!run) return undefined;
  return {
    event: str(run.event) ?? "",
    headSha: str(run.head_sha) ?? "",
    headBranch: str(run.head_branch) ?? "",
    headRepo: str(obj(run.head_repository)?.full_name) ?? "",
  };
}

/** The uploaded event's PR number, when it is a plausible one; nothing else is read. */
function claimedNumber(payload: Payload): number | undefined {
  const n = obj(payload.pull_request)?.number ?? payload.number;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function readContext(env: Env, mode: "run" | "report", uploadedEvent: string): RunContext {
  const eventPath = env.GITHUB_EVENT_PATH;
  const payload = eventPath ? readEvent(eventPath, "the event payload (GITHUB_EVENT_PATH)") : {};
  const repository = obj(payload.repository);
  const [owner = "", repo = ""] = (
    env.GITHUB_REPOSITORY ??
    str(repository?.full_name) ??
    "/"
  ).split("/");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const ref = env.GITHUB_REF ?? "";

  let pullRequest = pullRequestOf(payload);
  let sha = env.GITHUB_SHA ?? "";
  let report: ReportSubject | undefined;
  if (mode === "report") {
    // The uploaded event is a claim (a fork's workflow wrote it); the delivered event is
    // the fact. On workflow_run the PR is looked up from the facts later (trust.ts), and
    // the commit is always the one GitHub says that run built.
    // Like the results beside it, the uploaded event is read only inside the workspace.
    const roots = [env.GITHUB_WORKSPACE, env.RUNNER_TEMP].filter((r): r is string => !!r);
    if (uploadedEvent && env.GITHUB_WORKSPACE) realPathInside(uploadedEvent, roots);
    const uploaded = uploadedEvent
      ? readEvent(uploadedEvent, `the uploaded event (input '${Inputs.EventPath}')`)
      : undefined;
    const claimed = uploaded ? claimedNumber(uploaded) : undefined;
    const delivered = deliveredRun(payload);
    if (delivered) {
      pullRequest = undefined;
      sha = delivered.headSha;
    } else if (pullRequest?.headSha) sha = pullRequest.headSha;
    report = { ...(delivered ? { delivered } : {}), ...(claimed ? { claimed } : {}) };
  }
  const branch = pullRequest
    ? (env.GITHUB_HEAD_REF ?? "")
    : ref.startsWith("refs/heads/")
      ? ref.slice("refs/heads/".length)
      : "";
  return {
    eventName,
    owner,
    repo,
    sha,
    branch,
    defaultBranch: str(repository?.default_branch) ?? "main",
    runId: env.GITHUB_RUN_ID ?? "0",
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    ...(pullRequest ? { pullRequest } : {}),
    ...(report ? { report } : {}),
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
  };
}
