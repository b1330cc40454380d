/**
 * What a privileged run may believe. Two workflows run with a write token on behalf of a
 * pull request that anyone can open (GitHub Security Lab's "pwn request" class):
 *
 * - `workflow_run` after a fork's `pull_request` run (the README's two-workflow recipe): the
 *   artifact it downloads — results and the uploaded event — was written by a workflow the
 *   fork may have rewritten. Only the event GitHub delivered is a fact: which repository,
 *   branch and commit that run built. The PR to write to is the open PR whose head is that
 *   repository at that commit, found through the API; the uploaded PR number only picks
 *   among those, and a mismatch writes nothing.
 * - `pull_request_target`: the token can write, so running the PR's code there hands that
 *   code the token and the secrets. perfgate runs nothing there unless the workflow opts in.
 *
 * SECURITY.md and docs/security.md tell users the same.
 */
import { escapeTerminal } from "../report/escape.js";
import { InputError } from "../util/errors.js";
import { describeApiFailure } from "../util/httpFailure.js";
import type { GitHubClient } from "../util/octokit.js";
import { Inputs } from "./constants.js";
import type { DeliveredRun, PullRequestRef, RunContext } from "./context.js";
import type { ActionInputs } from "./inputs.js";

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Text from the event or the artifact inside a message: one line, bounded. Messages go to
 * the log (a workflow command escapes it) and into report.warnings (the renderer escapes
 * Markdown there), so no markup escaping here, which would show twice.
 */
function quote(text: string, max = 100): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `'${escapeTerminal(cut)}'`;
}

const short = (sha: string) => (SHA.test(sha) ? sha.slice(0, 7) : quote(sha, 12));

/**
 * Refuses to collect under pull_request_target unless input allow-pull-request-target says
 * so. Reading existing results files runs nothing, so it is always allowed.
 */
export function refuseUntrustedRun(
  eventName: string,
  inputs: Pick<ActionInputs, "source" | "compare" | "allowPullRequestTarget">,
): void {
  if (eventName !== "pull_request_target" || inputs.allowPullRequestTarget) return;
  const what =
    inputs.compare === "same-runner"
      ? "compare: same-runner (it builds and runs the pull request's code)"
      : inputs.source.kind === "command"
        ? `input '${Inputs.Command}'`
        : inputs.source.kind === "config"
          ? `input '${Inputs.Config}' (its commands, builds and tinybench files)`
          : inputs.source.kind === "builtin"
            ? "the built-in suite"
            : undefined;
  if (!what) return;
  throw new InputError(
    `refusing to run ${what} on pull_request_target: that event gives the pull request's code this repository's write token and secrets. Benchmark on pull_request and comment with the two-workflow recipe, or set input '${Inputs.AllowPullRequestTarget}: true' if this workflow checks out only trusted code`,
  );
}

/** The report's PR, or why there is none (`warn`: a mismatch or failure, not mere absence). */
export type ReportTarget =
  | { kind: "pr"; pullRequest: PullRequestRef }
  | { kind: "none"; reason: string; warn: boolean };

interface ListedPull {
  number: number;
  labels?: { name?: string }[];
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base: { ref: string; repo: { full_name: string } | null };
}

/** The open PRs of owner/repo whose head is `run`'s repository and commit. */
async function pullsBuiltBy(
  client: GitHubClient,
  ctx: Pick<RunContext, "owner" | "repo">,
  run: DeliveredRun,
): Promise<ListedPull[]> {
  const headOwner = run.headRepo.split("/")[0] ?? "";
  const pulls = (await client.paginate(client.rest.pulls.list, {
    owner: ctx.owner,
    repo: ctx.repo,
    // Octokit puts this in the query string, encoded: a branch name cannot change the route.
    head: `${headOwner}:${run.headBranch}`,
    state: "open",
    per_page: 100,
  })) as ListedPull[];
  // GitHub filters by owner and branch; the commit and the repository are checked here, so
  // another fork's branch of the same name, or a head pushed since, never matches.
  const repo = run.headRepo.toLowerCase();
  return pulls.filter(
    (p) => p.head.sha === run.headSha && p.head.repo?.full_name.toLowerCase() === repo,
  );
}

function asRef(p: ListedPull, ctx: Pick<RunContext, "owner" | "repo">): PullRequestRef {
  const base = `${ctx.owner}/${ctx.repo}`.toLowerCase();
  return {
    number: p.number,
    baseRef: p.base.ref,
    headSha: p.head.sha,
    fromFork: (p.head.repo?.full_name.toLowerCase() ?? "") !== base,
    // From GitHub's answer, not from anything the fork uploaded.
    labels: (p.labels ?? []).flatMap((l) => (l.name ? [l.name] : [])),
  };
}

