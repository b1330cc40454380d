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
 * token in its git config), never through a file of 100 MB. A job whose checkout cannot
 * fetch or push (none at all, or `persist-credentials: false`) but that has a token goes
 * through the REST git-data API instead, with the same one-run commits (dataBranch.ts).
 */
import { emptyHistory, mergeHistory } from "../model/history.js";
import { HISTORY_SCHEMA, type History, type Results } from "../model/types.js";
import { describeApiFailure } from "../util/httpFailure.js";
import { gitIn, retryPause } from "./branchGit.js";
import {
  type ApiTarget,
  apiAccess,
  type DataBranchAccess,
  gitAccess,
  worthTheApi,
} from "./dataBranch.js";
import { parseHistory, serializeHistory } from "./history.js";
import type { BaselineStore, LoadResult, SaveResult, Update } from "./store.js";

export const DEFAULT_DATA_BRANCH = "perfgate-data";

export interface RunFilesStoreOptions {
  /** A git checkout whose `origin` is the repository (or any folder, with `api`). */
  workspace: string;
  /** The GitHub API, used where git in `workspace` cannot read or push the branch. */
  api?: ApiTarget;
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
  | { kind: "unreachable"; problem: string; error: unknown }
  | { kind: "corrupt"; file: string; problem: string };

export class RunFilesStore implements BaselineStore {
  readonly description: string;
  /** Between attempts (fetch and save). */
  private readonly pause: (attempt: number) => Promise<void>;
  /** git while it works; the API from the first time git could not read or push. */
  private access: DataBranchAccess;
  private readonly api: DataBranchAccess | undefined;
  /**
   * The run files read last, by blob id: a save re-reads the branch (another push may have
   * saved since the load), but parses only the files that changed. At 10,000 benchmarks
   * parsing the 30 files takes seconds. Parsed runs are never written back (a save writes
   * only runs whose file is missing), so sharing them with the load's caller is safe.
   */
  private parsed = new Map<string, History>();

  constructor(private readonly o: RunFilesStoreOptions) {
    this.description = `${o.branch}:${o.dir}/`;
    this.pause = retryPause(o.retryDelayMs);
    this.access = gitAccess(gitIn(o.workspace, o.gitTimeoutMs), o.branch, this.pause);
    this.api = o.api ? apiAccess(o.api, o.branch) : undefined;
  }

  /** Moves on to the API after git failed for want of access (`error`); false when there
   *  is no API, it is in use already, or git failed for a reason the API shares. */
  private fallBack(error: unknown): boolean {
    if (!this.api || this.access === this.api || !worthTheApi(error)) return false;
    this.access = this.api;
    return true;
  }

  private async snapshot(): Promise<Snapshot> {
    const first = await this.snapshotVia(this.access);
    if (first.kind !== "unreachable" || !this.fallBack(first.error)) return first;
    const second = await this.snapshotVia(this.access);
    return second.kind === "unreachable"
      ? {
          kind: "unreachable",
          problem: `${first.problem}; then ${second.problem}`,
          error: second.error,
        }
      : second;
  }

  private async snapshotVia(access: DataBranchAccess): Promise<Snapshot> {
    let tip: string | undefined;
    try {
      tip = await access.tip();
      if (!tip) return { kind: "read", tip: undefined, files: [], history: undefined };
    } catch (error) {
      return { kind: "unreachable", problem: readFailure(access, this.o.branch, error), error };
    }
    try {
      const entries = await access.list(tip, this.o.dir);
      const files = entries.map((e) => e.file);
      if (files.length === 0) return { kind: "read", tip, files, history: undefined };
      const unread = entries.filter((e) => !this.parsed.has(e.blob));
      const texts = unread.length > 0 ? await access.read(tip, this.o.dir, unread) : [];
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
      return { kind: "unreachable", problem: readFailure(access, this.o.branch, error), error };
    }
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
      const access = this.access;
      let commit: string;
      let outcome: "done" | "raced";
      try {
        commit = await this.commit(access, s.tip, s.files, next);
        outcome = await access.publish(s.tip, commit);
      } catch (error) {
        // git could not write (no credentials in the checkout): the API can, from its tip.
        if (this.fallBack(error)) {
          attempt--;
          continue;
        }
        return { saved: false, reason: saveFailure(access, this.o.branch, error) };
      }
      if (outcome === "done") {
        const via = access === this.api ? ", through the REST API" : "";
        return { saved: true, where: `${this.description} (commit ${commit.slice(0, 12)}${via})` };
      }
      // Another save got there first: rebuild on top of it.
      await this.pause(attempt);
    }
    return {
      saved: false,
      reason: `${this.o.branch} kept moving: gave up after ${attempts} attempts`,
    };
  }

  /** One commit on `tip` (or a root commit) whose folder holds exactly `next`'s runs. */
  private commit(
    access: DataBranchAccess,
    tip: string | undefined,
    present: string[],
    next: History,
  ): Promise<string> {
    const wanted = new Map(next.runs.map((run) => [runFileName(run), run]));
    const add = [...wanted]
      .filter(([name]) => !present.includes(name))
      .map(([file, run]) => ({
        file,
        text: serializeHistory({ schema: HISTORY_SCHEMA, suite: next.suite, runs: [run] }),
      }));
    const remove = present.filter((name) => !wanted.has(name));
    return access.commit(tip, this.o.dir, add, remove, this.o.commitMessage);
  }
}

/** Why the branch could not be read: git's own words, or the API failure explained. */
function readFailure(access: DataBranchAccess, branch: string, error: unknown): string {
  if (access.via === "git") return messageOf(error);
  return `reading ${branch} through the REST API: ${describeApiFailure(error).text}`;
}

/** Why a save could not write, with what the job needs where that is the likely cause. */
function saveFailure(access: DataBranchAccess, branch: string, error: unknown): string {
  if (access.via === "git") return messageOf(error);
  const failure = describeApiFailure(error);
  const hint =
    failure.kind === "permission" || failure.kind === "not-found"
      ? " (the job needs `permissions: contents: write`)"
      : "";
  return `saving to ${branch} through the REST API: ${failure.text}${hint}`;
}

function messageOf(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0] as string;
}
