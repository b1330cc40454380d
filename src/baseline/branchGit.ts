/**
 * Writing to a branch through git in the workflow's checkout, shared by the run-files
 * baseline store and the dashboard's branch publisher: ask the remote for the branch's
 * tip, fetch that one commit, build the next tree in a private index (no ref or work tree
 * of the checkout is touched), commit it on the tip as the Actions bot, and push without
 * force. When another push got there first git refuses, and the caller starts again from
 * the new tip: nothing anyone else wrote is lost.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Who the commits are by: the Actions bot, as a contents-API write would be. */
export const BOT = {
  GIT_AUTHOR_NAME: "github-actions[bot]",
  GIT_AUTHOR_EMAIL: "41898282+github-actions[bot]@users.noreply.github.com",
  GIT_COMMITTER_NAME: "github-actions[bot]",
  GIT_COMMITTER_EMAIL: "41898282+github-actions[bot]@users.noreply.github.com",
};

export type Git = (
  args: string[],
  options?: { input?: string; env?: Record<string, string> },
) => Promise<string>;

export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** git in `workspace`, its last line of stderr as the message; never waits on a prompt. */
export function gitIn(workspace: string, timeoutMs = 30_000): Git {
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = execFile(
        "git",
        args,
        {
          cwd: workspace,
          maxBuffer: 1 << 30,
          timeout: timeoutMs,
          killSignal: "SIGKILL",
          // A credential prompt would wait for ever on a runner.
          env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...options.env },
        },
        (error, stdout, stderr) =>
          error
            ? reject(
                new GitError(
                  String(stderr).trim().split("\n").at(-1) || error.message,
                  String(stderr),
                ),
              )
            : resolve(stdout),
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
}

/** The branch's tip on `origin`, undefined when the branch does not exist yet. */
export async function remoteTip(git: Git, branch: string): Promise<string | undefined> {
  const line = await git(["ls-remote", "origin", `refs/heads/${branch}`]);
  return line.split(/\s/)[0] || undefined;
}

/**
 * Fetches one commit without its history. Another fetch in the same checkout (a second
 * perfgate step) can hold the shallow file for a moment: that is retried, not reported.
 */
export async function fetchCommit(
  git: Git,
  sha: string,
  pause: (attempt: number) => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await git(["fetch", "--quiet", "--no-tags", "--depth=1", "origin", sha]);
      return;
    } catch (error) {
      const busy = /shallow file has changed|cannot lock|\.lock': File exists/i.test(
        (error as GitError).stderr ?? "",
      );
      if (!busy || attempt === 5) throw error;
      await pause(attempt);
    }
  }
}

/**
 * One commit on `tip` (or a root commit) whose tree is the tip's with `indexInfo` applied
 * (`git update-index --index-info` lines: "<mode> <blob>\t<path>", mode 0 removes).
 * `prepare` may change the private index first (e.g. drop a folder).
 */
export async function commitOnto(
  git: Git,
  tip: string | undefined,
  indexInfo: string[],
  message: string,
  prepare?: (env: Record<string, string>) => Promise<void>,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "perfgate-index-"));
  try {
    const env = { GIT_INDEX_FILE: join(dir, "index") };
    if (tip) await git(["read-tree", tip], { env });
    else await git(["read-tree", "--empty"], { env });
    if (prepare) await prepare(env);
    if (indexInfo.length > 0)
      await git(["update-index", "--index-info"], { env, input: `${indexInfo.join("\n")}\n` });
    const tree = (await git(["write-tree"], { env })).trim();
    const parents = tip ? ["-p", tip] : [];
    return (await git(["commit-tree", tree, ...parents, "-m", message], { env: BOT })).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The wait before attempt `attempt + 1`: longer each time, jittered so two writers that
 *  collided do not collide again. */
export function retryPause(delayMs = 500): (attempt: number) => Promise<void> {
  return (attempt) => new Promise((r) => setTimeout(r, delayMs * attempt * (0.5 + Math.random())));
}

/** Whether a failed push was refused because the branch moved (try again from its new tip). */
export function pushRaced(error: unknown): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|failed to update ref|cannot lock ref/i.test(
    (error as GitError).stderr ?? "",
  );
}

/** What a push that failed for another reason needs, for the warning. */
export const PUSH_NEEDS =
  "the job needs `permissions: contents: write` and a checkout that keeps its credentials";
