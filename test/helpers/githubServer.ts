/**
 * A local stand-in for the few GitHub REST endpoints the Action uses, on node:http (the
 * real @actions/github sends through undici, which nock cannot see):
 * - issue comments: list (paginated, Link header), create, update; authors by token;
 * - GET /user (personal tokens only, like GitHub; GITHUB_TOKEN answers 403);
 * - GET /repos/{o}/{r}/pulls with GitHub's `head=owner:branch` and `state` filters, over
 *   the pull requests a test puts in `pulls` (real payload objects), and GET .../pulls/{n};
 * - contents GET/PUT backed by a REAL bare git repository: the sha is the blob's, a stale
 *   sha answers 409, and a write is a real commit (so `git fetch` sees it);
 * - the git-data API over the same repository: refs (get, create, update without force:
 *   422 when not a fast forward), commits, trees (base_tree, nested paths, sha null
 *   removes), blobs (JSON base64 or raw), each made with git's own plumbing;
 * - commit comments: list (paginated), create, delete (by their author);
 * - issues: list (paginated, `state`), create, update (title, body, state);
 * - check runs: create and update (annotations appended, 50 at most per request, output
 *   text and summary at most 65,535 characters, like GitHub), `canCheck` per user;
 * - programmable faults (status, count, delay, rate-limit headers).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface User {
  login: string;
  type: "Bot" | "User";
  /** May write comments and contents (a fork PR's token may not). */
  canWrite: boolean;
  /** GET /user works (personal tokens), or 403 (GITHUB_TOKEN, app tokens). */
  canGetUser: boolean;
  /** May create check runs (`checks: write`); absent means yes when canWrite. */
  canCheck?: boolean;
}

export interface CommitComment {
  id: number;
  sha: string;
  body: string;
  user: { login: string; type: string };
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  user: { login: string; type: string };
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  output: { title?: string; summary?: string; text?: string };
  annotations: Record<string, unknown>[];
  /** Annotations per request, in order (GitHub takes 50 at most). */
  batches: number[];
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
  issue: number;
}

/** A pull request as the REST API shows it: the fields the server filters on, and more. */
export interface Pull {
  number: number;
  state: "open" | "closed";
  head: { ref: string; sha: string; label?: string; repo: { full_name: string } | null };
  base: { ref: string; repo: { full_name: string } };
  [more: string]: unknown;
}

export interface ApiFault {
  method?: string;
  /** Matched against the path (without query). */
  path: RegExp;
  status: number;
  times?: number;
  delayMs?: number;
  /** Never answer: the request hangs until the client gives up or the server closes. */
  stall?: boolean;
  headers?: Record<string, string>;
  message?: string;
}

export interface GitHubServer {
  url: string;
  users: Map<string, User>;
  comments: Comment[];
  faults: ApiFault[];
  pulls: Pull[];
  commitComments: CommitComment[];
  issues: Issue[];
  checkRuns: CheckRun[];
  requests: { method: string; path: string; query: string; status: number; auth: string }[];
  /** Page size the server uses when it is larger than per_page asked (to force paging). */
  maxPerPage: number;
  addComment(issue: number, login: string, body: string, type?: string): Comment;
  close(): Promise<void>;
}

export const BOT: User = {
  login: "github-actions[bot]",
  type: "Bot",
  canWrite: true,
  canGetUser: false,
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      text += c;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

/** Runs git in `cwd` and gives its stdout decoded as `encoding`. */
function gitIn(
  cwd: string,
  args: string[],
  o: { env: Record<string, string>; input?: string; encoding: "utf8" | "latin1" },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      args,
      { cwd, env: { ...process.env, ...o.env }, maxBuffer: 1 << 30, encoding: "buffer" },
      (error, stdout) => (error ? reject(error) : resolve(stdout.toString(o.encoding))),
    );
    if (o.input !== undefined) child.stdin?.end(o.input);
  });
}

