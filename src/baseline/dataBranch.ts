/**
 * How the run-files store reaches its data branch. Two ways, the same git objects:
 *
 * - git in the workflow's checkout (actions/checkout leaves the token in its git config):
 *   ask the remote for the tip, fetch that one commit, commit in a private index, push;
 * - the REST git-data API, for a job with a token but no checkout that can push (no
 *   checkout at all, or `persist-credentials: false`): read trees and blobs (raw, so a
 *   large file is not the contents API's 1 MB-limited base64), then create the new run's
 *   blob, a tree on the tip's tree (`base_tree`, so only the changed paths are sent), a
 *   commit, and move the branch without force.
 *
 * Either way a save adds one run's file and removes the ones that left the window, and a
 * branch that moved meanwhile is reported as "raced" (git refuses the push; the API answers
 * 422 "not a fast forward") so the store rebuilds on the new tip: nothing is overwritten.
 */
import type { GitHubClient } from "../util/octokit.js";
import {
  commitOnto,
  fetchCommit,
  type Git,
  type GitError,
  PUSH_NEEDS,
  pushRaced,
  remoteTip,
} from "./branchGit.js";

/** A `.json` file directly in the store's folder, with its blob id (the same in git and
 *  in the API: a blob already parsed need not be read again). */
export interface RunFileEntry {
  file: string;
  blob: string;
}

export interface DataBranchAccess {
  /** For messages: "git" or "the REST API". */
  readonly via: string;
  /** The branch's tip commit, readable afterwards; undefined when there is no branch yet. */
  tip(): Promise<string | undefined>;
  /** The run files in `dir` at `tip`, sorted by name; none when the folder is absent. */
  list(tip: string, dir: string): Promise<RunFileEntry[]>;
  /** The files' texts, in the order given. */
  read(tip: string, dir: string, entries: RunFileEntry[]): Promise<string[]>;
  /** A commit on `tip` (a root commit when undefined) whose `dir` gains `add` and loses
   *  `remove` (file names), the rest of the tree as it was. */
  commit(
    tip: string | undefined,
    dir: string,
    add: { file: string; text: string }[],
    remove: string[],
    message: string,
  ): Promise<string>;
  /** Moves the branch from `tip` to `commit`, never by force: "raced" when it moved. */
  publish(tip: string | undefined, commit: string): Promise<"done" | "raced">;
}

/**
 * Whether git failed for want of a checkout, a remote or credentials (what the API, with
 * the job's token, can stand in for), rather than because the remote refused the push (a
 * protected branch refuses the API too) or did not answer (nor would the API, likely).
 */
export function gitLacksAccess(error: unknown): boolean {
  const text = `${(error as Error).message ?? ""}\n${(error as GitError).stderr ?? ""}`;
  return /not a git repository|does not appear to be a git repository|could not read (username|password)|terminal prompts disabled|authentication failed|permission to \S+ denied|repository not found|returned error: 40[13]|invalid username or password/i.test(
    text,
  );
}

const byFile = (a: RunFileEntry, b: RunFileEntry) =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : 0;

/** The data branch through git in a checkout whose `origin` is the repository. */
export function gitAccess(
  git: Git,
  branch: string,
  pause: (attempt: number) => Promise<void>,
): DataBranchAccess {
  return {
    via: "git",
    async tip() {
      // Ask for the tip, then fetch that commit: no ref of the checkout is written, so two
      // saves from one checkout never fight over a ref lock.
      try {
        const tip = await remoteTip(git, branch);
        if (tip) await fetchCommit(git, tip, pause);
        return tip;
      } catch (error) {
        throw new AccessError(`git fetch of ${branch}: ${(error as Error).message}`, error);
      }
    },
    async list(tip, dir) {
      // "<mode> blob <id>\t<name>" per file; no such folder is an error we read as empty.
      const listing = await git(["ls-tree", `${tip}:${dir}`]).catch(() => "");
      return listing
        .split("\n")
        .map((line) => /^\d+ blob ([0-9a-f]+)\t(.+\.json)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ blob: m[1] as string, file: m[2] as string }))
        .sort(byFile);
    },
    async read(tip, dir, entries) {
      // Every blob in one `git cat-file --batch`, not one process per file.
      const names = entries.map((e) => `${tip}:${dir}/${e.file}`);
      const out = Buffer.from(
        await git(["cat-file", "--batch"], { input: `${names.join("\n")}\n` }),
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
    },
    async commit(tip, dir, add, remove, message) {
      const lines: string[] = [];
      for (const { file, text } of add) {
        const blob = (await git(["hash-object", "-w", "--stdin"], { input: text })).trim();
        lines.push(`100644 ${blob}\t${dir}/${file}`);
      }
      // Mode 0 removes a path from the index.
      for (const file of remove) lines.push(`0 ${"0".repeat(40)}\t${dir}/${file}`);
      return commitOnto(git, tip, lines, message);
    },
    async publish(_tip, commit) {
      try {
        await git(["push", "--quiet", "origin", `${commit}:refs/heads/${branch}`]);
        return "done";
      } catch (error) {
        if (pushRaced(error)) return "raced";
        throw new AccessError(
          `git push to ${branch}: ${(error as GitError).message} (${PUSH_NEEDS})`,
          error,
        );
      }
    },
  };
}

