/**
 * The PostgreSQL store against a real server (Debian's postgresql, started by the test in a
 * temporary directory; skipped with a note where the binaries are absent).
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withRun } from "../../src/baseline/history.js";
import { migrate, SCHEMA_VERSION, schemaVersion } from "../../src/baseline/postgresSchema.js";
import { PostgresStore } from "../../src/baseline/postgresStore.js";
import type { LoadResult } from "../../src/baseline/store.js";
import type { History } from "../../src/model/types.js";
import { type PostgresServer, postgresql, startPostgres } from "../helpers/postgres.js";
import { describeWith } from "../helpers/systemTools.js";
import { baselineRuns, history, results } from "./builders.js";

let server: PostgresServer;

const commits = (r: LoadResult) =>
  r.kind === "found" ? r.history.runs.map((x) => x.commit) : r.kind;

let schemaCount = 0;
/** Each test its own schema, so tests do not see each other's runs. */
function store(over: Partial<ConstructorParameters<typeof PostgresStore>[0]> = {}) {
  return new PostgresStore({
    url: server.url,
    repository: "o/r",
    suite: "unit",
    branch: "main",
    historySize: 30,
    schema: `t${schemaCount}`,
    timeoutMs: 10_000,
    ...over,
  });
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const db = new pg.Client({ connectionString: server.url });
  await db.connect();
  try {
    return (await db.query<T>(text, values)).rows;
  } finally {
    await db.end();
  }
}

