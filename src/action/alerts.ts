/**
 * Push alerts (input `alert`): a comment on each commit that moved a benchmark, or one
 * tracking issue per suite updated in place. Never more than one alert per change point,
 * also across re-runs, concurrent runs and a step whose estimate moves as the history grows:
 * each alerted change leaves a hidden marker (src/report/alerts.ts) that the next run looks
 * for first, written by a trusted author only; a step within MAX_STEP_DRIFT runs of an
 * alerted one is the same change point, also when two runs alert it at the same time. Failure policy: an alert that cannot be written is a
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
import { tokenLogin } from "./comment.js";
import { DEFAULT_BOT_LOGIN } from "./constants.js";
import type { RunContext } from "./context.js";
import type { Toolkit } from "./toolkit.js";

export const ALERT_KINDS = ["none", "commit-comment", "issue"] as const;

/**
 * How far (in runs) a change point may have moved since it was alerted and still be the same
 * step. As the history grows the estimate can move: on 10 %-CV noise 9 % of +20 % steps are
 * placed more than 3 runs off (bench/changepoints.bench.ts), rarely more than 12. Within
 * this distance, an alert counts for the step of the same series it is nearest to, so one
 * alert never silences two steps.
 */
export const MAX_STEP_DRIFT = 12;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The runs where an earlier alert of `c`'s step may sit, its own first, then outward:
 *  no further than MAX_STEP_DRIFT, and nearer to it than to the change points before and
 *  after it in the same series (`all`: every change of the history, alerted or not). */
export function stepRuns(c: SeriesChange, all: readonly SeriesChange[]): number[] {
  let prev = -1;
  let next = Number.POSITIVE_INFINITY;
  for (const o of all) {
    if (o.benchmark !== c.benchmark || o.metric !== c.metric || o.run === c.run) continue;
    if (o.run < c.run) prev = Math.max(prev, o.run);
    else next = Math.min(next, o.run);
  }
  // A run between two change points belongs to the nearer (a tie to the earlier one): an
  // alert there is about that step, and never counts for two.
  const out = [c.run];
  for (let d = 1; d <= MAX_STEP_DRIFT; d++) {
    if (c.run - d > (prev + c.run) / 2) out.push(c.run - d);
    if (c.run + d <= (c.run + next) / 2) out.push(c.run + d);
  }
  return out;
}

/** The markers `c`'s step would carry had it been alerted at any of its `stepRuns`. */
function sameStepMarkers(
  suite: string,
  c: SeriesChange,
  all: readonly SeriesChange[],
  commits: readonly (string | null)[],
) {
  const out: { commit: string; marker: string }[] = [];
  for (const run of stepRuns(c, all)) {
    const commit = commits[run];
    if (commit) out.push({ commit, marker: changeMarker(suite, { ...c, commit }) });
  }
  return out;
}

