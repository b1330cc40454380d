/**
 * Storage growth of `baseline: branch`: 200 pushes of a suite saved into a real bare
 * repository, one commit per push, measured as written and after a plain `git gc`:
 *
 * - single file: the whole history rewritten on every push, as the contents API writes it
 *   (one commit holding the full file) — the branch layout before data-branch, in the
 *   compact v2 encoding (history v1 was 12.8× larger still);
 * - run files: the real RunFilesStore saving to perfgate-data (one file per run, pruned to
 *   the 30-run window).
 *
 * Each is set against one run's file compressed with gzip -9: the least a push can add.
 * Target (issue 16): run files ≤ 2× one compressed run per push after `git gc`.
 *
 *   npm run bench -- storage        (PERFGATE_STORAGE_SIZES=1000,10000 PERFGATE_STORAGE_PUSHES=200)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { serializeHistory, withRun } from "../src/baseline/history.js";
import { RunFilesStore } from "../src/baseline/runFilesStore.js";
import { HISTORY_SCHEMA, type History, type Results } from "../src/model/types.js";
import { scaleInput } from "./lib/scaleInput.js";
import { markdownTable } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const SIZES = (process.env.PERFGATE_STORAGE_SIZES ?? "1000").split(",").map(Number);
const PUSHES = Number(process.env.PERFGATE_STORAGE_PUSHES ?? "200");
const WINDOW = 30;
const IDENTITY = {
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@example.invalid",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@example.invalid",
};

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, ...IDENTITY },
    ...(input !== undefined ? { input } : {}),
  }).trim();
}

/** Bytes of the bare repository's objects (loose and packed). */
function objectBytes(bare: string): number {
  const counts = Object.fromEntries(
    git(bare, ["count-objects", "-v"])
      .split("\n")
      .map((line) => line.split(": ") as [string, string]),
  );
  return (Number(counts.size) + Number(counts["size-pack"])) * 1024;
}

function makeRepo(root: string): { bare: string; work: string } {
  const bare = join(root, "remote.git");
  const work = join(root, "work");
  git(root, ["init", "-q", "--bare", "-b", "main", bare]);
  git(root, ["clone", "-q", bare, work]);
  writeFileSync(join(work, "README.md"), "bench\n");
  git(work, ["add", "-A"]);
  git(work, ["commit", "-q", "-m", "start"]);
  git(work, ["push", "-q", "origin", "main"]);
  return { bare, work };
}

/** The 200 pushes' runs: distinct commits an hour apart, hosted-runner noise. */
function pushRuns(benchmarks: number): Results[] {
  return scaleInput(benchmarks, PUSHES).baseline.map((run, i) => ({
    ...run,
    commit: i.toString(16).padStart(40, "0"),
    timestamp: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
  }));
}

interface Growth {
  writtenPerPush: number;
  gcPerPush: number;
  ms: number;
}

/** Growth of `bare` since `start` bytes over `pushes` pushes, as written and after git gc. */
function growth(bare: string, start: number, pushes: number, ms: number): Growth {
  const written = objectBytes(bare) - start;
  git(bare, ["gc", "--quiet"]);
  const gc = objectBytes(bare) - start;
  return { writtenPerPush: written / pushes, gcPerPush: gc / pushes, ms };
}

/** One commit with the whole history file on main per push, as a contents-API write. */
function singleFile(runs: Results[]): Growth {
  const root = mkdtempSync(join(os.tmpdir(), "perfgate-storage-"));
  try {
    const { bare, work } = makeRepo(root);
    const start = objectBytes(bare);
    const timer = startTimer();
    let history: History | undefined;
    mkdirSync(join(work, ".perfgate"), { recursive: true });
    for (const run of runs) {
      history = withRun(history, run, WINDOW);
      writeFileSync(join(work, ".perfgate/history.json"), serializeHistory(history));
      git(work, ["add", "-A"]);
      git(work, ["commit", "-q", "-m", "perfgate: record baseline [skip ci]"]);
      git(work, ["push", "-q", "origin", "main"]);
    }
    return growth(bare, start, runs.length, timer());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The real store, saving each run to perfgate-data. */
async function runFiles(runs: Results[]): Promise<Growth> {
  const root = mkdtempSync(join(os.tmpdir(), "perfgate-storage-"));
  try {
    const { bare, work } = makeRepo(root);
    const start = objectBytes(bare);
    const store = new RunFilesStore({
      workspace: work,
      branch: "perfgate-data",
      dir: ".perfgate/main/scale",
      suite: "scale",
      commitMessage: "perfgate: record scale baseline [skip ci]",
    });
    const timer = startTimer();
    for (const run of runs) {
      const saved = await store.save((stored) => withRun(stored, run, WINDOW));
      if (!saved.saved) throw new Error(saved.reason);
    }
    return growth(bare, start, runs.length, timer());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export default async function storage(): Promise<void> {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const size of SIZES) {
    const runs = pushRuns(size);
    const oneRun = serializeHistory({
      schema: HISTORY_SCHEMA,
      suite: "scale",
      runs: [runs[0] as Results],
    });
    const compressed = gzipSync(oneRun, { level: 9 }).length;
    const history = runs.slice(-WINDOW);
    const fullFile = serializeHistory({ schema: HISTORY_SCHEMA, suite: "scale", runs: history });
    for (const [layout, growth] of [
      ["single history file on main, rewritten per push (v2)", singleFile(runs)],
      ["one file per run on perfgate-data (RunFilesStore)", await runFiles(runs)],
    ] as const) {
      const g = await growth;
      rows.push([
        size.toLocaleString("en-US"),
        layout,
        kb(g.writtenPerPush),
        kb(g.gcPerPush),
        `${(g.gcPerPush / compressed).toFixed(2)}×`,
        `${(g.ms / runs.length).toFixed(0)} ms`,
      ]);
      if (layout.startsWith("one file"))
        notes.push(
          `- ${g.gcPerPush <= 2 * compressed ? "✅" : "❌"} ${size.toLocaleString("en-US")} benchmarks: ${kb(g.gcPerPush)} per push after git gc, ${(g.gcPerPush / compressed).toFixed(2)}× one compressed run (target ≤ 2×)`,
        );
    }
    notes.push(
      `- ${size.toLocaleString("en-US")} benchmarks: one run's file ${kb(oneRun.length)} (${kb(compressed)} gzip -9); the ${WINDOW}-run history file ${kb(fullFile.length)}`,
    );
  }
  console.log(
    [
      `${PUSHES} pushes per layout, a ${WINDOW}-run window, 3 metrics × 5 rounds per benchmark, hosted-runner noise.`,
      "Growth is the bare repository's objects (loose + packed) per push, as written and after a plain `git gc`.",
      "",
      markdownTable(
        [
          "benchmarks",
          "layout",
          "per push, as written",
          "per push, after git gc",
          "after gc / one compressed run",
          "time per save",
        ],
        rows,
      ),
      "",
      ...notes,
    ].join("\n"),
  );
}
