import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as cache from "@actions/cache";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CacheStore, keyPrefix } from "../../src/baseline/cacheStore.js";
import { withRun } from "../../src/baseline/history.js";
import { type CacheServer, cacheEnv, startCacheServer } from "../helpers/cacheServer.js";
import { baselineRuns, history } from "./builders.js";

let server: CacheServer;
let temp: string;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startCacheServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), "perfgate-cache-"));
  Object.assign(process.env, cacheEnv(server), { RUNNER_TEMP: temp, GITHUB_WORKSPACE: temp });
  server.faults.length = 0;
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(temp, { recursive: true, force: true });
});

function store(runId: string, suite = "cache-suite") {
  return new CacheStore({
    suite,
    branch: "main",
    os: "Linux",
    arch: "X64",
    runId,
    runAttempt: "1",
    dir: join(temp, "perfgate-baseline", suite),
  });
}

describe("the Actions cache store (real @actions/cache against a local cache service)", () => {
  it("finds nothing before the first save, then restores the newest saved history by prefix", async () => {
    expect((await store("1", "fresh").load()).kind).toBe("none");
    const [a, b] = baselineRuns(2, { suite: "fresh" });
    const first = await store("1", "fresh").save((stored) => withRun(stored, a, 30));
    expect(first).toEqual({
      saved: true,
      where: expect.stringContaining("perfgate-fresh-Linux-X64-main-1-1"),
    });
    await store("2", "fresh").save((stored) => withRun(stored, b, 30));
    const loaded = await store("3", "fresh").load();
    expect(loaded.kind).toBe("found");
    if (loaded.kind !== "found") return;
    expect(loaded.source).toContain("perfgate-fresh-Linux-X64-main-2-1");
    expect(loaded.history.runs.map((r) => r.commit)).toEqual([a.commit, b.commit]);
  });

  it("keys carry suite, os, arch and branch, and cannot hold commas", () => {
    expect(keyPrefix({ suite: "a,b c", os: "Linux", arch: "ARM64", branch: "release/1.x" })).toBe(
      "perfgate-a_b_c-Linux-ARM64-release_1.x-",
    );
  });

  it("a re-run with the same key is refused by the cache, and reported as not saved", async () => {
    const [a] = baselineRuns(1, { suite: "twice" });
    expect((await store("7", "twice").save((s) => withRun(s, a, 30))).saved).toBe(true);
    expect((await store("7", "twice").save((s) => withRun(s, a, 30))).saved).toBe(false);
  });

  it("a cache service answering 403 is 'unreadable' with the cause, not 'no baseline'", async () => {
    server.faults.push({ call: "GetCacheEntryDownloadURL", status: 403 });
    expect(await store("1", "denied").load()).toMatchObject({
      kind: "unreadable",
      cause: { what: "unreachable", problem: expect.stringMatching(/refused this token.*403/) },
    });
  });

  it("a save whose fresh read fails does not save: the stored history is left as it was", async () => {
    const [a, b] = baselineRuns(2, { suite: "keep" });
    expect((await store("1", "keep").save((s) => withRun(s, a, 30))).saved).toBe(true);
    server.faults.push({ call: "GetCacheEntryDownloadURL", status: 429, times: 1 });
    const saved = await store("2", "keep").save((s) => withRun(s, b, 30));
    expect(saved).toMatchObject({ saved: false, reason: expect.stringContaining("left as it is") });
    expect(
      server
        .entries()
        .map((e) => e.key)
        .filter((k) => k.startsWith("perfgate-keep-")),
    ).toEqual(["perfgate-keep-Linux-X64-main-1-1"]);
  });

  it("a corrupt entry is reported with its key and how to fix it, and a save refuses to shadow it", async () => {
    const [a, b] = baselineRuns(2, { suite: "corrupt" });
    expect((await store("1", "corrupt").save((s) => withRun(s, a, 30))).saved).toBe(true);
    // A newer entry whose history.json is not JSON, saved through the real library.
    const dir = join(temp, "perfgate-baseline", "corrupt");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "history.json"), '{"schema": "perfgate/history/v1", "runs": [');
    expect(await cache.saveCache([dir], "perfgate-corrupt-Linux-X64-main-2-1")).toBeGreaterThan(0);
    const corruptArchive = server.archive("perfgate-corrupt-Linux-X64-main-2-1");

    const loaded = await store("3", "corrupt").load();
    expect(loaded).toMatchObject({
      kind: "unreadable",
      cause: { what: "corrupt", next: expect.stringContaining("gh cache delete") },
    });
    expect(loaded.source).toContain("perfgate-corrupt-Linux-X64-main-2-1");

    expect((await store("3", "corrupt").save((s) => withRun(s, b, 30))).saved).toBe(false);
    expect(server.archive("perfgate-corrupt-Linux-X64-main-2-1")).toEqual(corruptArchive);
    expect(
      server
        .entries()
        .map((e) => e.key)
        .filter((k) => k.startsWith("perfgate-corrupt-")),
    ).toEqual(["perfgate-corrupt-Linux-X64-main-1-1", "perfgate-corrupt-Linux-X64-main-2-1"]);
  });

  it("an archive that is not a tarball is a corrupt entry named by its key, not 'no baseline'", async () => {
    const [a] = baselineRuns(1, { suite: "notar" });
    await store("1", "notar").save((s) => withRun(s, a, 30));
    const version = server.versionOf("perfgate-notar-Linux-X64-main-1-1") ?? "";
    server.putArchive("perfgate-notar-Linux-X64-main-2-1", version, Buffer.from("not a tar"));
    expect(await store("3", "notar").load()).toMatchObject({
      kind: "unreadable",
      source: expect.stringContaining("perfgate-notar-Linux-X64-main-2-1"),
      cause: { what: "corrupt", problem: expect.stringContaining("could not be unpacked") },
    });
  });

  it("saving re-reads the newest entry, so a run saved since our load is kept", async () => {
    const [a, b, c] = baselineRuns(3, { suite: "race" });
    await store("1", "race").save((s) => withRun(s, a, 30));
    const mine = store("3", "race");
    expect((await mine.load()).kind).toBe("found"); // sees [a]
    await store("2", "race").save((s) => withRun(s, b, 30)); // another push lands: [a, b]
    await mine.save((s) => withRun(s, c, 30));
    const loaded = await store("4", "race").load();
    expect(loaded.kind === "found" && loaded.history.runs.map((r) => r.commit)).toEqual([
      a.commit,
      b.commit,
      c.commit,
    ]);
  });

  it("trims the history to the window", async () => {
    const runs = baselineRuns(5, { suite: "trim" });
    let id = 0;
    for (const r of runs) await store(String(++id), "trim").save((s) => withRun(s, r, 3));
    const loaded = await store("9", "trim").load();
    expect(loaded.kind === "found" && loaded.history.runs.map((r) => r.commit)).toEqual(
      runs.slice(2).map((r) => r.commit),
    );
    expect(history([]).runs).toEqual([]);
  });
});
