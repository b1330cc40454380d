/**
 * PostgreSQL as the baseline store, for teams whose history outgrew files or who already
 * run a database: perfgate's own schema (postgresSchema.ts), one row per run and one per
 * run × benchmark × metric, scoped by repository so one database serves many.
 *
 * Loads read the newest history-size runs of (repository, suite, branch) and never write:
 * a pull request needs only read access. Saves migrate the schema first, then write in one
 * transaction under a lock per (repository, suite, branch): two pushes saving at once are
 * serialised and both runs kept, and a run already stored for a commit is replaced, whole,
 * only by a newer one. Like every other store, a save keeps the newest history-size runs
 * of its (repository, suite, branch) and deletes older ones in the same transaction, so the
 * database grows with history-size, not with every push ever made.
 *
 * The connection string is a secret: no message here ever contains it.
 */
import pg from "pg";
import type { Benchmark, History, Results } from "../model/types.js";
import { HISTORY_SCHEMA, RESULTS_SCHEMA } from "../model/types.js";
import {
  checkSchemaName,
  DEFAULT_PG_SCHEMA,
  migrate,
  NewerSchemaError,
  SCHEMA_VERSION,
  schemaVersion,
} from "./postgresSchema.js";
import type { BaselineStore, LoadResult, SaveResult, Update } from "./store.js";

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database[?sslmode=require] — a secret. */
  url: string;
  /** owner/name: the history of one repository never mixes with another's. */
  repository: string;
  suite: string;
  branch: string;
  historySize: number;
  schema?: string;
  /** The longest connecting or one query may take. */
  timeoutMs?: number;
}

/** What pg says, first line only, with the password taken out should it ever appear. */
export function describeDbError(error: unknown, url: string): string {
  const e = error as { message?: string; code?: string };
  let text = (e.message ?? String(error)).split("\n")[0] ?? "";
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) text = text.split(password).join("***");
  } catch {
    // not a URL: nothing to take out
  }
  if (e.code === "ECONNREFUSED") return `nothing answers at the database address (${text})`;
  if (e.code === "28P01") return `the database refused the password (${text})`;
  // A server that takes only TLS (managed databases do) turns plain connections away.
  if (/no encryption/.test(text))
    return `the database requires TLS: add ?sslmode=verify-full to database-url (${text})`;
  // pg treats sslmode=require as verify-full: a self-signed or private CA fails the check.
  if (/self[- ]signed certificate|unable to (get|verify) .*certificate/i.test(text))
    return `the database's TLS certificate is not trusted: give the Node process its CA (NODE_EXTRA_CA_CERTS), or use sslmode=no-verify to encrypt without checking who answers (${text})`;
  return text || "the database did not answer";
}