interface Listed {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/** Whose markers count. Anyone can paste a marker into a comment or an issue: trusting it
 *  would let them silence an alert. Only this token's own user and GitHub Actions' bot
 *  write them; a GitHub App's installation token cannot ask who it is (GET /user), and then
 *  a bot author is taken to be it — a person is never trusted. */
type Trust = (user: Listed["user"]) => boolean;

async function trustOf(client: GitHubClient): Promise<Trust> {
  const login = await tokenLogin(client);
  return (user) =>
    !!user &&
    (user.login === DEFAULT_BOT_LOGIN || (login ? user.login === login : user.type === "Bot"));
}

/** Every comment on one commit, across pages. */
async function commitComments(client: GitHubClient, ctx: RunContext, sha: string) {
  const out: Listed[] = [];
  const pages = client.paginate.iterator(client.rest.repos.listCommentsForCommit, {
    owner: ctx.owner,
    repo: ctx.repo,
    commit_sha: sha,
    per_page: 100,
  });
  for await (const page of pages) out.push(...(page.data as Listed[]));
  return out;
}

async function commentOnCommits(
  client: GitHubClient,
  ctx: RunContext,
  suite: string,
  changes: SeriesChange[],
  all: readonly SeriesChange[],
  commits: readonly (string | null)[],
  trusted: Trust,
): Promise<string[]> {
  const listed = new Map<string, Listed[]>();
  const listedOn = async (sha: string, fresh = false) => {
    let found = fresh ? undefined : listed.get(sha);
    if (!found) {
      found = await commitComments(client, ctx, sha);
      listed.set(sha, found);
    }
    return found;
  };
  const carries = (list: Listed[], marker: string) =>
    list.filter((x) => trusted(x.user) && x.body?.includes(marker));
  const posted: string[] = [];
  for (const c of changes) {
    if (!c.commit) continue;
    let said = false;
    for (const near of sameStepMarkers(suite, c, all, commits)) {
      if (carries(await listedOn(near.commit), near.marker).length > 0) {
        said = true;
        break;
      }
    }
    if (said) continue;
    const marker = changeMarker(suite, c);
    // Right before posting, once more: a run for the next push may have just done it.
    if (carries(await listedOn(c.commit, true), marker).length > 0) continue;
    const { data } = await client.rest.repos.createCommitComment({
      owner: ctx.owner,
      repo: ctx.repo,
      commit_sha: c.commit,
      body: commitCommentBody(suite, c),
    });
    // Two runs can pass that check together and both post — on the same commit, or on
    // commits a few runs apart when their histories (one run longer, say) place the step
    // differently. Each then looks again at every commit where this step may have been
    // alerted: the oldest alert (lowest id; GitHub numbers comments in the order it takes
    // them) stays, and a run whose alert is not the oldest deletes its own, so exactly one
    // is left whichever order they ran in. The commits are listed at once: a run that
    // takes long to look leaves the other run's comment standing longer.
    const near = sameStepMarkers(suite, c, all, commits);
    const lists = await Promise.all(near.map((x) => listedOn(x.commit, true)));
    const twins = near.flatMap((x, i) => carries(lists[i] as Listed[], x.marker));
    if (twins.some((x) => x.id < data.id)) {
      await client.rest.repos.deleteCommitComment({
        owner: ctx.owner,
        repo: ctx.repo,
        comment_id: data.id,
      });
      continue;
    }
    posted.push(`${c.benchmark} ${c.metric} at ${c.commit.slice(0, 7)}`);
  }
  return posted;
}

type FoundIssue = Listed & { number: number; state: string };

/** The suite's tracking issues, found by their marker whoever opened them, kept when a
 *  trusted author did (see Trust), oldest first: the oldest is the one in use. */
async function findIssues(client: GitHubClient, ctx: RunContext, suite: string, trusted: Trust) {
  const marker = issueMarker(suite);
  const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: ctx.owner,
    repo: ctx.repo,
    state: "all",
    per_page: 100,
  });
  const found: FoundIssue[] = [];
  for await (const page of pages) {
    for (const issue of page.data as FoundIssue[])
      if (issue.body?.includes(marker) && trusted(issue.user)) found.push(issue);
  }
  return found.sort((a, b) => a.number - b.number);
}

async function updateIssue(
  client: GitHubClient,
  ctx: RunContext,
  suite: string,
  changes: SeriesChange[],
  all: readonly SeriesChange[],
  commits: readonly (string | null)[],
  trusted: Trust,
): Promise<string[]> {
  const issue = (await findIssues(client, ctx, suite, trusted))[0];
  const alerted = markersIn(issue?.body ?? "");
  const fresh = changes.filter(
    (c) => !sameStepMarkers(suite, c, all, commits).some((m) => alerted.has(m.marker)),
  );
  for (const c of fresh) alerted.add(changeMarker(suite, c));
  const body = issueBody(suite, changes, alerted);
  const named = fresh.map((c) => `${c.benchmark} ${c.metric}`);
  if (!issue) {
    if (changes.length === 0) return [];
    const { data } = await client.rest.issues.create({
      owner: ctx.owner,
      repo: ctx.repo,
      title: issueTitle(suite),
      body,
    });
    // Two runs that both found no issue both opened one: the oldest is kept, and a later
    // one closes itself, pointing to it, after handing it its markers.
    const oldest = (await findIssues(client, ctx, suite, trusted))[0];
    if (oldest && oldest.number < data.number) {
      const merged = new Set([...markersIn(oldest.body ?? ""), ...alerted]);
      await client.rest.issues.update({
        owner: ctx.owner,
        repo: ctx.repo,
        issue_number: oldest.number,
        body: issueBody(suite, changes, merged),
      });
      await client.rest.issues.update({
        owner: ctx.owner,
        repo: ctx.repo,
        issue_number: data.number,
        state: "closed",
        body: `Duplicate of #${oldest.number} (two perfgate runs opened one at the same time).`,
      });
      return [];
    }
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
    const trusted = await trustOf(client);
    const sent =
      kind === "commit-comment"
        ? await commentOnCommits(client, ctx, suite, regressions, changes, commits, trusted)
        : await updateIssue(client, ctx, suite, regressions, changes, commits, trusted);
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
