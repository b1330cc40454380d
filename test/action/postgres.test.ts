/**
 * `baseline: postgres` end to end: the bundled Action (a real child process) against a real
 * PostgreSQL server started by the test: pushes save, a pull request is gated on them, and
 * the connection string never reaches the log.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import { type PostgresServer, postgresql, startPostgres } from "../helpers/postgres.js";
import { describeWith } from "../helpers/systemTools.js";
import { bundleAction } from "./bundle.js";
import { PR, pushToMaster, runBundled, useWorld, type World } from "./harness.js";

let dist: string;
let server: PostgresServer;
let world: World;

const push = (run: Results, runId: string) => pushToMaster(run.commit ?? "", runId);

describeWith(postgresql, "baseline: postgres, through the bundled Action", () => {
  beforeAll(async () => {
    [dist, server] = await Promise.all([bundleAction(), startPostgres()]);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  useWorld({
    ready: (made) => {
      world = made;
    },
  });

  it("pushes save their runs; a pull request reads them and fails on a 3x slowdown; the URL is masked", async () => {
    const inputs = { baseline: "postgres", "database-url": server.url };
    const runs = baselineRuns(4);
    for (const [i, run] of runs.entries()) {
      const out = await runBundled(
        process.execPath,
        dist,
        world.env(push(run, String(20 + i)), {
          ...inputs,
          results: world.write(`s${i}.json`, run),
        }),
      );
      expect(out.code, out.log).toBe(0);
      expect(out.log).toMatch(/Saved the baseline to PostgreSQL 127\.0\.0\.1:\d+\/perfgate/);
      expect(out.log).toContain(`::add-mask::${server.url}`);
      expect(out.log).toContain(`::add-mask::${server.password}`);
    }
    const current = results({ commit: "e".repeat(40) });
    const time = current.benchmarks[0]?.metrics.time;
    if (time) time.samples = time.samples.map((s) => s * 3);
    const out = await runBundled(
      process.execPath,
      dist,
      world.env(PR, { ...inputs, results: world.write("pr.json", current) }),
    );
    expect(out.code).toBe(1);
    expect(out.log).toMatch(/Baseline: 4 run\(s\) from PostgreSQL 127\.0\.0\.1/);
    // Only the masking commands carry the secret; GitHub hides it everywhere else.
    const unmasked = out.log.split("\n").filter((l) => !l.startsWith("::add-mask::"));
    expect(unmasked.join("\n")).not.toContain(server.password);
  }, 180_000);

  it("a push whose role may read but not write: a warning and a pass, or with fail-on-store-error a failed job", async () => {
    // A first push creates the schema; then a role that may only read it.
    const [first, second] = baselineRuns(2);
    const owner = { baseline: "postgres", "database-url": server.url };
    const made = await runBundled(
      process.execPath,
      dist,
      world.env(push(first, "40"), { ...owner, results: world.write("f.json", first) }),
    );
    expect(made.code, made.log).toBe(0);
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      await db.query("DROP ROLE IF EXISTS reader");
      await db.query("CREATE ROLE reader LOGIN PASSWORD 'reader-pw'");
      await db.query("GRANT USAGE ON SCHEMA perfgate TO reader");
      await db.query("GRANT SELECT ON ALL TABLES IN SCHEMA perfgate TO reader");
    } finally {
      await db.end();
    }
    const reader = {
      baseline: "postgres",
      "database-url": server.url.replace(/\/\/[^@]*@/, "//reader:reader-pw@"),
      results: world.write("g.json", second),
    };
    const lenient = await runBundled(process.execPath, dist, world.env(push(second, "41"), reader));
    expect(lenient.code, lenient.log).toBe(0);
    expect(lenient.log).toMatch(/Baseline: \d+ run\(s\) from PostgreSQL/);
    expect(lenient.warnings.join("\n")).toMatch(/The baseline was not saved: .*permission denied/);
    const strict = await runBundled(
      process.execPath,
      dist,
      world.env(push(second, "42"), { ...reader, "fail-on-store-error": "true" }),
    );
    expect(strict.code).toBe(1);
    expect(strict.failed.join("\n")).toMatch(
      /the baseline was not saved to PostgreSQL 127\.0\.0\.1:\d+\/perfgate .*permission denied.*fail-on-store-error is true/,
    );
    expect(strict.summary.length).toBeGreaterThan(0);
    const shown = strict.log.split("\n").filter((l) => !l.startsWith("::add-mask::"));
    expect(shown.join("\n")).not.toContain("reader-pw");
  }, 180_000);

  it("a database that is down: a warning, the report without a baseline, and the build passes", async () => {
    const down = server.url.replace(`:${server.port}/`, ":1/");
    const run = results({ commit: "d".repeat(40) });
    const out = await runBundled(
      process.execPath,
      dist,
      world.env(PR, {
        baseline: "postgres",
        "database-url": down,
        results: world.write("d.json", run),
      }),
    );
    expect(out.code).toBe(0);
    expect(out.warnings.join("\n")).toMatch(/PostgreSQL 127\.0\.0\.1:1\/perfgate.*nothing answers/);
    expect(out.summary.length).toBeGreaterThan(0);
    // Asked for: the same run fails, after the report.
    const strict = await runBundled(
      process.execPath,
      dist,
      world.env(PR, {
        baseline: "postgres",
        "database-url": down,
        "fail-on-store-error": "true",
        results: world.write("d2.json", run),
      }),
    );
    expect(strict.code).toBe(1);
    expect(strict.failed.join("\n")).toMatch(/could not be read .*fail-on-store-error is true/);
    expect(strict.summary.length).toBeGreaterThan(0);
    const shown = strict.log.split("\n").filter((l) => !l.startsWith("::add-mask::"));
    expect(shown.join("\n")).not.toContain(server.password);
  }, 120_000);
});