/** Where the store is, for messages: host and database, never the user or password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "PostgreSQL (database-url is not a URL)";
  }
}

interface RunRow {
  id: string;
  commit_sha: string | null;
  ref: string | null;
  timestamp: string;
  environment: Results["environment"];
  notes: string[] | null;
}

export class PostgresStore implements BaselineStore {
  readonly description: string;
  private readonly schema: string;

  constructor(private readonly o: PostgresStoreOptions) {
    this.schema = checkSchemaName(o.schema ?? DEFAULT_PG_SCHEMA);
    this.description = `${describeDatabase(o.url)} (${o.repository}, suite ${o.suite}, branch ${o.branch})`;
  }

  private async connect(): Promise<pg.Client> {
    const timeout = this.o.timeoutMs ?? 20_000;
    const client = new pg.Client({
      connectionString: this.o.url,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      application_name: "perfgate",
    });
    // A dropped connection must not become an uncaught exception.
    client.on("error", () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private async readHistory(db: pg.ClientBase, limit: number): Promise<History> {
    const s = this.schema;
    const runs = await db.query<RunRow>(
      `SELECT id, commit_sha, ref, timestamp, environment, notes FROM ${s}.runs
        WHERE repository = $1 AND suite = $2 AND branch = $3
        ORDER BY measured_at DESC, id DESC LIMIT $4`,
      [this.o.repository, this.o.suite, this.o.branch, limit],
    );
    const rows = [...runs.rows].reverse();
    const byId = new Map<string, Results>();
    const history: History = { schema: HISTORY_SCHEMA, suite: this.o.suite, runs: [] };
    for (const row of rows) {
      const run: Results = {
        schema: RESULTS_SCHEMA,
        suite: this.o.suite,
        ...(row.commit_sha !== null ? { commit: row.commit_sha } : {}),
        ...(row.ref !== null ? { ref: row.ref } : {}),
        timestamp: row.timestamp,
        environment: row.environment,
        ...(row.notes !== null ? { notes: row.notes } : {}),
        benchmarks: [],
      };
      byId.set(row.id, run);
      history.runs.push(run);
    }
    if (rows.length === 0) return history;
    const series = await db.query<{
      run_id: string;
      benchmark: string;
      metric: string;
      unit: string;
      direction: "higher" | "lower";
      samples: string;
    }>(
      // The array as text ("{1.5,2.25}"), split here: pg's general array parser is several
      // times slower for 90,000 small arrays.
      `SELECT run_id, benchmark, metric, unit, direction, samples::text AS samples FROM ${s}.series
        WHERE run_id = ANY($1::bigint[]) ORDER BY run_id, position`,
      [rows.map((r) => r.id)],
    );
    let current: { run: Results; last?: Benchmark } | undefined;
    for (const row of series.rows) {
      const run = byId.get(row.run_id) as Results;
      if (current?.run !== run) current = { run };
      let benchmark = current.last;
      if (benchmark?.name !== row.benchmark) {
        benchmark = { name: row.benchmark, metrics: {} };
        run.benchmarks.push(benchmark);
        current.last = benchmark;
      }
      benchmark.metrics[row.metric] = {
        unit: row.unit,
        direction: row.direction,
        samples: row.samples.slice(1, -1).split(",").map(Number),
      };
    }
    return history;
  }

  async load(): Promise<LoadResult> {
    const source = this.description;
    let db: pg.Client | undefined;
    try {
      db = await this.connect();
      const version = await schemaVersion(db, this.schema);
      if (version === 0) return { kind: "none", source };
      if (version > SCHEMA_VERSION) {
        return {
          kind: "unreadable",
          source,
          cause: {
            what: "corrupt",
            problem: `the database schema '${this.schema}' is at version ${version}, newer than this perfgate knows (${SCHEMA_VERSION})`,
            next: "update perfgate",
          },
        };
      }
      const history = await this.readHistory(db, this.o.historySize);
      return history.runs.length === 0
        ? { kind: "none", source }
        : { kind: "found", history, source };
    } catch (error) {
      return {
        kind: "unreadable",
        source,
        cause: { what: "unreachable", problem: describeDbError(error, this.o.url) },
      };
    } finally {
      await db?.end().catch(() => undefined);
    }
  }

  async save(update: Update): Promise<SaveResult> {
    let db: pg.Client | undefined;
    try {
      db = await this.connect();
      await migrate(db, this.schema);
      await db.query("BEGIN");
      try {
        await db.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
          `perfgate-save:${this.o.repository}:${this.o.suite}:${this.o.branch}`,
        ]);
        const stored = await this.readHistory(db, this.o.historySize);
        const next = update(stored.runs.length > 0 ? stored : undefined);
        const have = new Set(stored.runs.map((r) => `${r.commit ?? ""}@${r.timestamp}`));
        let written = 0;
        for (const run of next.runs) {
          if (have.has(`${run.commit ?? ""}@${run.timestamp}`)) continue;
          await this.writeRun(db, run);
          written++;
        }
        const pruned = await this.prune(db);
        await db.query("COMMIT");
        const gone =
          pruned > 0 ? `, ${pruned} older run(s) removed (history-size ${this.o.historySize})` : "";
        return { saved: true, where: `${this.description}: ${written} run(s) written${gone}` };
      } catch (error) {
        await db.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (error instanceof NewerSchemaError) return { saved: false, reason: error.message };
      return { saved: false, reason: describeDbError(error, this.o.url) };
    } finally {
      await db?.end().catch(() => undefined);
    }
  }

  /** Deletes the runs of this (repository, suite, branch) older than the newest
   *  history-size (their series go with them: ON DELETE CASCADE); how many went. */
  private async prune(db: pg.ClientBase): Promise<number> {
    const s = this.schema;
    const deleted = await db.query(
      `DELETE FROM ${s}.runs WHERE repository = $1 AND suite = $2 AND branch = $3
         AND id NOT IN (SELECT id FROM ${s}.runs
                         WHERE repository = $1 AND suite = $2 AND branch = $3
                         ORDER BY measured_at DESC, id DESC LIMIT $4)`,
      [this.o.repository, this.o.suite, this.o.branch, this.o.historySize],
    );
    return deleted.rowCount ?? 0;
  }

  /** Inserts `run`, replacing an older stored run of its commit (in the caller's transaction). */
  private async writeRun(db: pg.ClientBase, run: Results): Promise<void> {
    const s = this.schema;
    const key = [this.o.repository, this.o.suite, this.o.branch];
    if (run.commit !== undefined) {
      const older = await db.query<{ id: string; measured_at: Date }>(
        `SELECT id, measured_at FROM ${s}.runs
          WHERE repository = $1 AND suite = $2 AND branch = $3 AND commit_sha = $4`,
        [...key, run.commit],
      );
      const stored = older.rows[0];
      if (stored && stored.measured_at.getTime() > Date.parse(run.timestamp)) return;
      if (stored) await db.query(`DELETE FROM ${s}.runs WHERE id = $1`, [stored.id]);
    }
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO ${s}.runs (repository, suite, branch, commit_sha, ref, measured_at, timestamp, environment, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        ...key,
        run.commit ?? null,
        run.ref ?? null,
        new Date(Date.parse(run.timestamp) || 0),
        run.timestamp,
        JSON.stringify(run.environment),
        run.notes ? JSON.stringify(run.notes) : null,
      ],
    );
    const rows: unknown[] = [];
    for (const benchmark of run.benchmarks) {
      for (const [metric, m] of Object.entries(benchmark.metrics)) {
        rows.push({
          position: rows.length,
          benchmark: benchmark.name,
          metric,
          unit: m.unit,
          direction: m.direction,
          samples: m.samples,
        });
      }
    }
    // All of a run's series in one statement: thousands of rows, one round trip.
    await db.query(
      `INSERT INTO ${s}.series (run_id, position, benchmark, metric, unit, direction, samples)
       SELECT $1, x.position, x.benchmark, x.metric, x.unit, x.direction, x.samples
         FROM jsonb_to_recordset($2::jsonb)
           AS x(position integer, benchmark text, metric text, unit text, direction text,
                samples double precision[])`,
      [inserted.rows[0]?.id, JSON.stringify(rows)],
    );
  }
}