/** Contents endpoints over a bare repository. */
class GitContents {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly bare: string) {}

  private git(args: string[], env: Record<string, string> = {}, input?: string): Promise<string> {
    return gitIn(this.bare, args, { env, input, encoding: "utf8" });
  }

  async read(branch: string, path: string): Promise<{ sha: string; text: string } | undefined> {
    try {
      const sha = (await this.git(["rev-parse", `refs/heads/${branch}:${path}`])).trim();
      return { sha, text: await this.git(["cat-file", "blob", sha]) };
    } catch {
      return undefined;
    }
  }

  /** One write at a time, like GitHub's per-ref lock; the sha check decides who wins. */
  write(branch: string, path: string, text: string, sha: string | undefined, message: string) {
    const job = this.queue.then(() => this.writeNow(branch, path, text, sha, message));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async writeNow(
    branch: string,
    path: string,
    text: string,
    sha: string | undefined,
    message: string,
  ): Promise<{ status: number; sha?: string; message?: string }> {
    const current = await this.read(branch, path);
    if (current && !sha)
      return { status: 422, message: `Invalid request.\n\n"sha" wasn't supplied.` };
    if (current && sha !== current.sha)
      return { status: 409, message: `${path} does not match ${sha}` };
    if (!current && sha) return { status: 409, message: `${path} does not exist at ${sha}` };
    let parent: string;
    try {
      parent = (await this.git(["rev-parse", `refs/heads/${branch}`])).trim();
    } catch {
      return { status: 404, message: "Branch not found" };
    }
    const blob = (await this.git(["hash-object", "-w", "--stdin"], {}, text)).trim();
    const index = join(mkdtempSync(join(tmpdir(), "perfgate-index-")), "index");
    try {
      const env = { GIT_INDEX_FILE: index };
      await this.git(["read-tree", parent], env);
      await this.git(["update-index", "--add", "--cacheinfo", `100644,${blob},${path}`], env);
      const tree = (await this.git(["write-tree"], env)).trim();
      const author = {
        GIT_AUTHOR_NAME: "github-actions[bot]",
        GIT_AUTHOR_EMAIL: "bot@example.invalid",
        GIT_COMMITTER_NAME: "GitHub",
        GIT_COMMITTER_EMAIL: "noreply@example.invalid",
      };
      const commit = (
        await this.git(["commit-tree", tree, "-p", parent, "-m", message], author)
      ).trim();
      await this.git(["update-ref", `refs/heads/${branch}`, commit, parent]);
      return { status: current ? 200 : 201, sha: blob };
    } finally {
      rmSync(join(index, ".."), { recursive: true, force: true });
    }
  }
}

type Answer = { status: number; body: unknown; raw?: string };

const notFound: Answer = { status: 404, body: { message: "Not Found" } };

