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
import { emptyHistory, mergeHistory } from "../model/history.js";
import { HISTORY_SCHEMA, type History, type Results } from "../model/types.js";
import {
  commitOnto,
  fetchCommit,
  type Git,
  type GitError,
  gitIn,
  PUSH_NEEDS,
  pushRaced,
  remoteTip,
  retryPause,
} from "./branchGit.js";
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

/** Concurrent pushes to the baseline branch are rare; six tries outlast a burst of them. */
const SAVE_ATTEMPTS = 6;

/** `<time>_<commit>.json`: sorts by time; the commit is for people reading the branch. */
export function runFileName(run: Results): string {
  const t = Date.parse(run.timestamp);
  const time = Number.isNaN(t) ? run.timestamp : new Date(t).toISOString();
  const commit = (run.commit ?? "no-commit").replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
  return `${time.replace(/[-:]/g, "").replace(/[^A-Za-z0-9.]/g, "_")}_${commit}.json`;
}

/** What the branch holds for this suite: nothing (no branch, or no folder), or run files. */
type Snapshot =
  | { kind: "read"; tip: string | undefined; files: string[]; history: History | undefined }
  | { kind: "unreachable"; problem: string }
  | { kind: "corrupt"; file: string; problem: string };

export class RunFilesStore implements BaselineStore {
  readonly description: string;
  private readonly git: Git;
  /** Between attempts (fetch and save). */
  private readonly pause: (attempt: number) => Promise<void>;
  /**
   * The run files read last, by blob id: a save re-reads the branch (another push may have
   * saved since the load), but parses only the files that changed. At 10,000 benchmarks
   * parsing the 30 files takes seconds. Parsed runs are never written back (a save writes
   * only runs whose file is missing), so sharing them with the load's caller is safe.
   */
  private parsed = new Map<string, History>();

  constructor(private readonly o: RunFilesStoreOptions) {
    this.description = `${o.branch}:${o.dir}/`;
    this.git = gitIn(o.workspace, o.gitTimeoutMs);
    this.pause = retryPause(o.retryDelayMs);
  }

  private async snapshot(): Promise<Snapshot> {
    // Ask for the tip, then fetch that commit: no ref of the checkout is written, so two
    // saves from one checkout never fight over a ref lock.
    let tip: string | undefined;
    try {
      tip = await remoteTip(this.git, this.o.branch);
      if (!tip) return { kind: "read", tip: undefined, files: [], history: undefined };
      await fetchCommit(this.git, tip, this.pause);
    } catch (error) {
      return {
        kind: "unreachable",
        problem: `git fetch of ${this.o.branch}: ${(error as Error).message}`,
      };
    }
    try {
      // "<mode> blob <id>\t<name>" per file: the blob id says whether we parsed it already.
      const listing = await this.git(["ls-tree", `${tip}:${this.o.dir}`]).catch(() => "");
      const entries = listing
        .split("\n")
        .map((line) => /^\d+ blob ([0-9a-f]+)\t(.+\.json)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ blob: m[1] as string, file: m[2] as string }))
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const files = entries.map((e) => e.file);
      if (files.length === 0) return { kind: "read", tip, files, history: undefined };
      const unread = entries.filter((e) => !this.parsed.has(e.blob));
      const texts =
        unread.length > 0
          ? await this.readBlobs(unread.map((e) => `${tip}:${this.o.dir}/${e.file}`))
          : [];
      const parsed = new Map<string, History>();
      for (const [i, { blob, file }] of unread.entries()) {
        const source = `${this.o.branch}:${this.o.dir}/${file}`;
        const read = parseHistory(texts[i] as string, source);
        if ("problem" in read) return { kind: "corrupt", file: source, problem: read.problem };
        parsed.set(blob, read.history);
      }
      let history: History = emptyHistory(this.o.suite);
      for (const { blob } of entries) {
        const run = parsed.get(blob) ?? (this.parsed.get(blob) as History);
        parsed.set(blob, run);
        // Files of another suite name (a rename) are not mixed in.
        if (run.suite === this.o.suite)
          history = mergeHistory(history, run, Number.MAX_SAFE_INTEGER);
      }
      this.parsed = parsed;
      return { kind: "read", tip, files, history };
    } catch (error) {
      return { kind: "unreachable", problem: (error as Error).message };
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
        // Another save got there first: rebuild on top of it.
        if (!pushRaced(error)) {
          return {
            saved: false,
            reason: `git push to ${this.o.branch}: ${(error as GitError).message} (${PUSH_NEEDS})`,
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
    return commitOnto(this.git, tip, lines, this.o.commitMessage);
  }
}
