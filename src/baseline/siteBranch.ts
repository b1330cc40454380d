/**
 * Publishing a static site to a folder of a branch (gh-pages by default), the way the
 * run-files store saves runs (branchGit.ts): one commit that replaces the folder with the
 * new files (at the branch's root: adds or replaces the site's files only) and leaves
 * everything else on the branch as it was, pushed without force and rebuilt on the new tip
 * when another push got there first.
 */
import {
  commitOnto,
  fetchCommit,
  type GitError,
  gitIn,
  PUSH_NEEDS,
  pushRaced,
  remoteTip,
  retryPause,
} from "./branchGit.js";

export interface SiteBranchOptions {
  /** A git checkout whose `origin` is the repository. */
  workspace: string;
  branch: string;
  /** The folder on the branch ("" or "." for its root). */
  path: string;
  files: ReadonlyMap<string, string>;
  commitMessage: string;
  gitTimeoutMs?: number;
  maxAttempts?: number;
  retryDelayMs?: number;
}

export type SitePublished =
  | { published: true; commit: string }
  | { published: false; reason: string };

const ATTEMPTS = 6;

export async function publishSiteToBranch(o: SiteBranchOptions): Promise<SitePublished> {
  const git = gitIn(o.workspace, o.gitTimeoutMs);
  const folder = o.path.replace(/^\.?\/+|\/+$/g, "").replace(/^\.$/, "");
  const pause = retryPause(o.retryDelayMs);
  // The blobs do not depend on the tip: written once, committed on each attempt's tip.
  const names = [...o.files.keys()];
  const blobs: string[] = [];
  for (const name of names) {
    blobs.push((await git(["hash-object", "-w", "--stdin"], { input: o.files.get(name) })).trim());
  }
  const lines = names.map(
    (name, i) => `100644 ${blobs[i]}\t${folder ? `${folder}/${name}` : name}`,
  );
  const attempts = o.maxAttempts ?? ATTEMPTS;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let tip: string | undefined;
    try {
      tip = await remoteTip(git, o.branch);
      if (tip) await fetchCommit(git, tip, pause);
    } catch (error) {
      if (attempt === attempts)
        return {
          published: false,
          reason: `git fetch of ${o.branch}: ${(error as Error).message}`,
        };
      await pause(attempt);
      continue;
    }
    let commit: string;
    try {
      commit = await commitOnto(git, tip, lines, o.commitMessage, async (env) => {
        // A folder is the site's alone: files of an older build that this one lacks go. The
        // branch's root is not: it may hold the project's own pages, so there the site's
        // files are only added or replaced, never anything removed.
        if (tip && folder)
          await git(["rm", "-r", "--cached", "--quiet", "--ignore-unmatch", "--", folder], {
            env,
          });
      });
    } catch (error) {
      return { published: false, reason: `cannot build the commit: ${(error as Error).message}` };
    }
    try {
      await git(["push", "--quiet", "origin", `${commit}:refs/heads/${o.branch}`]);
      return { published: true, commit };
    } catch (error) {
      if (!pushRaced(error))
        return {
          published: false,
          reason: `git push to ${o.branch}: ${(error as GitError).message} (${PUSH_NEEDS})`,
        };
    }
    await pause(attempt);
  }
  return {
    published: false,
    reason: `${o.branch} kept moving: gave up after ${attempts} attempts`,
  };
}
