/**
 * Runs the Action the way a runner does: INPUT_* variables, GITHUB_EVENT_PATH with a real
 * payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, GITHUB_API_URL at a local GitHub,
 * ACTIONS_RESULTS_URL at a local cache service. Either in-process through run(deps) (fast)
 * or as the bundled dist/index.js in a child process (under Node 20 or Node 24). Both give
 * back the same shape, so one assertion serves both.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, beforeEach } from "vitest";
import { type Deps, run } from "../../src/action/run.js";
import { coreToolkit, type Toolkit } from "../../src/action/toolkit.js";
import { CacheStore } from "../../src/baseline/cacheStore.js";
import { HISTORY_SCHEMA, type Results } from "../../src/model/types.js";
import { type CacheServer, cacheEnv, startCacheServer } from "../helpers/cacheServer.js";
import { type GitHubServer, startGitHubServer } from "../helpers/githubServer.js";
import { bundleAction } from "./bundle.js";

export const EVENTS = fileURLToPath(new URL("../../fixtures/events/", import.meta.url));
export const TOKEN = "ghs_default_token";

export interface Outcome {
  code: number;
  outputs: Record<string, string>;
  summary: string;
  warnings: string[];
  errors: string[];
  notices: string[];
  failed: string[];
  /** Everything the step printed (bundled) or logged (in-process). */
  log: string;
}