/**
 * mode: report — the PR this run may write to. On workflow_run it is looked up from the
 * delivered facts; on pull_request(_target) it is the delivered PR; elsewhere there is none.
 * An uploaded event that names another PR is a mismatch: nothing is written.
 */
export async function reportTarget(
  ctx: RunContext,
  client: GitHubClient | undefined,
): Promise<ReportTarget> {
  const claimed = ctx.report?.claimed;
  const names = claimed !== undefined ? ` (the uploaded event names #${claimed})` : "";
  const run = ctx.report?.delivered;
  if (!run) {
    const pr = ctx.pullRequest;
    if (pr && claimed !== undefined && claimed !== pr.number) {
      return {
        kind: "none",
        warn: true,
        reason: `the uploaded event names #${claimed}, but this ${ctx.eventName} run is for #${pr.number}: writing to neither`,
      };
    }
    if (pr) return { kind: "pr", pullRequest: pr };
    return {
      kind: "none",
      warn: claimed !== undefined,
      reason: `this ${ctx.eventName || "run"} event names no pull request${names}; an uploaded event is trusted only when a workflow_run's own facts confirm it`,
    };
  }
  if (run.event !== "pull_request") {
    return {
      kind: "none",
      warn: claimed !== undefined,
      reason: `the workflow run this follows was triggered by ${quote(run.event || "an unnamed event")}, not pull_request${names}`,
    };
  }
  if (!SHA.test(run.headSha) || !/^[^/]+\/[^/]+$/.test(run.headRepo) || !run.headBranch) {
    return {
      kind: "none",
      warn: true,
      reason: `the workflow_run event lacks a head commit, repository or branch to find the pull request by${names}`,
    };
  }
  const built = `${quote(run.headRepo)} branch ${quote(run.headBranch)} at ${short(run.headSha)}`;
  if (!client) {
    return {
      kind: "none",
      warn: true,
      reason: `input 'github-token' is empty, so the pull request built from ${built} cannot be confirmed`,
    };
  }
  let found: ListedPull[];
  try {
    found = await pullsBuiltBy(client, ctx, run);
  } catch (error) {
    // A permission is the fix only when GitHub refused; a rate limit or an outage is not.
    const failure = describeApiFailure(error);
    const hint =
      failure.kind === "permission" || failure.kind === "not-found"
        ? "; the job needs permissions: pull-requests: read"
        : "";
    return {
      kind: "none",
      warn: true,
      reason: `could not look up the pull request built from ${built}: ${failure.text}${hint}`,
    };
  }
  const numbers = found.map((p) => `#${p.number}`).join(", ");
  if (claimed !== undefined) {
    const match = found.find((p) => p.number === claimed);
    if (match) return { kind: "pr", pullRequest: asRef(match, ctx) };
    return {
      kind: "none",
      warn: true,
      reason:
        found.length === 0
          ? `the uploaded event names #${claimed}, but no open pull request has ${built}, the commit this workflow run built`
          : `the uploaded event names #${claimed}, but the workflow run built ${built}, the head of ${numbers}`,
    };
  }
  const [only] = found;
  if (only && found.length === 1) return { kind: "pr", pullRequest: asRef(only, ctx) };
  return {
    kind: "none",
    warn: true,
    reason:
      found.length === 0
        ? `no open pull request has ${built} as its head (closed, or pushed to since this run)`
        : `${numbers} all have ${built} as their head; upload the event (input '${Inputs.EventPath}') to say which`,
  };
}

/**
 * mode report: the commit GitHub says the results' run built — workflow_run.head_sha, or
 * the delivered pull request's head. Undefined in mode run and where GitHub names none.
 */
export function builtCommit(ctx: Pick<RunContext, "report" | "pullRequest">): string | undefined {
  if (!ctx.report) return undefined;
  const sha = ctx.report.delivered?.headSha ?? ctx.pullRequest?.headSha;
  return sha && SHA.test(sha) ? sha : undefined;
}

/**
 * A results file that records a commit other than the one this run is about: its numbers
 * may be another commit's. Files without a commit (most tools' output) say nothing.
 */
export function commitMismatches(commits: (string | undefined)[], sha: string): string[] {
  const others = [...new Set(commits.filter((c): c is string => c !== undefined && c !== sha))];
  return others.map(
    (c) =>
      `A results file records commit ${short(c)}, but the run that produced it built ${short(sha)}: its numbers may not be this pull request's.`,
  );
}