describeWith(postgresql, "the PostgreSQL store (a real server, several connections)", () => {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("has no baseline before the first save, migrates on save, and reads the runs back", async () => {
    schemaCount++;
    const [a, b] = baselineRuns(2);
    expect((await store().load()).kind).toBe("none");
    expect(await store().save((s) => withRun(s, a, 30))).toMatchObject({ saved: true });
    expect(await store().save((s) => withRun(s, b, 30))).toMatchObject({ saved: true });
    const loaded = await store().load();
    expect(commits(loaded)).toEqual([a.commit, b.commit]);
    if (loaded.kind !== "found") throw new Error("not found");
    // The same History every store gives: every field and sample as saved.
    expect(loaded.history).toEqual(history([a, b]));
    const [version] = await sql<{ version: number }>(
      `SELECT version FROM t${schemaCount}.schema_version`,
    );
    expect(version?.version).toBe(SCHEMA_VERSION);
  });

  it("migrates a database at the previous version, and refuses a newer one without writing", async () => {
    schemaCount++;
    const schema = `t${schemaCount}`;
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      expect(await migrate(db, schema, SCHEMA_VERSION - 1)).toHaveLength(SCHEMA_VERSION - 1);
      expect(await schemaVersion(db, schema)).toBe(SCHEMA_VERSION - 1);
      expect(await migrate(db, schema)).toEqual([SCHEMA_VERSION]);
      expect(await migrate(db, schema)).toEqual([]);
    } finally {
      await db.end();
    }
    await sql(`UPDATE ${schema}.schema_version SET version = ${SCHEMA_VERSION + 1}`);
    const [a] = baselineRuns(1);
    const saved = await store().save((s) => withRun(s, a, 30));
    expect(saved).toMatchObject({
      saved: false,
      reason: expect.stringMatching(/newer than this perfgate knows.*nothing was written/),
    });
    expect(await sql(`SELECT * FROM ${schema}.runs`)).toEqual([]);
    expect(await store().load()).toMatchObject({ kind: "unreadable", cause: { what: "corrupt" } });
  });

  it("two pushes saving at once both keep their run; a commit is replaced only by a newer run", async () => {
    schemaCount++;
    const runs = baselineRuns(6);
    await store().save((s) => withRun(s, runs[0], 30));
    const saved = await Promise.all(
      runs.slice(1).map((run) => store().save((s) => withRun(s, run, 30))),
    );
    expect(saved.every((s) => s.saved)).toBe(true);
    expect(commits(await store().load())).toEqual(runs.map((r) => r.commit));
    // An older measurement of a stored commit does not replace it; a newer one does.
    const older = { ...runs[2], timestamp: "2020-01-01T00:00:00.000Z" };
    await store().save((s) => ({ ...(s as History), runs: [...(s as History).runs, older] }));
    const newer = results({
      commit: runs[2].commit,
      timestamp: "2027-01-01T00:00:00.000Z",
      centre: 5,
    });
    await store().save((s) => withRun(s, newer, 30));
    const loaded = await store().load();
    expect(commits(loaded)).toEqual([0, 1, 3, 4, 5, 2].map((i) => runs[i]?.commit));
    expect(loaded.kind === "found" && loaded.history.runs.at(-1)?.timestamp).toBe(newer.timestamp);
  });

  it("keeps repositories, suites and branches apart, and reads only the newest history-size runs", async () => {
    schemaCount++;
    const runs = baselineRuns(8);
    for (const run of runs) await store().save((s) => withRun(s, run, 30));
    await store({ repository: "other/repo" }).save((s) => withRun(s, results({ commit: "x" }), 30));
    expect(commits(await store({ historySize: 3 }).load())).toEqual(
      runs.slice(-3).map((r) => r.commit),
    );
    expect(commits(await store({ repository: "other/repo" }).load())).toEqual(["x"]);
    expect((await store({ branch: "dev" }).load()).kind).toBe("none");
    expect((await store({ suite: "another" }).load()).kind).toBe("none");
  });

  it("a save keeps the newest history-size runs of its repository and deletes the older ones, series and all", async () => {
    schemaCount++;
    const schema = `t${schemaCount}`;
    const runs = baselineRuns(5);
    await store({ repository: "other/repo" }).save((s) => withRun(s, results({ commit: "x" }), 30));
    for (const run of runs.slice(0, 3))
      await store({ historySize: 3 }).save((s) => withRun(s, run, 3));
    const count = async (table: string) =>
      Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`))[0]?.n);
    const seriesPerRun = (await count("series")) / 4;
    expect(await count("runs")).toBe(4);
    const saved = await store({ historySize: 3 }).save((s) => withRun(s, runs[3], 3));
    expect(saved).toMatchObject({
      saved: true,
      where: expect.stringContaining("1 older run(s) removed"),
    });
    await store({ historySize: 3 }).save((s) => withRun(s, runs[4], 3));
    expect(commits(await store().load())).toEqual(runs.slice(2).map((r) => r.commit));
    expect(await count("runs")).toBe(4);
    expect(await count("series")).toBe(4 * seriesPerRun);
    expect(commits(await store({ repository: "other/repo" }).load())).toEqual(["x"]);
  });

  it("saves and loads a 1,000-benchmark history of 30 runs", async () => {
    schemaCount++;
    const runs = baselineRuns(30, { n: 1000, rounds: 5 });
    const saved = await store().save(() => history(runs));
    expect(saved).toMatchObject({
      saved: true,
      where: expect.stringContaining("30 run(s) written"),
    });
    const loaded = await store().load();
    expect(loaded.kind === "found" && loaded.history).toEqual(history(runs));
  }, 120_000);

  it("a wrong password or a server that is down: unreadable with the cause, never the password", async () => {
    schemaCount++;
    const wrong = server.url.replace(server.password, "not-the-password");
    const loaded = await store({ url: wrong }).load();
    expect(loaded).toMatchObject({ kind: "unreadable", cause: { what: "unreachable" } });
    expect(loaded.kind === "unreadable" && loaded.cause.problem).toMatch(/refused the password/);
    const down = server.url.replace(`:${server.port}/`, ":1/");
    const notThere = await store({ url: down }).load();
    expect(notThere.kind === "unreadable" && notThere.cause.problem).toMatch(/nothing answers/);
    const save = await store({ url: wrong }).save((s) => withRun(s, results({ commit: "a" }), 30));
    expect(save.saved).toBe(false);
    for (const text of [
      JSON.stringify(loaded),
      JSON.stringify(notThere),
      JSON.stringify(save),
      store().description,
    ]) {
      expect(text).not.toContain(server.password);
      expect(text).not.toContain("not-the-password");
    }
  });
});