export interface World {
  root: string;
  workspace: string;
  cache: CacheServer;
  github: GitHubServer;
  /** Writes results files into the workspace; returns their relative paths. */
  write(name: string, value: Results | string): string;
  env(event: EventSpec, inputs: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export interface EventSpec {
  name: "pull_request" | "pull_request_target" | "push" | "workflow_run";
  /** A file in fixtures/events, or an absolute path. */
  file: string;
  sha?: string;
  ref?: string;
  runId?: string;
  headRef?: string;
}

/** The recorded pull_request.opened payload: a PR into master. */
export const PR: EventSpec = { name: "pull_request", file: "pull_request.opened.json" };

/** A push of `sha` to master (the baseline branch) in workflow run `runId`. */
export const pushToMaster = (sha: string, runId: string): EventSpec => ({
  name: "push",
  file: "push.master.json",
  ref: "refs/heads/master",
  sha,
  runId,
});

const examples = (
  await import("@octokit/webhooks-examples/api.github.com/index.json", { with: { type: "json" } })
).default as { name: string; examples: Record<string, unknown>[] }[];

/** The recorded example of webhook `name` that `pick` chooses, as a fresh copy. */
export function recorded(
  name: string,
  pick: (example: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const found = examples.find((e) => e.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no recorded ${name} example matches`);
  return structuredClone(found);
}

/** What GitHub says about the run a workflow_run follows (the facts a fork cannot change). */
export interface RunFacts {
  event?: string;
  headSha: string;
  headBranch: string;
  /** owner/name */
  headRepo: string;
}

/**
 * The recorded workflow_run.completed payload (the one whose pull_requests is empty, as for
 * a fork), adapted to follow a run in Codertocat/Hello-World that built `facts`: written to
 * `dir`, returned as an EventSpec.
 */
export function workflowRunAfter(dir: string, facts: RunFacts): EventSpec {
  const event = recorded(
    "workflow_run",
    (x) =>
      x.action === "completed" &&
      (x.workflow_run as { pull_requests: unknown[] }).pull_requests.length === 0 &&
      (x.repository as { full_name: string }).full_name === "octo-org/octo-repo",
  );
  const run = event.workflow_run as Record<string, unknown>;
  const [owner, name] = facts.headRepo.split("/");
  run.event = facts.event ?? "pull_request";
  run.head_sha = facts.headSha;
  run.head_branch = facts.headBranch;
  const headRepo = run.head_repository as Record<string, unknown>;
  headRepo.full_name = facts.headRepo;
  headRepo.name = name;
  (headRepo.owner as Record<string, unknown>).login = owner;
  event.repository = recorded("pull_request", (x) => x.action === "opened").repository;
  const file = join(dir, `workflow_run-${facts.headSha.slice(0, 7)}-${owner}.json`);
  writeFileSync(file, JSON.stringify(event));
  return {
    name: "workflow_run",
    file,
    sha: "3484a3fb816e0859fd6e1cea078d76385ff50625",
    ref: "refs/heads/master",
  };
}

export async function makeWorld(
  options: { bare?: string; workspace?: string } = {},
): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), "perfgate-action-"));
  const workspace = options.workspace ?? join(root, "workspace");
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(root, "temp"), { recursive: true });
  const cache = await startCacheServer();
  const github = await startGitHubServer(options.bare ? { bare: options.bare } : {});
  let step = 0;
  return {
    root,
    workspace,
    cache,
    github,
    write(name, value) {
      const path = join(workspace, name);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
      return name;
    },
    env(event, inputs) {
      step++;
      const output = join(root, `output-${step}`);
      const summary = join(root, `summary-${step}`);
      writeFileSync(output, "");
      writeFileSync(summary, "");
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? root,
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: event.name,
        GITHUB_EVENT_PATH: resolve(EVENTS, event.file),
        GITHUB_REPOSITORY: "Codertocat/Hello-World",
        GITHUB_SHA: event.sha ?? "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        GITHUB_REF: event.ref ?? "refs/pull/2/merge",
        GITHUB_HEAD_REF: event.headRef ?? (event.name === "pull_request" ? "changes" : ""),
        GITHUB_RUN_ID: event.runId ?? String(1000 + step),
        GITHUB_RUN_ATTEMPT: "1",
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_API_URL: github.url,
        GITHUB_SERVER_URL: "https://github.com",
        RUNNER_TEMP: join(root, "temp"),
        RUNNER_OS: "Linux",
        RUNNER_ARCH: "X64",
        ...cacheEnv(cache),
        "INPUT_GITHUB-TOKEN": TOKEN,
      };
      for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
      return env;
    },
    async close() {
      await Promise.all([cache.close(), github.close()]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** How a test file gets its world: made (by `world`, default makeWorld) and filled (by `seed`)
 *  before each test, handed to the file by `ready`, closed after the test. */
export interface WorldSetup<Ready> {
  ready: Ready;
  world?: () => Promise<World>;
  seed?: (world: World) => Promise<void> | void;
}

/** A fresh world (local GitHub and cache service) for each test of a file. */
export function useWorld(setup: WorldSetup<(world: World) => void>): void {
  let world: World | undefined;
  beforeEach(async () => {
    world = await (setup.world ?? makeWorld)();
    setup.ready(world);
    await setup.seed?.(world);
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
}

/** useWorld for a file that runs the bundled Action: the bundle is built once for the file. */
export function useBundledWorld(setup: WorldSetup<(dist: string, world: World) => void>): void {
  let dist = "";
  beforeAll(async () => {
    dist = await bundleAction();
  }, 120_000);
  useWorld({ ...setup, ready: (world) => setup.ready(dist, world) });
}

export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] as string] = m[3] as string;
  return out;
}

/** Workflow commands from a step's stdout, unescaped as the runner would. */
function commands(stdout: string, kind: string): string[] {
  const decode = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
  return stdout
    .split("\n")
    .filter((l) => l.startsWith(`::${kind}`))
    .map((l) => decode(l.slice(l.indexOf("::", 2) + 2)));
}

function collectFiles(env: Record<string, string>) {
  return {
    outputs: parseOutputs(readFileSync(env.GITHUB_OUTPUT as string, "utf8")),
    summary: readFileSync(env.GITHUB_STEP_SUMMARY as string, "utf8"),
  };
}

/** The real Action in a child process: `node <dist>/index.js` (see bundle.ts). */
export function runBundled(
  node: string,
  dist: string,
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [join(dist, "index.js")], {
      env,
      cwd: env.GITHUB_WORKSPACE,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const errors = commands(stdout, "error");
      resolve({
        code: code ?? -1,
        ...collectFiles(env),
        warnings: commands(stdout, "warning"),
        errors,
        notices: commands(stdout, "notice"),
        // setFailed prints an ::error:: and sets the exit code.
        failed: code === 1 ? errors.slice(-1) : [],
        log: stdout + stderr,
      });
    });
  });
}

/** The same, in this process through run(deps), recording the runner commands. */
export async function runInProcess(
  env: Record<string, string>,
  deps: Partial<Deps> = {},
): Promise<Outcome> {
  const rec = {
    warnings: [] as string[],
    errors: [] as string[],
    notices: [] as string[],
    failed: [] as string[],
    log: [] as string[],
  };
  const kit: Toolkit = {
    ...coreToolkit,
    info: (m) => rec.log.push(m),
    warning: (m) => rec.warnings.push(m),
    error: (m) => rec.errors.push(m),
    notice: (m) => rec.notices.push(m),
    setFailed: (m) => rec.failed.push(m),
    setSecret: () => {},
  };
  const saved = process.env;
  // @actions/core and @actions/cache read process.env themselves.
  process.env = { ...env };
  try {
    const code = await run({ env, kit, ...deps });
    return { code, ...collectFiles(env), ...rec, log: rec.log.join("\n") };
  } finally {
    process.env = saved;
  }
}

/**
 * Puts a whole baseline history into the local cache in one save, where the Action's
 * cache store looks for it (faster than one push run per baseline run for big suites).
 */
export async function seedCache(
  world: World,
  runs: Results[],
  suite = "unit",
  branch = "master",
): Promise<void> {
  const env = world.env({ name: "push", file: "push.master.json" }, {});
  const saved = process.env;
  process.env = { ...env };
  try {
    const store = new CacheStore({
      suite,
      branch,
      os: env.RUNNER_OS as string,
      arch: env.RUNNER_ARCH as string,
      runId: "1",
      runAttempt: "1",
      dir: join(env.RUNNER_TEMP as string, "perfgate-baseline", suite),
    });
    const done = await store.save(() => ({ schema: HISTORY_SCHEMA, suite, runs }));
    if (!done.saved) throw new Error(`seeding the cache failed: ${done.reason}`);
  } finally {
    process.env = saved;
  }
}

/**
 * Saves `text` as the cached history.json under `key`, through the real @actions/cache,
 * where the Action looks (a newer key than seedCache's wins the prefix match): to plant a
 * history of a future schema or one that is not JSON.
 */
export async function plantCachedHistory(
  world: World,
  text: string,
  key: string,
  suite = "unit",
): Promise<void> {
  const env = world.env({ name: "push", file: "push.master.json" }, {});
  const saved = process.env;
  process.env = { ...env };
  try {
    const dir = join(env.RUNNER_TEMP as string, "perfgate-baseline", suite);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "history.json"), text);
    const cache = await import("@actions/cache");
    if ((await cache.saveCache([dir], key)) <= 0) throw new Error(`planting ${key} failed`);
  } finally {
    process.env = saved;
  }
}

/** Seeds the baseline the way a repository does: one push run per baseline run, in order
 *  (in process, for speed); each must pass. */
export async function seedByPushes(world: World, runs: Results[]): Promise<void> {
  for (const [i, run] of runs.entries()) {
    const env = world.env(pushToMaster(run.commit ?? "", String(100 + i)), {
      results: world.write(`seed-${i}.json`, run),
    });
    const done = await runInProcess(env);
    if (done.code !== 0) throw new Error(`seeding push ${i} failed: ${done.failed.join("; ")}`);
  }
}

/** `r` with every benchmark's time `factor` times larger (slower), for `n` benchmarks
 *  from the first. */
export function slowedDown(r: Results, factor: number, n = r.benchmarks.length): Results {
  return {
    ...r,
    benchmarks: r.benchmarks.map((b, i) => {
      const time = b.metrics.time;
      if (i >= n || !time) return b;
      return {
        ...b,
        metrics: { ...b.metrics, time: { ...time, samples: time.samples.map((s) => s * factor) } },
      };
    }),
  };
}
