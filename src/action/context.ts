/**
 * What the run is about, read from the runner's environment and event payload inside
 * run() (not from @actions/github's `context`, which is frozen when the module loads).
 */
import { readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { Inputs } from "./constants.js";

export interface PullRequestRef {
  number: number;
  /** The branch the PR merges into: its baseline. */
  baseRef: string;
  headSha?: string;
  /** Head in another repository: the token is read-only. */
  fromFork: boolean;
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
  pullRequest?: PullRequestRef;
  serverUrl: string;
  apiUrl: string;
}

type Env = Record<string, string | undefined>;
type Payload = Record<string, unknown>;

function readEvent(path: string, what: string): Payload {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
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
  return {
    number: pr.number,
    baseRef: str(base?.ref) ?? "",
    ...(headSha ? { headSha } : {}),
    fromFork: headRepo !== undefined && baseRepo !== undefined && headRepo !== baseRepo,
  };
}

/** A workflow_run payload names its PRs only when they come from the same repository. */
function workflowRunPullRequest(payload: Payload): PullRequestRef | undefined {
  const run = obj(payload.workflow_run);
  const prs = Array.isArray(run?.pull_requests) ? run.pull_requests : [];
  const pr = obj(prs[0]);
  if (!pr || typeof pr.number !== "number") return undefined;
  const headSha = str(run?.head_sha);
  return {
    number: pr.number,
    baseRef: str(obj(pr.base)?.ref) ?? "",
    ...(headSha ? { headSha } : {}),
    fromFork: false,
  };
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
  if (mode === "report") {
    // The PR comes from the event the pull_request workflow uploaded: for forks,
    // workflow_run.pull_requests is empty (PLATFORM.md).
    const uploaded = uploadedEvent
      ? readEvent(uploadedEvent, `the uploaded event (input '${Inputs.EventPath}')`)
      : undefined;
    pullRequest =
      (uploaded && pullRequestOf(uploaded)) ?? workflowRunPullRequest(payload) ?? pullRequest;
    if (pullRequest?.headSha) sha = pullRequest.headSha;
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
    serverUrl: env.GITHUB_SERVER_URL ?? "https://github.com",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
  };
}
