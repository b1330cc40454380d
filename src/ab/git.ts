/**
 * The git steps of an A/B run. Refs come from users and pull requests, so they go to git as
 * argv entries, never into a shell line, and a ref that starts with "-" is refused (git
 * would read it as an option).
 */
import { execFile } from "node:child_process";
import { InputError } from "../util/errors.js";

/** A git command that takes longer than this is stuck (a worktree of a huge repo is not). */
const GIT_TIMEOUT_MS = 5 * 60_000;

export function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout.trim());
        const line = stderr.trim().split("\n").at(-1) || error.message.split("\n")[0];
        reject(new InputError(`git ${args[0]} failed: ${line}`));
      },
    );
  });
}

function checkRef(ref: string, what: string): void {
  if (ref === "" || ref.startsWith("-"))
    throw new InputError(`${what} '${ref}' is not a git ref (it must not start with "-")`);
}

/** The commit a ref names, or an InputError naming the ref. */
export async function resolveCommit(cwd: string, ref: string, what: string): Promise<string> {
  checkRef(ref, what);
  try {
    return await git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new InputError(`${what} '${ref}' does not name a commit in this repository`);
  }
}

/** The first of `refs` that names a commit (e.g. origin/main, then main), or an
 *  InputError listing them all. */
export async function firstCommit(cwd: string, refs: string[], what: string): Promise<string> {
  for (const ref of refs) {
    const found = await resolveCommit(cwd, ref, what).catch(() => undefined);
    if (found) return ref;
  }
  throw new InputError(
    `${what}: none of ${refs.map((r) => `'${r}'`).join(", ")} names a commit here; check out with full history (actions/checkout with fetch-depth: 0)`,
  );
}

export async function mergeBase(cwd: string, a: string, b: string): Promise<string> {
  try {
    return await git(cwd, ["merge-base", a, b]);
  } catch {
    throw new InputError(
      `${a.slice(0, 12)} and ${b.slice(0, 12)} share no history (no merge base)`,
    );
  }
}

export async function repoRoot(cwd: string): Promise<string> {
  try {
    return await git(cwd, ["rev-parse", "--show-toplevel"]);
  } catch {
    throw new InputError(`${cwd} is not inside a git repository; ab compares two commits`);
  }
}

/** Checks out `commit` (detached) into `path`, a new folder. */
export async function addWorktree(root: string, path: string, commit: string): Promise<void> {
  await git(root, ["worktree", "add", "--detach", "--force", path, commit]);
}

/** Removes the worktree and git's record of it; never throws (cleanup must not mask the
 *  error that led here). */
export async function removeWorktree(root: string, path: string): Promise<void> {
  await git(root, ["worktree", "remove", "--force", "--force", path]).catch(() => undefined);
  await git(root, ["worktree", "prune"]).catch(() => undefined);
}
