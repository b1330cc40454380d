/**
 * Storage growth of `baseline: branch`: 200 pushes of a suite saved into a real bare
 * repository, one commit per push, measured as written and after a plain `git gc`:
 *
 * - single file: the whole history rewritten on every push, as the contents API writes it
 *   (a blob of the full file, its trees and one commit, written straight into the bare
 *   repository with git plumbing, as the server stores a one-commit push: loose objects) —
 *   the branch layout before data-branch, in the compact v2 encoding (history v1 was 12.8×
 *   larger still);
 * - run files: the real RunFilesStore saving to perfgate-data (one file per run, pruned to
 *   the 30-run window) from a clone, pushing through git: its own save path is measured.
 *
 * Runs are made one at a time (200 runs of 10,000 benchmarks would not fit in memory).
 *
 * Each is set against one run's file compressed with gzip -9: the least a push can add.
 * Target (issue 16): run files ≤ 2× one compressed run per push after `git gc`.
 *
 *   npm run bench -- storage        (PERFGATE_STORAGE_SIZES=1000,10000 PERFGATE_STORAGE_PUSHES=200
 *                                    PERFGATE_STORAGE_LAYOUTS=single,runs: one layout per process
 *                                    lets a busy machine measure them side by side)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { serializeHistory, withRun } from "../src/baseline/history.js";
import { RunFilesStore } from "../src/baseline/runFilesStore.js";
import { HISTORY_SCHEMA, type History, type Results } from "../src/model/types.js";
import { scaleRuns } from "./lib/scaleInput.js";
import { markdownTable } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const SIZES = (process.env.PERFGATE_STORAGE_SIZES ?? "1000").split(",").map(Number);
const PUSHES = Number(process.env.PERFGATE_STORAGE_PUSHES ?? "200");
const LAYOUTS = (process.env.PERFGATE_STORAGE_LAYOUTS ?? "single,runs").split(",");
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

/** The pushes' runs, made on demand: distinct commits an hour apart, hosted-runner noise. */
function pushRuns(benchmarks: number): (push: number) => Results {
  const make = scaleRuns(benchmarks);
  return (i) => ({
    ...make(i.toString(16).padStart(40, "0")),
    timestamp: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
  });
}

interface Growth {
  writtenPerPush: number;
  gcPerPush: number;
  ms: number;
  /** The single file's size after the last push. */
  historyBytes?: number;
}

/** Growth of `bare` since `start` bytes over `pushes` pushes, as written and after git gc. */
function growth(bare: string, start: number, pushes: number, ms: number): Growth {
  const written = objectBytes(bare) - start;
  git(bare, ["gc", "--quiet"]);
  const gc = objectBytes(bare) - start;
  return { writtenPerPush: written / pushes, gcPerPush: gc / pushes, ms };
}

/**
 * One commit with the whole history file on main per push, as a contents-API write makes
 * it: git plumbing in the bare repository itself (no clone, no push), which writes the same
 * loose objects a one-commit push leaves there (receive.unpackLimit is 100 objects).
 */
function singleFile(runAt: (push: number) => Results): Growth {
  const root = mkdtempSync(join(os.tmpdir(), "perfgate-storage-"));
  try {
    const { bare } = makeRepo(root);
    const start = objectBytes(bare);
    const timer = startTimer();
    let history: History | undefined;
    const readme = git(bare, ["rev-parse", "main:README.md"]);
    for (let i = 0; i < PUSHES; i++) {
      history = withRun(history, runAt(i), WINDOW);
      const blob = git(bare, ["hash-object", "-w", "--stdin"], serializeHistory(history));
      const dir = git(bare, ["mktree"], `100644 blob ${blob}\thistory.json\n`);
      const tree = git(
        bare,
        ["mktree"],
        `100644 blob ${readme}\tREADME.md\n040000 tree ${dir}\t.perfgate\n`,
      );
      const parent = git(bare, ["rev-parse", "main"]);
      const commit = git(bare, [
        "commit-tree",
        tree,
        "-p",
        parent,
        "-m",
        "perfgate: record baseline [skip ci]",
      ]);
      git(bare, ["update-ref", "refs/heads/main", commit, parent]);
    }
    const ms = timer();
    return {
      ...growth(bare, start, PUSHES, ms),
      historyBytes: serializeHistory(history as History).length,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The real store, saving each run to perfgate-data. */
async function runFiles(runAt: (push: number) => Results): Promise<Growth> {
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
    for (let i = 0; i < PUSHES; i++) {
      const run = runAt(i);
      const saved = await store.save((stored) => withRun(stored, run, WINDOW));
      if (!saved.saved) throw new Error(saved.reason);
    }
    return growth(bare, start, PUSHES, timer());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export default async function storage(): Promise<void> {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const size of SIZES) {
    const n = size.toLocaleString("en-US");
    const oneRun = serializeHistory({
      schema: HISTORY_SCHEMA,
      suite: "scale",
      runs: [pushRuns(size)(0)],
    });
    const compressed = gzipSync(oneRun, { level: 9 }).length;
    // Each layout gets the same runs: a fresh maker of the same seed.
    const layouts: [string, string, () => Promise<Growth> | Growth][] = [
      [
        "single",
        "single history file on main, rewritten per push (v2)",
        () => singleFile(pushRuns(size)),
      ],
      ["runs", "one file per run on perfgate-data (RunFilesStore)", () => runFiles(pushRuns(size))],
    ];
    for (const [key, layout, measure] of layouts) {
      if (!LAYOUTS.includes(key)) continue;
      const g = await measure();
      const row = [
        n,
        layout,
        kb(g.writtenPerPush),
        kb(g.gcPerPush),
        `${(g.gcPerPush / compressed).toFixed(2)}×`,
        `${(g.ms / PUSHES).toFixed(0)} ms`,
      ];
      rows.push(row);
      // As it comes: the 10,000-benchmark layouts take many minutes each.
      console.error(`measured: ${row.join(" | ")}`);
      if (g.historyBytes !== undefined)
        notes.push(`- ${n} benchmarks: the ${WINDOW}-run history file is ${kb(g.historyBytes)}`);
      else
        notes.push(
          `- ${g.gcPerPush <= 2 * compressed ? "✅" : "❌"} ${n} benchmarks: ${kb(g.gcPerPush)} per push after git gc, ${(g.gcPerPush / compressed).toFixed(2)}× one compressed run (target ≤ 2×)`,
        );
    }
    notes.push(
      `- ${n} benchmarks: one run's file ${kb(oneRun.length)} (${kb(compressed)} gzip -9)`,
    );
  }
  console.log(
    [
      `${PUSHES} pushes per layout, a ${WINDOW}-run window, 3 metrics × 5 rounds per benchmark, hosted-runner noise.`,
      "Growth is the bare repository's objects (loose + packed) per push, as written and after a plain `git gc`.",
      "Time per push: the single file's is the bench's plumbing (serialize + write objects), not a contents-API call; the run files' is the store's whole save (fetch, read, commit, push).",
      "",
      markdownTable(
        [
          "benchmarks",
          "layout",
          "per push, as written",
          "per push, after git gc",
          "after gc / one compressed run",
          "time per push",
        ],
        rows,
      ),
      "",
      ...notes,
    ].join("\n"),
  );
}