/** A failure of git with its cause kept, so gitLacksAccess can read git's own words. */
export class AccessError extends Error {
  readonly gitError: unknown;
  constructor(message: string, gitError: unknown) {
    super(message);
    this.gitError = gitError;
  }
}

/** Whether the API may succeed where `error` (from a git access) failed. */
export function worthTheApi(error: unknown): boolean {
  return gitLacksAccess(error instanceof AccessError ? error.gitError : error);
}

export interface ApiTarget {
  client: GitHubClient;
  owner: string;
  repo: string;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** Octokit hands back text for a charset=utf-8 answer, an ArrayBuffer otherwise. */
function textOf(body: unknown): string {
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString("utf8");
  if (ArrayBuffer.isView(body))
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  return String(body);
}

type TreeAnswer = Awaited<ReturnType<GitHubClient["rest"]["git"]["getTree"]>>;

/** The data branch through the REST git-data API. */
export function apiAccess(target: ApiTarget, branch: string): DataBranchAccess {
  const { client, owner, repo } = target;
  const where = { owner, repo };
  /** The tree sha of `dir` at `commit`, undefined when a folder on the way is absent. */
  const treeOf = async (commit: string, dir: string): Promise<string | undefined> => {
    let tree: string | undefined = (
      await client.rest.git.getCommit({ ...where, commit_sha: commit })
    ).data.tree.sha;
    for (const part of dir.split("/").filter(Boolean)) {
      const listing: TreeAnswer = await client.rest.git.getTree({
        ...where,
        tree_sha: tree as string,
      });
      tree = listing.data.tree.find((e) => e.path === part && e.type === "tree")?.sha;
      if (!tree) return undefined;
    }
    return tree;
  };
  return {
    via: "the REST API",
    async tip() {
      try {
        const { data } = await client.rest.git.getRef({ ...where, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async list(tip, dir) {
      const tree = await treeOf(tip, dir);
      if (!tree) return [];
      const { data } = await client.rest.git.getTree({ ...where, tree_sha: tree });
      return data.tree
        .filter((e) => e.type === "blob" && e.path?.endsWith(".json") && e.sha)
        .map((e) => ({ file: e.path as string, blob: e.sha as string }))
        .sort(byFile);
    },
    async read(_tip, _dir, entries) {
      const texts: string[] = [];
      // One at a time: a few files of a few MB each, and no burst against the rate limit.
      for (const { blob } of entries) {
        const raw = await client.rest.git.getBlob({
          ...where,
          file_sha: blob,
          mediaType: { format: "raw" },
        });
        texts.push(textOf(raw.data));
      }
      return texts;
    },
    async commit(tip, dir, add, remove, message) {
      const tree: {
        path: string;
        mode: "100644";
        type: "blob";
        sha: string | null;
      }[] = [];
      for (const { file, text } of add) {
        const { data } = await client.rest.git.createBlob({
          ...where,
          content: text,
          encoding: "utf-8",
        });
        tree.push({ path: `${dir}/${file}`, mode: "100644", type: "blob", sha: data.sha });
      }
      // sha null removes the path from the base tree.
      for (const file of remove)
        tree.push({ path: `${dir}/${file}`, mode: "100644", type: "blob", sha: null });
      const base = tip
        ? (await client.rest.git.getCommit({ ...where, commit_sha: tip })).data.tree.sha
        : undefined;
      const made = await client.rest.git.createTree({
        ...where,
        tree,
        ...(base ? { base_tree: base } : {}),
      });
      const commit = await client.rest.git.createCommit({
        ...where,
        message,
        tree: made.data.sha,
        parents: tip ? [tip] : [],
      });
      return commit.data.sha;
    },
    async publish(tip, commit) {
      try {
        if (tip)
          await client.rest.git.updateRef({
            ...where,
            ref: `heads/${branch}`,
            sha: commit,
            force: false,
          });
        else
          await client.rest.git.createRef({ ...where, ref: `refs/heads/${branch}`, sha: commit });
        return "done";
      } catch (error) {
        // 422 "Update is not a fast forward" / "Reference already exists": another save won.
        const message = String((error as Error).message);
        if (statusOf(error) === 422 && /fast.forward|already exists/i.test(message)) return "raced";
        throw error;
      }
    },
  };
}
