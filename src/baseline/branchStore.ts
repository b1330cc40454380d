/**
 * A history file on a branch as the baseline store: the durable choice (the cache evicts).
 * Read with git where the checkout can fetch the branch, otherwise through the contents
 * API. Written only through the contents API with the file's sha: a concurrent writer gets
 * 409, and we read again, merge and retry. Never a force push, never a blind overwrite.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { History } from "../model/types.js";
import { describeApiFailure } from "../util/httpFailure.js";
import type { GitHubClient } from "../util/octokit.js";
import { parseHistory, serializeHistory } from "./history.js";
import type { BaselineStore, LoadResult, SaveResult, Update } from "./store.js";

const run = promisify(execFile);

export interface BranchStoreOptions {
  owner: string;
  repo: string;
  branch: string;
  path: string;
  /** A git checkout of the repository, if the workflow has one. */
  workspace?: string;
  client?: GitHubClient;
  commitMessage: string;
  /** Read-merge-write rounds before giving up on a busy file. */
  maxAttempts?: number;
  /** Wait between rounds, scaled by the attempt; tests shrink it. */
  retryDelayMs?: number;
  /** The longest a `git fetch` of the branch may take before the API is asked instead. */
  gitTimeoutMs?: number;
}

/** Fetching one branch at depth 1 takes seconds; longer means the remote is stuck. */
export const DEFAULT_GIT_TIMEOUT_MS = 30_000;

/** Five concurrent writers to one file is already unusual for pushes to one branch. */
export const DEFAULT_SAVE_ATTEMPTS = 6;

type Read =
  | { kind: "file"; text: string; sha: string }
  | { kind: "absent" }
  | { kind: "error"; status?: number; problem: string };

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

function messageOf(error: unknown): string {
  return (error as Error).message?.split("\n")[0] ?? String(error);
}

export class BranchStore implements BaselineStore {
  readonly description: string;

  constructor(private readonly o: BranchStoreOptions) {
    this.description = `${o.branch}:${o.path}`;
  }

  /** `git show origin/<branch>:<path>` after fetching the branch; undefined: ask the API. */
  private async readWithGit(): Promise<Read | undefined> {
    const cwd = this.o.workspace;
    if (!cwd) return undefined;
    const git = (...args: string[]) =>
      run("git", args, {
        cwd,
        maxBuffer: 1 << 30,
        timeout: this.o.gitTimeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
        killSignal: "SIGKILL",
        // A credential prompt would wait for ever on a runner.
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
      });
    try {
      await git("rev-parse", "--is-inside-work-tree");
      await git(
        "fetch",
        "--quiet",
        "--no-tags",
        "--depth=1",
        "origin",
        `refs/heads/${this.o.branch}`,
      );
    } catch {
      return undefined;
    }
    try {
      const { stdout } = await git("show", `FETCH_HEAD:${this.o.path}`);
      return { kind: "file", text: stdout, sha: "" };
    } catch (error) {
      // The branch was fetched and the file is not on it: that is a definite answer.
      return /does not exist|exists on disk, but not in/.test(
        String((error as { stderr?: string }).stderr),
      )
        ? { kind: "absent" }
        : undefined;
    }
  }

  private async readWithApi(): Promise<Read> {
    const client = this.o.client;
    if (!client)
      return { kind: "error", problem: "no checkout has the branch and no github-token was given" };
    const params = {
      owner: this.o.owner,
      repo: this.o.repo,
      path: this.o.path,
      ref: this.o.branch,
    };
    try {
      const { data } = await client.rest.repos.getContent(params);
      if (Array.isArray(data) || data.type !== "file") {
        return { kind: "error", problem: `${this.o.path} is not a file on ${this.o.branch}` };
      }
      // Above 1 MB the JSON answer carries no content: fetch the raw bytes.
      if (data.encoding === "base64" && data.content) {
        return {
          kind: "file",
          text: Buffer.from(data.content, "base64").toString("utf8"),
          sha: data.sha,
        };
      }
      const raw = await client.rest.repos.getContent({ ...params, mediaType: { format: "raw" } });
      // Octokit hands back text for a charset=utf-8 answer, an ArrayBuffer otherwise.
      const body: unknown = raw.data;
      const text = body instanceof ArrayBuffer ? Buffer.from(body).toString("utf8") : String(body);
      return { kind: "file", text, sha: data.sha };
    } catch (error) {
      const failure = describeApiFailure(error);
      if (failure.kind === "not-found") return { kind: "absent" };
      return {
        kind: "error",
        ...(failure.status ? { status: failure.status } : {}),
        problem: failure.text,
      };
    }
  }

  async load(): Promise<LoadResult> {
    const read = (await this.readWithGit()) ?? (await this.readWithApi());
    return this.interpret(read);
  }

  private interpret(read: Read): LoadResult {
    const source = this.description;
    if (read.kind === "absent") return { kind: "none", source };
    if (read.kind === "error") {
      return { kind: "unreadable", source, cause: { what: "unreachable", problem: read.problem } };
    }
    const parsed = parseHistory(read.text, this.description);
    if ("problem" in parsed) {
      return {
        kind: "unreadable",
        source,
        cause: {
          what: "corrupt",
          problem: parsed.problem,
          next: `update perfgate if a newer one wrote it, or fix or delete ${this.o.path} on ${this.o.branch}`,
        },
      };
    }
    return { kind: "found", history: parsed.history, source };
  }

  async save(update: Update): Promise<SaveResult> {
    const client = this.o.client;
    if (!client) return { saved: false, reason: "saving to a branch needs input 'github-token'" };
    const attempts = this.o.maxAttempts ?? DEFAULT_SAVE_ATTEMPTS;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const read = await this.readWithApi();
      if (read.kind === "error")
        return { saved: false, reason: `cannot read ${this.description}: ${read.problem}` };
      let stored: History | undefined;
      if (read.kind === "file") {
        const parsed = parseHistory(read.text, this.description);
        // Never replace what we cannot read: it may be a newer format, or fixable by hand.
        if ("problem" in parsed) {
          return {
            saved: false,
            reason: `${this.description} is not a valid history (${parsed.problem}); left as it is — fix or delete it`,
          };
        }
        stored = parsed.history;
      }
      const content = Buffer.from(serializeHistory(update(stored))).toString("base64");
      try {
        await client.rest.repos.createOrUpdateFileContents({
          owner: this.o.owner,
          repo: this.o.repo,
          path: this.o.path,
          branch: this.o.branch,
          message: this.o.commitMessage,
          content,
          ...(read.kind === "file" ? { sha: read.sha } : {}),
        });
        return { saved: true, where: this.description };
      } catch (error) {
        const status = statusOf(error);
        // 409: the file moved under us. 422 without/with a stale sha: created meanwhile.
        const raced = status === 409 || (status === 422 && /\bsha\b/i.test(messageOf(error)));
        if (!raced) {
          const failure = describeApiFailure(error);
          const hint =
            failure.kind === "permission" || failure.kind === "not-found"
              ? " (the job needs `permissions: contents: write`)"
              : "";
          return { saved: false, reason: `${failure.text}${hint}` };
        }
        const delay = (this.o.retryDelayMs ?? 500) * attempt * (0.5 + Math.random());
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return {
      saved: false,
      reason: `${this.description} kept changing: gave up after ${attempts} attempts`,
    };
  }
}
