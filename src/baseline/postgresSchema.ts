/**
 * perfgate's own tables in PostgreSQL, created and upgraded by numbered migrations that
 * perfgate runs itself (each in one transaction, the applied version recorded in
 * `<schema>.schema_version`), as golang-migrate does. The code never guesses the schema:
 * a database migrated by a newer perfgate is refused before anything is written.
 *
 *   runs     one row per saved run: repository, suite, branch, commit, ref, time, environment
 *   series   one row per run × benchmark × metric: unit, direction and the round values
 *
 * Indexed for the two questions asked of them: the newest N runs of one suite on one branch
 * of one repository (every load), and one series over time (change points, dashboards).
 */
import type { ClientBase } from "pg";

export const DEFAULT_PG_SCHEMA = "perfgate";

/** A schema name we put into SQL text: an identifier, never user text with quotes. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(
      `database schema name must be lower-case letters, digits and _ (got '${schema}')`,
    );
  }
  return schema;
}

/** Migration n takes the schema from version n − 1 to n. Never edit one that shipped. */
export const MIGRATIONS: ReadonlyArray<(schema: string) => string> = [
  // 1: runs and their series.
  (s) => `
    CREATE TABLE ${s}.runs (
      id          bigserial PRIMARY KEY,
      repository  text NOT NULL,
      suite       text NOT NULL,
      branch      text NOT NULL,
      commit_sha  text,
      ref         text,
      measured_at timestamptz NOT NULL,
      timestamp   text NOT NULL,
      environment jsonb NOT NULL,
      notes       jsonb,
      saved_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX runs_one_per_commit ON ${s}.runs (repository, suite, branch, commit_sha)
      WHERE commit_sha IS NOT NULL;
    CREATE INDEX runs_newest ON ${s}.runs (repository, suite, branch, measured_at DESC);
    CREATE TABLE ${s}.series (
      run_id     bigint NOT NULL REFERENCES ${s}.runs (id) ON DELETE CASCADE,
      position   integer NOT NULL,
      benchmark  text NOT NULL,
      metric     text NOT NULL,
      unit       text NOT NULL,
      direction  text NOT NULL CHECK (direction IN ('higher', 'lower')),
      samples    double precision[] NOT NULL,
      PRIMARY KEY (run_id, benchmark, metric)
    );`,
  // 2: one series over time without a scan of every run.
  (s) => `CREATE INDEX series_over_time ON ${s}.series (benchmark, metric, run_id);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class NewerSchemaError extends Error {}

/** The version the database is at: 0 when perfgate's schema is not there yet. */
export async function schemaVersion(db: ClientBase, schema: string): Promise<number> {
  const found = await db.query(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schema_version'",
    [schema],
  );
  if (found.rowCount === 0) return 0;
  const { rows } = await db.query(`SELECT version FROM ${schema}.schema_version`);
  return rows.length === 0 ? 0 : Number(rows[0].version);
}

/**
 * Brings the schema up to `target` (default: this perfgate's), each step in one
 * transaction under an advisory lock, so two jobs starting at once migrate once. Returns
 * the versions applied. A database ahead of this perfgate is a NewerSchemaError.
 */
export async function migrate(
  db: ClientBase,
  schema = DEFAULT_PG_SCHEMA,
  target = SCHEMA_VERSION,
): Promise<number[]> {
  checkSchemaName(schema);
  const applied: number[] = [];
  await db.query("BEGIN");
  try {
    await db.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`perfgate-migrate:${schema}`]);
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_version (version integer NOT NULL)`,
    );
    let version = await schemaVersion(db, schema);
    if (version > SCHEMA_VERSION) {
      throw new NewerSchemaError(
        `the database schema '${schema}' is at version ${version}, newer than this perfgate knows (${SCHEMA_VERSION}): update perfgate; nothing was written`,
      );
    }
    while (version < target) {
      await db.query((MIGRATIONS[version] as (s: string) => string)(schema));
      version++;
      applied.push(version);
    }
    await db.query(`DELETE FROM ${schema}.schema_version`);
    await db.query(`INSERT INTO ${schema}.schema_version (version) VALUES ($1)`, [version]);
    await db.query("COMMIT");
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return applied;
}
