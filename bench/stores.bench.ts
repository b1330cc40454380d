/**
 * Save and load of a 1,000-benchmark × 3-metric × 5-round history of 30 runs through the
 * Actions cache store (the real @actions/cache against the local cache server: tar, zstd,
 * upload) and through the PostgreSQL store (a real server started here): a load of the 30
 * runs, and a save that adds one run, as a push does. Median of REPEATS.
 *
 *   npm run bench -- stores
 */
import { join } from "node:path";
import pg from "pg";
import { CacheStore } from "../src/baseline/cacheStore.js";
import { withRun } from "../src/baseline/history.js";
import { PostgresStore } from "../src/baseline/postgresStore.js";
import type { BaselineStore } from "../src/baseline/store.js";
import { HISTORY_SCHEMA, type History, type Results } from "../src/model/types.js";
import { median } from "../src/util/quantiles.js";
import { makeWorld } from "../test/action/harness.js";
import { postgresql, startPostgres } from "../test/helpers/postgres.js";
import { scaleInput } from "./lib/scaleInput.js";
import { markdownTable } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const BENCHMARKS = 1000;
const RUNS = 30;
const REPEATS = 3;

function runs(): Results[] {
  return scaleInput(BENCHMARKS, RUNS + REPEATS).baseline.map((run, i) => ({
    ...run,
    commit: i.toString(16).padStart(40, "0"),
    timestamp: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
  }));
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = startTimer();
  const value = await f();
  return [t(), value];
}

/** Stores the first RUNS runs, then per repeat: load, and save one more run. */
async function measure(open: (i: number) => BaselineStore, all: Results[]) {
  const history: History = { schema: HISTORY_SCHEMA, suite: "scale", runs: all.slice(0, RUNS) };
  const first = await open(0).save(() => history);
  if (!first.saved) throw new Error(first.reason);
  const loads: number[] = [];
  const saves: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const store = open(r + 1);
    const [load, loaded] = await timed(() => store.load());
    if (loaded.kind !== "found" || loaded.history.runs.length !== RUNS)
      throw new Error(`load found ${loaded.kind}`);
    loads.push(load);
    const next = all[RUNS + r] as Results;
    const [save, saved] = await timed(() => store.save((s) => withRun(s, next, RUNS)));
    if (!saved.saved) throw new Error(saved.reason);
    saves.push(save);
  }
  return { load: median(loads), save: median(saves) };
}

export default async function stores(): Promise<void> {
  const all = runs();
  const rows: string[][] = [];
  const world = await makeWorld();
  const saved = process.env;
  try {
    process.env = { ...world.env({ name: "push", file: "push.master.json" }, {}) };
    const cache = await measure(
      (i) =>
        new CacheStore({
          suite: "scale",
          branch: "master",
          os: "Linux",
          arch: "X64",
          runId: String(100 + i),
          runAttempt: "1",
          dir: join(process.env.RUNNER_TEMP as string, "perfgate-baseline", "scale"),
        }),
      all,
    );
    const newest = world.cache.entries().at(-1);
    rows.push([
      "Actions cache (tar + zstd, local server)",
      `${cache.load.toFixed(0)} ms`,
      `${cache.save.toFixed(0)} ms`,
      `${((newest?.size ?? 0) / 1024).toFixed(0)} KiB per save (whole history)`,
    ]);
  } finally {
    process.env = saved;
    await world.close();
  }
  if (!postgresql.available) {
    console.log(
      "(PostgreSQL binaries not found: apt-get install postgresql to measure the database store)",
    );
  } else {
    const server = await startPostgres();
    try {
      const db = () =>
        new PostgresStore({
          url: server.url,
          repository: "o/r",
          suite: "scale",
          branch: "main",
          historySize: RUNS,
        });
      const result = await measure(db, all);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows: size } = await client.query(
        "SELECT pg_total_relation_size('perfgate.runs') + pg_total_relation_size('perfgate.series') AS bytes",
      );
      await client.end();
      rows.push([
        "PostgreSQL (local server, one transaction per save)",
        `${result.load.toFixed(0)} ms`,
        `${result.save.toFixed(0)} ms`,
        `${(Number(size[0]?.bytes) / 1024 / (RUNS + REPEATS)).toFixed(0)} KiB per run kept (tables + indexes)`,
      ]);
    } finally {
      await server.stop();
    }
  }
  console.log(
    [
      `${BENCHMARKS.toLocaleString("en-US")} benchmarks × 3 metrics × 5 rounds, ${RUNS} runs; median of ${REPEATS}. Timing on a shared machine: compare the rows, not the absolute figures.`,
      "",
      markdownTable(["store", `load ${RUNS} runs`, "save one more run", "stored"], rows),
    ].join("\n"),
  );
}
