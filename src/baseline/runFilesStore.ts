/**
 * Baseline runs kept on a branch of their own (`perfgate-data` by default), one small file
 * per run, so that a push adds one run's worth of bytes to the repository and not a whole
 * rewritten history, and the default branch (and every clone of it) stays small:
 *
 *   perfgate-data (an orphan branch: no shared history with the code)
 *   └── .perfgate/<suite>/
 *       ├── 20260101T120000.000Z_4f2a9c1e0b7d….json    one run, a compact history (v2)
 *       └── …                                           the newest history-size runs
 *
 * File names sort by time, so the listing is the index. A save is one commit that adds this
 * run's file and removes the ones that fell out of the window; it is pushed without force,
 * so when another push saved first, git refuses and we fetch, rebuild and push again: both
 * runs are kept. Runs that lived in one history file (the branch store before this one, or
 * a baseline file committed for review) are read when the data branch has none, and the
 * first save writes them out as run files: migration on read.
 *
 * Reads and writes go through git in the workflow's checkout (actions/checkout leaves the
 * token in its git config), never through a file of 100 MB.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyHistory, mergeHistory } from "../model/history.js";
import { HISTORY_SCHEMA, type History, type Results } from "../model/types.js";
import { parseHistory, serializeHistory } from "./history.js";
import type { BaselineStore, LoadResult, SaveResult, Update } from "./store.js";

export const DEFAULT_DATA_BRANCH = "perfgate-data";

export interface RunFilesStoreOptions {
  /** A git checkout whose `origin` is the repository. */
  workspace: string;
  branch: string;
  /** Folder of this suite's run files on the branch, e.g. ".perfgate/my-suite". */
  dir: string;
  suite: string;
  commitMessage: string;
  /** Where runs lived before (one history file): read while the branch has none. */
  legacy?: BaselineStore;
  gitTimeoutMs?: number;
  maxAttempts?: number;
  retryDelayMs?: number;
}

/** Who the save commits are by: the Actions bot, as a contents-API write would be. */
const BOT = {
  GIT_AUTHOR_NAME: "github-actions[bot]",
  GIT_AUTHOR_EMAIL: "41898282+github-actions[bot]@users.noreply.github.com",
  GIT_COMMITTER_NAME: "github-actions[bot]",
  GIT_COMMITTER_EMAIL: "41898282+github-actions[bot]@users.noreply.github.com",
};

/** Concurrent pushes to the baseline branch are rare; six tries outlast a burst of them. */
const SAVE_ATTEMPTS = 6;

/** `<time>_<commit>.json`: sorts by time; the commit is for people reading the branch. */
export function runFileName(run: Results): string {
  const t = Date.parse(run.timestamp);
  const time = Number.isNaN(t) ? run.timestamp : new Date(t).toISOString();
  const commit = (run.commit ?? "no-commit").replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
  return `${time.replace(/[-:]/g, "").replace(/[^A-Za-z0-9.]/g, "_")}_${commit}.json`;
}

type Git = (
  args: string[],
  options?: { input?: string; env?: Record<string, string> },
) => Promise<string>;

class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** What the branch holds for this suite: nothing (no branch, or no folder), or run files. */
type Snapshot =
  | { kind: "read"; tip: string | undefined; files: string[]; history: History | undefined }
  | { kind: "unreachable"; problem: string }
  | { kind: "corrupt"; file: string; problem: string };

export class RunFilesStore implements BaselineStore {
  readonly description: string;
  private readonly git: Git;

