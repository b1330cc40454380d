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
export type AlertKind = (typeof ALERT_KINDS)[number];

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
): Promise<string[]> {
  const posted: string[] = [];
  for (const c of changes) {
    if (!c.commit) continue;
    const marker = changeMarker(suite, c);
    if (await alreadyCommented(client, ctx, c.commit, marker)) continue;
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
): Promise<string[]> {
  const issue = await findIssue(client, ctx, suite);
  const alerted = markersIn(issue?.body ?? "");
  const fresh = changes.filter((c) => !alerted.has(changeMarker(suite, c)));
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

/** Sends the alerts for the regressions among `changes`; says what it did. */
export async function sendAlerts(
  kind: AlertKind,
  client: GitHubClient | undefined,
  ctx: RunContext,
  suite: string,
  changes: SeriesChange[],
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
        ? await commentOnCommits(client, ctx, suite, regressions)
        : await updateIssue(client, ctx, suite, regressions);
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