/** The git-data endpoints (/repos/{o}/{r}/git/…) over a bare repository, through plumbing. */
class GitData {
  /** Ref updates one at a time, like GitHub's per-ref lock; the ancestry check decides. */
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly bare: string) {}

  private git(args: string[], env: Record<string, string> = {}, input?: string): Promise<string> {
    // Blobs may be binary: latin1 keeps every byte as one character.
    return gitIn(this.bare, args, { env, input, encoding: "latin1" });
  }

  /** The type of object `sha`, undefined when the repository has none. */
  private async typeOf(sha: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
    return this.git(["cat-file", "-t", sha]).then(
      (t) => t.trim(),
      () => undefined,
    );
  }

  private async tipOf(ref: string): Promise<string | undefined> {
    return this.git(["rev-parse", "--verify", "--quiet", ref]).then(
      (t) => t.trim() || undefined,
      () => undefined,
    );
  }

  async handle(method: string, path: string[], body: string, raw: boolean): Promise<Answer> {
    const [kind, ...rest] = path;
    const json = () => JSON.parse(body || "{}") as Record<string, unknown>;
    if (kind === "ref" && method === "GET") {
      const ref = `refs/${rest.join("/")}`;
      const sha = await this.tipOf(ref);
      return sha ? { status: 200, body: { ref, object: { sha, type: "commit" } } } : notFound;
    }
    if (kind === "refs" && method === "POST") {
      const { ref, sha } = json() as { ref: string; sha: string };
      if (!/^refs\/heads\/./.test(ref) || (await this.typeOf(sha)) !== "commit")
        return { status: 422, body: { message: "Reference update failed" } };
      return this.serially(async () => {
        if (await this.tipOf(ref))
          return { status: 422, body: { message: "Reference already exists" } };
        await this.git(["update-ref", ref, sha, ""]);
        return { status: 201, body: { ref, object: { sha, type: "commit" } } };
      });
    }
    if (kind === "refs" && method === "PATCH") {
      const ref = `refs/${rest.join("/")}`;
      const { sha, force } = json() as { sha: string; force?: boolean };
      if ((await this.typeOf(sha)) !== "commit")
        return { status: 422, body: { message: "Object does not exist" } };
      return this.serially(async () => {
        const old = await this.tipOf(ref);
        if (!old) return { status: 422, body: { message: "Reference does not exist" } };
        const forward = await this.git(["merge-base", "--is-ancestor", old, sha]).then(
          () => true,
          () => false,
        );
        if (!forward && !force)
          return { status: 422, body: { message: "Update is not a fast forward" } };
        await this.git(["update-ref", ref, sha, old]);
        return { status: 200, body: { ref, object: { sha, type: "commit" } } };
      });
    }
    if (kind === "commits" && method === "GET") {
      const sha = rest[0] ?? "";
      if ((await this.typeOf(sha)) !== "commit") return notFound;
      const [tree, parents, message] = (
        await this.git(["show", "-s", "--format=%T%n%P%n%B", sha])
      ).split("\n");
      return {
        status: 200,
        body: {
          sha,
          tree: { sha: tree },
          parents: (parents ?? "")
            .split(" ")
            .filter(Boolean)
            .map((p) => ({ sha: p })),
          message,
        },
      };
    }
    if (kind === "commits" && method === "POST") {
      const { message, tree, parents } = json() as {
        message: string;
        tree: string;
        parents?: string[];
      };
      if ((await this.typeOf(tree)) !== "tree")
        return { status: 422, body: { message: "Tree SHA does not exist" } };
      for (const p of parents ?? [])
        if ((await this.typeOf(p)) !== "commit")
          return {
            status: 422,
            body: { message: "Parent SHA does not exist or is not a commit object" },
          };
      const author = {
        GIT_AUTHOR_NAME: "github-actions[bot]",
        GIT_AUTHOR_EMAIL: "bot@example.invalid",
        GIT_COMMITTER_NAME: "GitHub",
        GIT_COMMITTER_EMAIL: "noreply@example.invalid",
      };
      const args = ["commit-tree", tree, ...(parents ?? []).flatMap((p) => ["-p", p])];
      const sha = (await this.git([...args, "-m", message], author)).trim();
      return {
        status: 201,
        body: { sha, tree: { sha: tree }, parents: (parents ?? []).map((p) => ({ sha: p })) },
      };
    }
    if (kind === "trees" && method === "GET") {
      const sha = rest[0] ?? "";
      if ((await this.typeOf(sha)) !== "tree") return notFound;
      const listing = await this.git(["ls-tree", "-l", sha]);
      const tree = listing
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [meta, name] = line.split("\t") as [string, string];
          const [mode, type, id, size] = meta.split(/\s+/);
          return {
            path: name,
            mode,
            type,
            sha: id,
            ...(type === "blob" ? { size: Number(size) } : {}),
          };
        });
      return { status: 200, body: { sha, tree, truncated: false } };
    }
    if (kind === "trees" && method === "POST") {
      const { base_tree: base, tree } = json() as {
        base_tree?: string;
        tree: { path: string; mode: string; type: string; sha: string | null }[];
      };
      if (base && (await this.typeOf(base)) !== "tree")
        return { status: 422, body: { message: "base_tree is not a valid tree oid" } };
      const lines: string[] = [];
      for (const e of tree) {
        if (e.type !== "blob" || e.path.startsWith("/") || e.path.split("/").includes(".."))
          return { status: 422, body: { message: `tree.path ${e.path} is not valid here` } };
        if (e.sha === null) lines.push(`0 ${"0".repeat(40)}\t${e.path}`);
        else if ((await this.typeOf(e.sha)) !== "blob")
          return { status: 422, body: { message: `tree.sha ${e.sha} is not a valid blob` } };
        else lines.push(`${e.mode} ${e.sha}\t${e.path}`);
      }
      const dir = mkdtempSync(join(tmpdir(), "perfgate-index-"));
      try {
        const env = { GIT_INDEX_FILE: join(dir, "index") };
        await this.git(base ? ["read-tree", base] : ["read-tree", "--empty"], env);
        await this.git(["update-index", "--index-info"], env, `${lines.join("\n")}\n`);
        const sha = (await this.git(["write-tree"], env)).trim();
        return { status: 201, body: { sha } };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    if (kind === "blobs" && method === "GET") {
      const sha = rest[0] ?? "";
      if ((await this.typeOf(sha)) !== "blob") return notFound;
      const bytes = await new Promise<Buffer>((resolve, reject) =>
        execFile(
          "git",
          ["cat-file", "blob", sha],
          { cwd: this.bare, maxBuffer: 1 << 30, encoding: "buffer" },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        ),
      );
      if (raw) return { status: 200, body: undefined, raw: bytes.toString("latin1") };
      return {
        status: 200,
        body: { sha, size: bytes.length, encoding: "base64", content: bytes.toString("base64") },
      };
    }
    if (kind === "blobs" && method === "POST") {
      const { content, encoding } = json() as { content: string; encoding?: string };
      const bytes = Buffer.from(content, encoding === "base64" ? "base64" : "utf8");
      const sha = await new Promise<string>((resolve, reject) => {
        const child = execFile(
          "git",
          ["hash-object", "-w", "--stdin"],
          { cwd: this.bare },
          (error, stdout) => (error ? reject(error) : resolve(String(stdout).trim())),
        );
        child.stdin?.end(bytes);
      });
      return { status: 201, body: { sha } };
    }
    return notFound;
  }

  private serially(work: () => Promise<Answer>): Promise<Answer> {
    const job = this.queue.then(work);
    this.queue = job.catch(() => undefined);
    return job;
  }
}