  constructor(private readonly o: RunFilesStoreOptions) {
    this.description = `${o.branch}:${o.dir}/`;
    this.git = (args, options = {}) =>
      new Promise((resolve, reject) => {
        const child = execFile(
          "git",
          args,
          {
            cwd: o.workspace,
            maxBuffer: 1 << 30,
            timeout: o.gitTimeoutMs ?? 30_000,
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

  private async snapshot(): Promise<Snapshot> {
    // Ask for the tip, then fetch that commit: no ref of the checkout is written, so two
    // saves from one checkout never fight over a ref lock.
    let tip: string | undefined;
    try {
      const line = await this.git(["ls-remote", "origin", `refs/heads/${this.o.branch}`]);
      tip = line.split(/\s/)[0] || undefined;
      if (!tip) return { kind: "read", tip: undefined, files: [], history: undefined };
      await this.fetchCommit(tip);
    } catch (error) {
      return {
        kind: "unreachable",
        problem: `git fetch of ${this.o.branch}: ${(error as Error).message}`,
      };
    }
    try {
      const listing = await this.git(["ls-tree", "--name-only", `${tip}:${this.o.dir}`]).catch(
        () => "",
      );
      const files = listing
        .split("\n")
        .filter((f) => f.endsWith(".json"))
        .sort();
      if (files.length === 0) return { kind: "read", tip, files, history: undefined };
      const texts = await this.readBlobs(files.map((f) => `${tip}:${this.o.dir}/${f}`));
      let history: History = emptyHistory(this.o.suite);
      for (const [i, file] of files.entries()) {
        const source = `${this.o.branch}:${this.o.dir}/${file}`;
        const parsed = parseHistory(texts[i] as string, source);
        if ("problem" in parsed) return { kind: "corrupt", file: source, problem: parsed.problem };
        // Files of another suite name (a rename) are not mixed in.
        if (parsed.history.suite === this.o.suite)
          history = mergeHistory(history, parsed.history, Number.MAX_SAFE_INTEGER);
      }
      return { kind: "read", tip, files, history };
    } catch (error) {
      return { kind: "unreachable", problem: (error as Error).message };
    }
  }

  /**
   * Fetches one commit without its history. Another fetch in the same checkout (a second
   * perfgate step) can hold the shallow file for a moment: that is retried, not reported.
   */
  private async fetchCommit(sha: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.git(["fetch", "--quiet", "--no-tags", "--depth=1", "origin", sha]);
        return;
      } catch (error) {
        const busy = /shallow file has changed|cannot lock|\.lock': File exists/i.test(
          (error as GitError).stderr ?? "",
        );
        if (!busy || attempt === 5) throw error;
        await this.pause(attempt);
      }
    }
  }

  /** Every blob in one `git cat-file --batch`, not one process per file. */
  private async readBlobs(names: string[]): Promise<string[]> {
    const out = Buffer.from(
      await this.git(["cat-file", "--batch"], { input: `${names.join("\n")}\n` }),
      "latin1",
    );
    const texts: string[] = [];
    let at = 0;
    for (const name of names) {
      const end = out.indexOf(10, at);
      const header = out.subarray(at, end).toString("latin1");
      const size = Number(header.split(" ")[2]);
      if (!/ blob \d+$/.test(header)) throw new Error(`cannot read ${name}: ${header}`);
      texts.push(out.subarray(end + 1, end + 1 + size).toString("utf8"));
      at = end + 1 + size + 1;
    }
    return texts;
  }

  async load(): Promise<LoadResult> {
    const source = this.description;
    const s = await this.snapshot();
    if (s.kind === "unreachable")
      return { kind: "unreadable", source, cause: { what: "unreachable", problem: s.problem } };
    if (s.kind === "corrupt") {
      return {
        kind: "unreadable",
        source,
        cause: {
          what: "corrupt",
          problem: s.problem,
          next: `update perfgate if a newer one wrote it, or delete ${s.file}`,
        },
      };
    }
    if (s.history && s.history.runs.length > 0)
      return { kind: "found", history: s.history, source };
    return this.o.legacy ? this.o.legacy.load() : { kind: "none", source };
  }

  async save(update: Update): Promise<SaveResult> {
    const attempts = this.o.maxAttempts ?? SAVE_ATTEMPTS;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const s = await this.snapshot();
      if (s.kind === "unreachable") {
        // A fetch can also fail because another save in the same checkout holds its lock
        // (.git/shallow): try again before giving up.
        if (attempt === attempts)
          return { saved: false, reason: `cannot read ${this.description}: ${s.problem}` };
        await this.pause(attempt);
        continue;
      }
      if (s.kind === "corrupt")
        return {
          saved: false,
          reason: `${s.file} is not a valid history (${s.problem}); left as it is`,
        };
      let stored = s.history;
      if (!stored && this.o.legacy) {
        const old = await this.o.legacy.load();
        if (old.kind === "unreadable")
          return {
            saved: false,
            reason: `cannot read ${old.source} to carry its runs over: ${old.cause.problem}`,
          };
        if (old.kind === "found") stored = old.history;
      }
      const next = update(stored);
      let commit: string;
      try {
        commit = await this.commit(s.tip, s.files, next);
      } catch (error) {
        return { saved: false, reason: `cannot write the run files: ${(error as Error).message}` };
      }
      try {
        await this.git(["push", "--quiet", "origin", `${commit}:refs/heads/${this.o.branch}`]);
        return { saved: true, where: `${this.description} (commit ${commit.slice(0, 12)})` };
      } catch (error) {
        const stderr = (error as GitError).stderr ?? "";
        // Another save got there first: rebuild on top of it.
        if (
          !/\[rejected\]|non-fast-forward|fetch first|failed to update ref|cannot lock ref/i.test(
            stderr,
          )
        ) {
          return {
            saved: false,
            reason: `git push to ${this.o.branch}: ${(error as Error).message} (the job needs \`permissions: contents: write\` and a checkout that keeps its credentials)`,
          };
        }
      }
      await this.pause(attempt);
    }
    return {
      saved: false,
      reason: `${this.o.branch} kept moving: gave up after ${attempts} attempts`,
    };
  }

  /** Between save attempts: longer each time, jittered so two savers do not collide again. */
  private pause(attempt: number): Promise<void> {
    const delay = (this.o.retryDelayMs ?? 500) * attempt * (0.5 + Math.random());
    return new Promise((r) => setTimeout(r, delay));
  }

  /** One commit on `tip` (or a root commit) whose folder holds exactly `next`'s runs. */
  private async commit(tip: string | undefined, present: string[], next: History): Promise<string> {
    const wanted = new Map(next.runs.map((run) => [runFileName(run), run]));
    const lines: string[] = [];
    for (const [name, run] of wanted) {
      if (present.includes(name)) continue;
      const text = serializeHistory({ schema: HISTORY_SCHEMA, suite: next.suite, runs: [run] });
      const blob = (await this.git(["hash-object", "-w", "--stdin"], { input: text })).trim();
      lines.push(`100644 ${blob}\t${this.o.dir}/${name}`);
    }
    // Mode 0 removes a path from the index.
    for (const name of present)
      if (!wanted.has(name)) lines.push(`0 ${"0".repeat(40)}\t${this.o.dir}/${name}`);
    const dir = await mkdtemp(join(tmpdir(), "perfgate-index-"));
    try {
      const env = { GIT_INDEX_FILE: join(dir, "index") };
      if (tip) await this.git(["read-tree", tip], { env });
      else await this.git(["read-tree", "--empty"], { env });
      if (lines.length > 0)
        await this.git(["update-index", "--index-info"], { env, input: `${lines.join("\n")}\n` });
      const tree = (await this.git(["write-tree"], { env })).trim();
      const parents = tip ? ["-p", tip] : [];
      return (
        await this.git(["commit-tree", tree, ...parents, "-m", this.o.commitMessage], { env: BOT })
      ).trim();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
