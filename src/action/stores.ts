/**
 * Choosing the baseline store from the inputs, and saying in one line what a load that
 * found nothing usable means for this run.
 */
import { BranchStore } from "../baseline/branchStore.js";
import { CacheStore, runnerCacheOptions } from "../baseline/cacheStore.js";
import { PostgresStore } from "../baseline/postgresStore.js";
import { RunFilesStore } from "../baseline/runFilesStore.js";
import type { BaselineStore, LoadResult } from "../baseline/store.js";
import type { GitHubClient } from "../util/octokit.js";
import type { RunContext } from "./context.js";
import type { ActionInputs } from "./inputs.js";

/**
 * Masks the connection string and its password on their own (a log line may show either):
 * GitHub replaces every masked value with *** wherever it appears.
 */
export function maskDatabaseUrl(url: string, kit: { setSecret(secret: string): void }): void {
  kit.setSecret(url);
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) kit.setSecret(password);
  } catch {
    // not a URL: readInputs has refused it already
  }
}

/** One path segment from a branch or suite name ("release/2.x" → "release_2.x"). */
function safePart(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** The inputs a store reads, with history-size resolved (model/settings.ts). */
export type StoreInputs = ActionInputs & { historySize: number };

export function defaultStore(
  inputs: StoreInputs,
  ctx: RunContext,
  suite: string,
  branch: string,
  client: GitHubClient | undefined,
  env: Record<string, string | undefined>,
): BaselineStore {
  if (inputs.baseline === "branch") {
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const commitMessage = `perfgate: record ${suite} baseline for ${ctx.sha.slice(0, 12)} [skip ci]`;
    // A history file on the baseline branch (committed for review, or written by an older
    // perfgate) is still read, and carried over to the data branch by the first save.
    const legacy = new BranchStore({
      owner: ctx.owner,
      repo: ctx.repo,
      branch,
      path: inputs.baselinePath,
      workspace,
      ...(client ? { client } : {}),
      commitMessage,
      gitTimeoutMs: inputs.networkTimeoutMs,
    });
    return new RunFilesStore({
      workspace,
      branch: inputs.dataBranch,
      // Per baseline branch, as the cache keys are: a PR reads its base branch's runs.
      dir: `.perfgate/${safePart(branch)}/${safePart(suite)}`,
      suite,
      commitMessage,
      legacy,
      gitTimeoutMs: inputs.networkTimeoutMs,
      // A job without a checkout that can push (or none at all) saves through the API.
      ...(client ? { api: { client, owner: ctx.owner, repo: ctx.repo } } : {}),
    });
  }
  if (inputs.baseline === "postgres") {
    return new PostgresStore({
      url: inputs.databaseUrl,
      repository: `${ctx.owner}/${ctx.repo}`,
      suite,
      branch,
      historySize: inputs.historySize,
      timeoutMs: inputs.networkTimeoutMs,
    });
  }
  return new CacheStore({
    ...runnerCacheOptions(suite, branch, ctx, env),
    deadlineMs: inputs.networkTimeoutMs,
  });
}

/** A warning line for a baseline that was not found or not usable; undefined when found. */
export function baselineWarning(load: LoadResult): string | undefined {
  switch (load.kind) {
    case "found":
      return undefined;
    case "none":
      return `No baseline yet in ${load.source}: showing this run's values without grading. A push to the baseline branch will record one.`;
    case "unreadable": {
      const { what, problem, next } = load.cause;
      const head =
        what === "corrupt"
          ? `The baseline in ${load.source} is not a history this perfgate can read (${problem}); it was left untouched`
          : `The baseline could not be read from ${load.source}: ${problem}`;
      return `${head}. Comparing without a baseline${next ? `; to fix: ${next}` : ""}.`;
    }
  }
}

/** Why a push to the baseline branch does not save, when its load could not read the store. */
export function notSavingWarning(load: LoadResult & { kind: "unreadable" }): string {
  return load.cause.what === "corrupt"
    ? `The baseline was not saved: the stored history in ${load.source} could not be read, and this run will not write over it. It is left exactly as it was.`
    : `The baseline was not saved: the stored history could not be read from ${load.source}, and a save now would replace it with this one run. It is left as it was; the next push will try again.`;
}
