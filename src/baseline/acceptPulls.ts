/**
 * `.perfgate.yml` accept: entries that name a pull request, turned into the commit that
 * landed it, so they mark history steps as entries naming a commit do. A history's runs
 * carry commits, not pull requests; GitHub knows which commit a merged pull request became
 * (`merge_commit_sha`: the merge or squash commit, or the last commit of a rebase merge).
 * Shared by the Action and the CLI's `history changes` and `compare`, so it sits below both.
 * Failure policy: a pull request that cannot be read, or is not merged, leaves its entry as
 * it was (it still accepts that PR's own runs) and says why in a warning; never fatal.
 */
import type { AcceptEntry } from "../model/config.js";
import { describeApiFailure } from "../util/httpFailure.js";
import type { GitHubClient } from "../util/octokit.js";

/** The repository the pull requests belong to. */
export interface PullRepository {
  owner: string;
  repo: string;
}

/** Where the lookup's warnings and notes go (the Action's toolkit, or the CLI's stderr). */
export interface PullNotes {
  warning(message: string): void;
  info(message: string): void;
}

/** The pull requests that entries name without a commit: the ones a client must look up. */
export function pullsToResolve(entries: readonly AcceptEntry[]): number[] {
  return [...new Set(entries.flatMap((e) => (e.pr !== undefined && !e.commit ? [e.pr] : [])))];
}

/** `entries`, and beside each one that names a merged pull request (and no commit), a copy
 *  naming the commit it landed as. */
export async function withPullCommits(
  entries: readonly AcceptEntry[],
  client: GitHubClient | undefined,
  ctx: PullRepository,
  kit: PullNotes,
): Promise<AcceptEntry[]> {
  const out = [...entries];
  const wanted = pullsToResolve(entries);
  if (wanted.length === 0) return out;
  if (!client) {
    kit.warning(
      `accept: entries for pull request(s) ${wanted.map((n) => `#${n}`).join(", ")} cannot mark history steps: input 'github-token' is empty.`,
    );
    return out;
  }
  for (const pr of wanted) {
    let sha: string | null | undefined;
    try {
      const { data } = await client.rest.pulls.get({
        owner: ctx.owner,
        repo: ctx.repo,
        pull_number: pr,
      });
      sha = data.merged_at ? data.merge_commit_sha : undefined;
    } catch (error) {
      kit.warning(
        `accept: pull request #${pr} could not be read to find the commit it landed as: ${describeApiFailure(error).text}.`,
      );
      continue;
    }
    if (!sha) {
      kit.info(`accept: pull request #${pr} is not merged; its entry marks no history step yet.`);
      continue;
    }
    for (const e of entries) if (e.pr === pr && !e.commit) out.push({ ...e, commit: sha });
  }
  return out;
}
