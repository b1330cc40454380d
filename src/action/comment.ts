/**
 * The sticky PR comment: one per PR and suite, found by its hidden marker *and* its author
 * (a marker pasted into someone else's comment must never make us edit that comment),
 * across every page of comments, then updated in place or created.
 */

import type { GitHubClient } from "../util/octokit.js";
import { DEFAULT_BOT_LOGIN } from "./constants.js";

export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

export interface StickyComment {
  id: number;
  url: string;
}

interface ListedComment {
  id: number;
  html_url: string;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/**
 * Who this token writes as. GITHUB_TOKEN writes as github-actions[bot] and cannot call
 * GET /user; a personal or app-user token can. Asked only when a marked comment by another
 * author exists, so the usual run spends no request on it.
 */
export async function tokenLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch {
    return undefined;
  }
}

export async function findSticky(
  client: GitHubClient,
  issue: IssueRef,
  marker: string,
): Promise<StickyComment | undefined> {
  const marked: ListedComment[] = [];
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.number,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const c of page.data as ListedComment[]) {
      if (c.body?.includes(marker)) marked.push(c);
    }
  }
  if (marked.length === 0) return undefined;
  let login: string | undefined = DEFAULT_BOT_LOGIN;
  let mine = marked.find((c) => c.user?.login === login);
  if (!mine) {
    login = await tokenLogin(client);
    // A GitHub App's installation token writes as "<app>[bot]" and, like GITHUB_TOKEN,
    // cannot ask GET /user who it is: then the marked comment written by a bot is ours.
    // A person who copies the marker is still never a match.
    mine = login
      ? marked.find((c) => c.user?.login === login)
      : marked.find((c) => c.user?.type === "Bot");
  }
  return mine ? { id: mine.id, url: mine.html_url } : undefined;
}

export async function upsertSticky(
  client: GitHubClient,
  issue: IssueRef,
  existing: StickyComment | undefined,
  body: string,
): Promise<StickyComment> {
  if (existing) {
    const { data } = await client.rest.issues.updateComment({
      owner: issue.owner,
      repo: issue.repo,
      comment_id: existing.id,
      body,
    });
    return { id: data.id, url: data.html_url };
  }
  const { data } = await client.rest.issues.createComment({
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.number,
    body,
  });
  return { id: data.id, url: data.html_url };
}
