/** `perfgate db migrate` as a process, against a real PostgreSQL server. */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/baseline/postgresSchema.js";
import { type PostgresServer, postgresql, startPostgres } from "../helpers/postgres.js";
import { describeWith } from "../helpers/systemTools.js";
import { perfgate } from "./run.js";

let server: PostgresServer;

describeWith(postgresql, "perfgate db migrate", () => {
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("migrates an empty database from PERFGATE_DATABASE_URL, then says it is current", async () => {
    const env = { PERFGATE_DATABASE_URL: server.url };
    const first = await perfgate(["db", "migrate", "--schema", "cli"], { env });
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(new RegExp(`schema cli migrated to version ${SCHEMA_VERSION}`));
    const again = await perfgate(["db", "migrate", "--schema", "cli"], { env });
    expect(again.stdout).toMatch(/already at version/);
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    const { rows } = await db.query("SELECT version FROM cli.schema_version");
    await db.end();
    expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
  });

  it("a wrong password: exit 2, one line, no password in it", async () => {
    const wrong = server.url.replace(server.password, "wrong-pw");
    const ran = await perfgate(["db", "migrate", "--database-url", wrong]);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split("\n")).toHaveLength(1);
    expect(ran.stderr).toMatch(/refused the password/);
    expect(ran.stderr).not.toContain("wrong-pw");
  });

  it("no URL is a usage error (exit 2)", async () => {
    const ran = await perfgate(["db", "migrate"], { env: { PERFGATE_DATABASE_URL: undefined } });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/give --database-url or set PERFGATE_DATABASE_URL/);
  });
});
