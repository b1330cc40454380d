/**
 * The Actions cache as a baseline store, through the real @actions/cache. Cache keys are
 * immutable, so every save writes a new key
 *   perfgate-<suite>-<os>-<arch>-<branch>-<run_id>-<attempt>
 * and a load restores the newest entry by prefix. Cache trouble is never fatal: the caller
 * gets "unreadable" (with the cause) or a failed save and turns it into a warning.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as cache from "@actions/cache";
import type { History } from "../model/types.js";
import { cacheCall } from "./cacheCall.js";
import { parseHistory, serializeHistory } from "./history.js";
import type { BaselineStore, LoadResult, SaveResult, Update } from "./store.js";

export interface CacheStoreOptions {
  suite: string;
  /** The baseline branch: the one whose pushes save. */
  branch: string;
  os: string;
  arch: string;
  runId: string;
  runAttempt: string;
  /**
   * Directory the cached file lives in. Save and restore must name the same path (the
   * cache version hashes it), so it is fixed per suite, not per run.
   */
  dir: string;
  /** The longest one restore or save may take, the library's own retries included. */
  deadlineMs?: number;
}

/**
 * A restore of one small JSON file takes a second or two; the library retries a failing
 * service for about 25 s on its own. 20 s lets a slow answer through and ends a stalled one.
 */
export const DEFAULT_CACHE_DEADLINE_MS = 20_000;

const FILE = "history.json";

/**
 * Where the runner's cache entries of `suite` are keyed and kept: what a save in the Action
 * and a `perfgate history import|export --to|--from cache` step must agree on (the cache
 * version hashes the directory, the key names os, arch and branch).
 */
export function runnerCacheOptions(
  suite: string,
  branch: string,
  run: { runId: string; runAttempt: string },
  env: Record<string, string | undefined>,
): CacheStoreOptions {
  return {
    suite,
    branch,
    os: env.RUNNER_OS ?? process.platform,
    arch: env.RUNNER_ARCH ?? process.arch,
    runId: run.runId,
    runAttempt: run.runAttempt,
    dir: join(env.RUNNER_TEMP ?? tmpdir(), "perfgate-baseline", part(suite)),
  };
}

/** Key parts may not hold commas (restore-key separator) and are kept readable. */
function part(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}

export function keyPrefix(o: Pick<CacheStoreOptions, "suite" | "os" | "arch" | "branch">): string {
  return `perfgate-${part(o.suite)}-${part(o.os)}-${part(o.arch)}-${part(o.branch)}-`;
}

const NOT_AVAILABLE =
  "the cache service is not available to this step (the runner gives ACTIONS_RESULTS_URL only to JavaScript actions)";

/** Whether the cache service can be used. `npm run local-action` replaces @actions/cache with
 *  GitHub's local stand-in (a folder), which has no isFeatureAvailable: it is always there. */
function cacheAvailable(): boolean {
  const probe = (cache as { isFeatureAvailable?: () => boolean }).isFeatureAvailable;
  return typeof probe === "function" ? probe() : true;
}

export class CacheStore implements BaselineStore {
  readonly description: string;
  private readonly prefix: string;
  private readonly deadlineMs: number;
  /** What the last load found, so a save can skip downloading it again. */
  private loaded?: { key: string; history: History };

  constructor(private readonly o: CacheStoreOptions) {
    this.prefix = keyPrefix(o);
    this.description = `the Actions cache (key ${this.prefix}*)`;
    this.deadlineMs = o.deadlineMs ?? DEFAULT_CACHE_DEADLINE_MS;
  }

  async load(): Promise<LoadResult> {
    const source = this.description;
    this.loaded = undefined;
    const unreachable = (problem: string): LoadResult => ({
      kind: "unreadable",
      source,
      cause: { what: "unreachable", problem },
    });
    if (!cacheAvailable()) return unreachable(NOT_AVAILABLE);
    // A stale file from an earlier step must not pass for a restored one.
    await rm(this.o.dir, { recursive: true, force: true });
    const restored = await cacheCall("the cache restore", this.deadlineMs, () =>
      cache.restoreCache([this.o.dir], this.prefix, [this.prefix]),
    );
    if (!restored.ok) return unreachable(restored.problem);
    const key = restored.value;
    if (restored.failure !== undefined) {
      // A bad archive fails after the lookup matched a key: that entry is what is broken.
      const broken = restored.matched;
      return broken && /archive/.test(restored.failure)
        ? {
            kind: "unreadable",
            source: `the Actions cache entry ${broken}`,
            cause: { what: "corrupt", problem: restored.failure, next: deleteHint(broken) },
          }
        : unreachable(restored.failure);
    }
    if (!key) return { kind: "none", source };
    const entry = `the Actions cache entry ${key}`;
    const corrupt = (problem: string): LoadResult => ({
      kind: "unreadable",
      source: entry,
      cause: { what: "corrupt", problem, next: deleteHint(key) },
    });
    let text: string;
    try {
      text = await readFile(join(this.o.dir, FILE), "utf8");
    } catch {
      return corrupt(`it holds no ${FILE}`);
    }
    const parsed = parseHistory(text, entry);
    if ("problem" in parsed) return corrupt(parsed.problem);
    this.loaded = { key, history: parsed.history };
    return { kind: "found", history: parsed.history, source: entry };
  }

  /**
   * Looks up the newest entry again right before writing, so a run that saved since our
   * load is merged rather than shadowed; when it is still the one we loaded, nothing is
   * downloaded twice. (Two saves in the very same instant can still shadow each other:
   * the cache has no compare-and-swap. The branch store has.) When that read fails, or the
   * newest entry is not a valid history, nothing is saved: keys are immutable, and a new
   * entry beside a broken one would become "the newest" with one run.
   */
  async save(update: Update): Promise<SaveResult> {
    if (!cacheAvailable()) return { saved: false, reason: NOT_AVAILABLE };
    const stored = await this.freshest();
    if (stored.kind === "unreadable") {
      return {
        saved: false,
        reason: `${stored.source} could not be read (${stored.cause.problem}); it was left as it is`,
      };
    }
    const next = update(stored.kind === "found" ? stored.history : undefined);
    const key = `${this.prefix}${part(this.o.runId)}-${part(this.o.runAttempt)}`;
    await mkdir(this.o.dir, { recursive: true });
    await writeFile(join(this.o.dir, FILE), serializeHistory(next));
    const saved = await cacheCall("the cache save", this.deadlineMs, () =>
      cache.saveCache([this.o.dir], key),
    );
    if (!saved.ok) return { saved: false, reason: saved.problem };
    if (saved.value === -1) {
      return {
        saved: false,
        reason: saved.failure ?? `the cache did not accept key ${key}`,
      };
    }
    return { saved: true, where: `the Actions cache (key ${key})` };
  }

  private async freshest(): Promise<LoadResult> {
    const loaded = this.loaded;
    if (loaded) {
      const newest = await cacheCall("the cache lookup", this.deadlineMs, () =>
        cache.restoreCache([this.o.dir], this.prefix, [this.prefix], { lookupOnly: true }),
      );
      if (newest.ok && newest.failure === undefined && newest.value === loaded.key) {
        return { kind: "found", history: loaded.history, source: this.description };
      }
    }
    return this.load();
  }
}

function deleteHint(key: string): string {
  return `update perfgate if a newer one wrote it, or delete the entry (\`gh cache delete ${key}\`) to start a new history`;
}
