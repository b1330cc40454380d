/**
 * The Actions cache as a baseline store, through the real @actions/cache. Cache keys are
 * immutable, so every save writes a new key
 *   perfgate-<suite>-<os>-<arch>-<branch>-<run_id>-<attempt>
 * and a load restores the newest entry by prefix. Cache trouble is never fatal: the caller
 * gets "unavailable" or a failed save and turns it into a warning.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as cache from "@actions/cache";
import type { History } from "../model/types.js";
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
}

const FILE = "history.json";

/** Key parts may not hold commas (restore-key separator) and are kept readable. */
function part(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}

export function keyPrefix(o: Pick<CacheStoreOptions, "suite" | "os" | "arch" | "branch">): string {
  return `perfgate-${part(o.suite)}-${part(o.os)}-${part(o.arch)}-${part(o.branch)}-`;
}

export class CacheStore implements BaselineStore {
  readonly description: string;
  private readonly prefix: string;
  /** What the last load found, so a save can skip downloading it again. */
  private loaded?: { key: string; history: History };

  constructor(private readonly o: CacheStoreOptions) {
    this.prefix = keyPrefix(o);
    this.description = `the Actions cache (key ${this.prefix}*)`;
  }

  async load(): Promise<LoadResult> {
    const source = this.description;
    if (!cache.isFeatureAvailable()) {
      return {
        kind: "unavailable",
        source,
        problem: "the cache service is not available to this step",
      };
    }
    // A stale file from an earlier step must not pass for a restored one.
    await rm(this.o.dir, { recursive: true, force: true });
    let key: string | undefined;
    try {
      // The library turns service errors into a log line and `undefined`; only a bad key
      // throws.
      key = await cache.restoreCache([this.o.dir], this.prefix, [this.prefix]);
    } catch (error) {
      return { kind: "unavailable", source, problem: (error as Error).message };
    }
    this.loaded = undefined;
    if (!key) return { kind: "none", source };
    const entry = `the Actions cache entry ${key}`;
    let text: string;
    try {
      text = await readFile(join(this.o.dir, FILE), "utf8");
    } catch {
      return { kind: "corrupt", source: entry, problem: `it holds no ${FILE}` };
    }
    const parsed = parseHistory(text, entry);
    if ("problem" in parsed) return { kind: "corrupt", source: entry, problem: parsed.problem };
    this.loaded = { key, history: parsed.history };
    return { kind: "found", history: parsed.history, source: entry };
  }

  /**
   * Looks up the newest entry again right before writing, so a run that saved since our
   * load is merged rather than shadowed; when it is still the one we loaded, nothing is
   * downloaded twice. (Two saves in the very same instant can still shadow each other:
   * the cache has no compare-and-swap. The branch store has.)
   */
  async save(update: Update): Promise<SaveResult> {
    if (!cache.isFeatureAvailable()) {
      return { saved: false, reason: "the cache service is not available to this step" };
    }
    // A corrupt newest entry stays in the cache untouched (keys are immutable); a fresh
    // history starts beside it.
    const stored = await this.freshest();
    const next = update(stored);
    const key = `${this.prefix}${part(this.o.runId)}-${part(this.o.runAttempt)}`;
    await mkdir(this.o.dir, { recursive: true });
    await writeFile(join(this.o.dir, FILE), serializeHistory(next));
    try {
      const id = await cache.saveCache([this.o.dir], key);
      if (id === -1) return { saved: false, reason: `the cache did not accept key ${key}` };
      return { saved: true, where: `the Actions cache (key ${key})` };
    } catch (error) {
      return { saved: false, reason: (error as Error).message };
    }
  }

  private async freshest(): Promise<History | undefined> {
    const loaded = this.loaded;
    if (loaded) {
      try {
        const newest = await cache.restoreCache([this.o.dir], this.prefix, [this.prefix], {
          lookupOnly: true,
        });
        if (newest === loaded.key) return loaded.history;
      } catch {
        // fall through to a full read
      }
    }
    const latest = await this.load();
    return latest.kind === "found" ? latest.history : undefined;
  }
}
