/**
 * Push alerts (input `alert`): a comment on each commit that moved a benchmark, or one
 * tracking issue per suite updated in place. Never more than one alert per change point,
 * also across re-runs: each alerted change leaves a hidden marker (src/report/alerts.ts)
 * that the next run looks for first. Failure policy: an alert that cannot be written is a
 * warning, never a failed build.
 */
import type { SeriesChange } from "../analyze/historyChanges.js";
import {
  changeMarker,
  commitCommentBody,
  issueBody,
  issueMarker,
  issueTitle,
  markersIn,
} from "../report/alerts.js";
import { describeApiFailure } from "../util/httpFailure.js";
import type { GitHubClient } from "../util/octokit.js";
import type { RunContext } from "./context.js";
import type { Toolkit } from "./toolkit.js";

export const ALERT_KINDS = ["none", "commit-comment", "issue"] as const;

/** A change point found again up to this many runs from where it was alerted is the same
 *  step: as the history grows the estimate can move a run (bench/changepoints.bench.ts puts
 *  1–48 % of hits off the exact run, depending on the noise), and a moved estimate must not
 *  alert twice. */
export const SAME_STEP_RUNS = 2;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The markers this change would carry at its own commit and at the commits of the runs
 *  around it (`commits`: the history's, by run), its own first. */
function sameStepMarkers(suite: string, c: SeriesChange, commits: readonly (string | null)[]) {
  const out = [{ commit: c.commit, marker: changeMarker(suite, c) }];
  for (let d = -SAME_STEP_RUNS; d <= SAME_STEP_RUNS; d++) {
    const commit = commits[c.run + d];
    if (d === 0 || !commit) continue;
    out.push({ commit, marker: changeMarker(suite, { ...c, commit }) });
  }
  return out;
}

interface Listed {
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/** Comments on `c.commit` that already carry its marker. */
async function alreadyCommented(
  client: GitHubClient,
  ctx: RunContext,
  sha: string,
  marker: string,
): Promise<boolean> {
  const pages = client.paginate.iterator(client.rest.repos.listCommentsForCommit, {
    owner: ctx.owner,
    repo: ctx.repo,
    commit_sha: sha,
    per_page: 100,
  });
  for await (const page of pages)
    if ((page.data as Listed[]).some((c) => c.body?.includes(marker))) return true;
  return false;
}

async function commentOnCommits(
  client: GitHubClient,
  ctx: RunContext,
  suite: string,
  changes: SeriesChange[],
  commits: readonly (string | null)[],
): Promise<string[]> {
  const posted: string[] = [];
  for (const c of changes) {
    if (!c.commit) continue;
    let said = false;
    for (const near of sameStepMarkers(suite, c, commits)) {
      if (near.commit && (await alreadyCommented(client, ctx, near.commit, near.marker))) {
        said = true;
        break;
      }
    }
    if (said) continue;
    await client.rest.repos.createCommitComment({
      owner: ctx.owner,
      repo: ctx.repo,
      commit_sha: c.commit,
      body: commitCommentBody(suite, c),
    });
    posted.push(`${c.benchmark} ${c.metric} at ${c.commit.slice(0, 7)}`);
  }
  return posted;
}

/** The suite's tracking issue: its marker, written by a bot (a marker pasted into someone
 *  else's issue must not make us edit it); open or closed, newest first. */
async function findIssue(client: GitHubClient, ctx: RunContext, suite: string) {
  const marker = issueMarker(suite);
  const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: ctx.owner,
    repo: ctx.repo,
    state: "all",
    per_page: 100,
  });
  type Found = Listed & { number: number; state: string };
  let found: Found | undefined;
  for await (const page of pages) {
    for (const issue of page.data as Found[]) {
      const mine = issue.user?.type === "Bot" && issue.body?.includes(marker);
      if (mine && (!found || issue.number > found.number)) found = issue;
    }
  }
  return found;
}

async function updateIssue(
  client: GitHubClient,
  ctx: RunContext,
  suite: string,
  changes: SeriesChange[],
  commits: readonly (string | null)[],
): Promise<string[]> {
  const issue = await findIssue(client, ctx, suite);
  const alerted = markersIn(issue?.body ?? "");
  const fresh = changes.filter(
    (c) => !sameStepMarkers(suite, c, commits).some((m) => alerted.has(m.marker)),
  );
  for (const c of fresh) alerted.add(changeMarker(suite, c));
  const body = issueBody(suite, changes, alerted);
  const named = fresh.map((c) => `${c.benchmark} ${c.metric}`);
  if (!issue) {
    if (changes.length === 0) return [];
    await client.rest.issues.create({
      owner: ctx.owner,
      repo: ctx.repo,
      title: issueTitle(suite),
      body,
    });
    return named;
  }
  if (issue.body === body) return [];
  await client.rest.issues.update({
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: issue.number,
    body,
    // A new regression reopens a closed issue; a quiet update leaves it as it is.
    ...(fresh.length > 0 && issue.state === "closed" ? { state: "open" as const } : {}),
  });
  return named;
}

/** Sends the alerts for the regressions among `changes` (found in a history whose runs'
 *  commits are `commits`, oldest first); says what it did. */
export async function sendAlerts(
  kind: AlertKind,
  client: GitHubClient | undefined,
  ctx: RunContext,
  suite: string,
  changes: SeriesChange[],
  commits: readonly (string | null)[],
  kit: Toolkit,
): Promise<void> {
  if (kind === "none") return;
  if (!client) {
    kit.warning(`No alert: input 'github-token' is empty (alert: ${kind}).`);
    return;
  }
  // Accepted steps were intended: listed in the summary, never alerted.
  const regressions = changes.filter((c) => c.kind === "regression" && !c.accepted);
  try {
    const sent =
      kind === "commit-comment"
        ? await commentOnCommits(client, ctx, suite, regressions, commits)
        : await updateIssue(client, ctx, suite, regressions, commits);
    kit.info(
      sent.length === 0
        ? "No new change point to alert (each is alerted once)."
        : `Alerted (${kind}): ${sent.join(", ")}.`,
    );
  } catch (error) {
    const failure = describeApiFailure(error);
    const hint =
      failure.kind === "permission"
        ? ` Give the job \`permissions: ${kind === "issue" ? "issues" : "contents"}: write\`.`
        : "";
    kit.warning(`No alert (${kind}): ${failure.text}.${hint}`);
  }
}