export async function startGitHubServer(options: { bare?: string } = {}): Promise<GitHubServer> {
  const users = new Map<string, User>([["ghs_default_token", BOT]]);
  const comments: Comment[] = [];
  const faults: ApiFault[] = [];
  const pulls: Pull[] = [];
  const commitComments: CommitComment[] = [];
  const issues: Issue[] = [];
  const checkRuns: CheckRun[] = [];
  const requests: GitHubServer["requests"] = [];
  const contents = options.bare ? new GitContents(options.bare) : undefined;
  const gitData = options.bare ? new GitData(options.bare) : undefined;
  let nextId = 1000;
  let base = "";
  const state = { maxPerPage: 100 };

  const htmlUrl = (c: Comment) => `https://github.test/o/r/pull/${c.issue}#issuecomment-${c.id}`;
  const view = (c: Comment) => ({ id: c.id, body: c.body, user: c.user, html_url: htmlUrl(c) });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    const auth = req.headers.authorization ?? "";
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method, path: url.pathname, query: url.search, status, auth });
      const text = typeof value === "string" ? value : JSON.stringify(value);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(text);
    };
    const handle = async () => {
      const fault = faults.find(
        (f) =>
          (!f.method || f.method === method) &&
          f.path.test(url.pathname) &&
          (f.times === undefined || f.times > 0),
      );
      if (fault) {
        if (fault.times !== undefined) fault.times--;
        if (fault.stall) {
          requests.push({ method, path: url.pathname, query: url.search, status: 0, auth });
          return;
        }
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault.status >= 400) {
          send(
            fault.status,
            { message: fault.message ?? `injected ${fault.status}` },
            fault.headers ?? {},
          );
          return;
        }
      }
      const token = auth.replace(/^(token|bearer)\s+/i, "");
      const user = users.get(token);
      if (!user) {
        send(401, { message: "Bad credentials" });
        return;
      }
      const parts = url.pathname.split("/").filter(Boolean);
      // GET /user
      if (method === "GET" && url.pathname === "/user") {
        if (!user.canGetUser) send(403, { message: "Resource not accessible by integration" });
        else send(200, { login: user.login, type: user.type });
        return;
      }
      // GET /repos/{o}/{r}/pulls?head=owner:branch&state=open — GitHub matches `head` on the
      // head's owner and branch name (its "label"), not on the repository or commit.
      if (method === "GET" && parts[0] === "repos" && parts[3] === "pulls" && parts.length === 4) {
        const repo = `${parts[1]}/${parts[2]}`.toLowerCase();
        const head = url.searchParams.get("head");
        const wanted = url.searchParams.get("state") ?? "open";
        const label = (p: Pull) =>
          p.head.label ?? `${p.head.repo?.full_name.split("/")[0] ?? ""}:${p.head.ref}`;
        const found = pulls.filter(
          (p) =>
            p.base.repo.full_name.toLowerCase() === repo &&
            (wanted === "all" || p.state === wanted) &&
            (!head || label(p).toLowerCase() === head.toLowerCase()),
        );
        const per = Math.min(Number(url.searchParams.get("per_page") ?? 30), state.maxPerPage);
        const page = Number(url.searchParams.get("page") ?? 1);
        const last = Math.max(1, Math.ceil(found.length / per));
        const q = new URLSearchParams(url.searchParams);
        const link = (n: number) => {
          q.set("page", String(n));
          return `<${base}${url.pathname}?${q}>`;
        };
        const links = [page < last && `${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`];
        send(200, found.slice((page - 1) * per, page * per), {
          link: links.filter(Boolean).join(", "),
        });
        return;
      }
      // GET /repos/{o}/{r}/pulls/{n}: one pull request of `pulls` (with its merge_commit_sha
      // when a test gave it one, as GitHub does once it is merged)
      if (method === "GET" && parts[0] === "repos" && parts[3] === "pulls" && parts.length === 5) {
        const found = pulls.find((p) => p.number === Number(parts[4]));
        if (!found) send(404, { message: "Not Found" });
        else send(200, found);
        return;
      }
      // /repos/{o}/{r}/issues/{n}/comments
      if (
        parts[0] === "repos" &&
        parts[3] === "issues" &&
        parts[5] === "comments" &&
        parts.length === 6
      ) {
        const issue = Number(parts[4]);
        if (method === "GET") {
          const per = Math.min(Number(url.searchParams.get("per_page") ?? 30), state.maxPerPage);
          const page = Number(url.searchParams.get("page") ?? 1);
          const all = comments.filter((c) => c.issue === issue);
          const last = Math.max(1, Math.ceil(all.length / per));
          const link = (p: number) => `<${base}${url.pathname}?per_page=${per}&page=${p}>`;
          const links = [
            page < last && `${link(page + 1)}; rel="next"`,
            `${link(last)}; rel="last"`,
          ].filter(Boolean);
          send(200, all.slice((page - 1) * per, page * per).map(view), { link: links.join(", ") });
          return;
        }
        if (method === "POST") {
          if (!user.canWrite) {
            send(403, { message: "Resource not accessible by integration" });
            return;
          }
          const { body } = JSON.parse(await readBody(req)) as { body: string };
          if (body.length > 65_536) {
            send(422, {
              message: "Validation Failed",
              errors: [{ message: "body is too long (maximum is 65536 characters)" }],
            });
            return;
          }
          const c: Comment = {
            id: nextId++,
            body,
            user: { login: user.login, type: user.type },
            issue,
          };
          comments.push(c);
          send(201, view(c));
          return;
        }
      }
      // PATCH /repos/{o}/{r}/issues/comments/{id}
      if (
        parts[0] === "repos" &&
        parts[3] === "issues" &&
        parts[4] === "comments" &&
        method === "PATCH"
      ) {
        const c = comments.find((x) => x.id === Number(parts[5]));
        if (!c) {
          send(404, { message: "Not Found" });
          return;
        }
        if (!user.canWrite || c.user.login !== user.login) {
          send(403, { message: "Resource not accessible by integration" });
          return;
        }
        const { body } = JSON.parse(await readBody(req)) as { body: string };
        if (body.length > 65_536) {
          send(422, { message: "Validation Failed", errors: [{ message: "body is too long" }] });
          return;
        }
        c.body = body;
        send(200, view(c));
        return;
      }
      const author = { login: user.login, type: user.type };
      const page = <T>(all: T[], map: (x: T) => unknown) => {
        const per = Math.min(Number(url.searchParams.get("per_page") ?? 30), state.maxPerPage);
        const n = Number(url.searchParams.get("page") ?? 1);
        const last = Math.max(1, Math.ceil(all.length / per));
        const q = new URLSearchParams(url.searchParams);
        const link = (k: number) => {
          q.set("page", String(k));
          return `<${base}${url.pathname}?${q}>`;
        };
        const links = [n < last && `${link(n + 1)}; rel="next"`, `${link(last)}; rel="last"`];
        send(200, all.slice((n - 1) * per, n * per).map(map), {
          link: links.filter(Boolean).join(", "),
        });
      };
      const refuse = () => send(403, { message: "Resource not accessible by integration" });
      // /repos/{o}/{r}/commits/{sha}/comments
      if (parts[0] === "repos" && parts[3] === "commits" && parts[5] === "comments") {
        const sha = parts[4] as string;
        if (method === "GET") {
          page(
            commitComments.filter((c) => c.sha === sha),
            (c) => ({
              ...c,
              html_url: `https://github.test/o/r/commit/${sha}#commitcomment-${c.id}`,
            }),
          );
          return;
        }
        if (method === "POST") {
          if (!user.canWrite) return refuse();
          const { body } = JSON.parse(await readBody(req)) as { body: string };
          const c: CommitComment = { id: nextId++, sha, body, user: author };
          commitComments.push(c);
          send(201, {
            ...c,
            html_url: `https://github.test/o/r/commit/${sha}#commitcomment-${c.id}`,
          });
          return;
        }
      }
      // DELETE /repos/{o}/{r}/comments/{id}: a commit comment, by its author only
      if (
        method === "DELETE" &&
        parts[0] === "repos" &&
        parts[3] === "comments" &&
        parts.length === 5
      ) {
        const at = commitComments.findIndex((c) => c.id === Number(parts[4]));
        if (at < 0) return send(404, { message: "Not Found" });
        if (!user.canWrite || commitComments[at]?.user.login !== user.login) return refuse();
        commitComments.splice(at, 1);
        res.writeHead(204);
        res.end();
        requests.push({ method, path: url.pathname, query: url.search, status: 204, auth });
        return;
      }
      // /repos/{o}/{r}/issues and /repos/{o}/{r}/issues/{n}
      if (
        parts[0] === "repos" &&
        parts[3] === "issues" &&
        parts.length <= 5 &&
        parts[4] !== "comments"
      ) {
        const view = (i: Issue) => ({
          ...i,
          html_url: `https://github.test/o/r/issues/${i.number}`,
        });
        if (parts.length === 4 && method === "GET") {
          const wanted = url.searchParams.get("state") ?? "open";
          page(
            issues.filter((i) => wanted === "all" || i.state === wanted),
            view,
          );
          return;
        }
        if (parts.length === 4 && method === "POST") {
          if (!user.canWrite) return refuse();
          const { title, body } = JSON.parse(await readBody(req)) as {
            title: string;
            body: string;
          };
          const issue: Issue = { number: nextId++, title, body, state: "open", user: author };
          issues.push(issue);
          send(201, view(issue));
          return;
        }
        if (parts.length === 5 && method === "PATCH") {
          const issue = issues.find((i) => i.number === Number(parts[4]));
          if (!issue) return send(404, { message: "Not Found" });
          if (!user.canWrite) return refuse();
          Object.assign(issue, JSON.parse(await readBody(req)) as Partial<Issue>);
          send(200, view(issue));
          return;
        }
      }
      // /repos/{o}/{r}/check-runs[/{id}]
      if (parts[0] === "repos" && parts[3] === "check-runs") {
        if (!(user.canCheck ?? user.canWrite)) return refuse();
        const body = JSON.parse(await readBody(req)) as Partial<CheckRun> & {
          output?: CheckRun["output"] & { annotations?: Record<string, unknown>[] };
        };
        const annotations = body.output?.annotations ?? [];
        const tooLong = ["summary", "text"].find(
          (k) => (body.output?.[k as "text"] ?? "").length > 65_535,
        );
        if (annotations.length > 50 || tooLong) {
          return send(422, {
            message: "Validation Failed",
            errors: [{ message: tooLong ?? "annotations" }],
          });
        }
        const { annotations: _, ...output } = body.output ?? {};
        if (parts.length === 4 && method === "POST") {
          const run: CheckRun = {
            id: nextId++,
            name: body.name ?? "",
            head_sha: body.head_sha ?? "",
            status: body.status ?? "queued",
            ...(body.conclusion ? { conclusion: body.conclusion } : {}),
            output,
            annotations: [...annotations],
            batches: [annotations.length],
          };
          checkRuns.push(run);
          send(201, { id: run.id, html_url: `https://github.test/o/r/runs/${run.id}` });
          return;
        }
        const run = checkRuns.find((r) => r.id === Number(parts[4]));
        if (parts.length === 5 && method === "PATCH" && run) {
          run.output = { ...run.output, ...output };
          run.annotations.push(...annotations);
          run.batches.push(annotations.length);
          if (body.status) run.status = body.status;
          if (body.conclusion) run.conclusion = body.conclusion;
          send(200, { id: run.id, html_url: `https://github.test/o/r/runs/${run.id}` });
          return;
        }
      }
      // /repos/{o}/{r}/git/{refs|ref|commits|trees|blobs}/…
      if (parts[0] === "repos" && parts[3] === "git" && gitData) {
        if (method !== "GET" && !user.canWrite) {
          send(403, { message: "Resource not accessible by integration" });
          return;
        }
        const raw = (req.headers.accept ?? "").includes("raw");
        const body = method === "GET" ? "" : await readBody(req);
        const answer = await gitData.handle(
          method,
          parts.slice(4).map(decodeURIComponent),
          body,
          raw,
        );
        if (answer.raw !== undefined) {
          requests.push({ method, path: url.pathname, query: url.search, status: 200, auth });
          res.writeHead(200, { "content-type": "application/vnd.github.raw" });
          res.end(Buffer.from(answer.raw, "latin1"));
          return;
        }
        send(answer.status, answer.body);
        return;
      }
      // /repos/{o}/{r}/contents/{path…}
      if (parts[0] === "repos" && parts[3] === "contents" && contents) {
        const path = decodeURIComponent(parts.slice(4).join("/"));
        if (method === "GET") {
          const ref = url.searchParams.get("ref") ?? "main";
          const file = await contents.read(ref, path);
          if (!file) {
            send(404, { message: "Not Found" });
            return;
          }
          if ((req.headers.accept ?? "").includes("raw")) {
            requests.push({ method, path: url.pathname, query: url.search, status: 200, auth });
            res.writeHead(200, { "content-type": "application/vnd.github.raw" });
            res.end(file.text);
            return;
          }
          const size = Buffer.byteLength(file.text);
          // Like GitHub: above 1 MB the JSON answer carries no content.
          const big = size > 1024 * 1024;
          send(200, {
            type: "file",
            path,
            sha: file.sha,
            size,
            encoding: big ? "none" : "base64",
            content: big ? "" : Buffer.from(file.text).toString("base64"),
          });
          return;
        }
        if (method === "PUT") {
          if (!user.canWrite) {
            send(403, { message: "Resource not accessible by integration" });
            return;
          }
          const put = JSON.parse(await readBody(req)) as {
            content: string;
            sha?: string;
            branch?: string;
            message: string;
          };
          const text = Buffer.from(put.content, "base64").toString("utf8");
          const done = await contents.write(put.branch ?? "main", path, text, put.sha, put.message);
          if (done.status >= 400) send(done.status, { message: done.message });
          else send(done.status, { content: { path, sha: done.sha }, commit: {} });
          return;
        }
      }
      send(404, { message: "Not Found" });
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) send(500, { message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    users,
    comments,
    faults,
    pulls,
    commitComments,
    issues,
    checkRuns,
    requests,
    get maxPerPage() {
      return state.maxPerPage;
    },
    set maxPerPage(n: number) {
      state.maxPerPage = n;
    },
    addComment(issue, login, body, type = "User") {
      const c: Comment = { id: nextId++, body, user: { login, type }, issue };
      comments.push(c);
      return c;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A bare repository with `main` holding `files`, and a clone of it. Remove `root` after. */
export async function makeRepo(files: Record<string, string> = { "README.md": "test\n" }) {
  const root = mkdtempSync(join(tmpdir(), "perfgate-repo-"));
  const bare = join(root, "remote.git");
  const work = join(root, "work");
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.invalid",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.invalid",
  };
  await exec("git", ["init", "-q", "--bare", "-b", "main", bare]);
  await exec("git", ["init", "-q", "-b", "main", work]);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(work, name)), { recursive: true });
    writeFileSync(join(work, name), text);
  }
  await exec("git", ["add", "-A"], { cwd: work });
  await exec("git", ["commit", "-q", "-m", "start"], { cwd: work, env });
  await exec("git", ["remote", "add", "origin", bare], { cwd: work });
  await exec("git", ["push", "-q", "origin", "main"], { cwd: work });
  return { root, bare, work };
}
