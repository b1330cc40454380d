/**
 * `perfgate db migrate`: creates or upgrades perfgate's schema in a PostgreSQL database, for
 * teams that run migrations by hand (the Action also runs them before its first save).
 *
 *   perfgate db migrate --database-url postgres://…    (or PERFGATE_DATABASE_URL)
 */
import { parseArgs } from "node:util";
import pg from "pg";
import {
  checkSchemaName,
  DEFAULT_PG_SCHEMA,
  migrate,
  NewerSchemaError,
  SCHEMA_VERSION,
} from "../baseline/postgresSchema.js";
import { describeDatabase, describeDbError } from "../baseline/postgresStore.js";
import { UsageError } from "../util/errors.js";
import { type Flag, flagHelp } from "./flags.js";

/** db's flags: parsed by main, listed by HELP. */
const FLAGS = {
  "database-url": {
    type: "string",
    value: "<url>",
    help: "postgres://user:password@host:5432/db (default: the\nPERFGATE_DATABASE_URL environment variable, which keeps the\npassword out of the shell history)",
  },
  schema: {
    type: "string",
    value: "<name>",
    help: `the schema perfgate's tables live in (default ${DEFAULT_PG_SCHEMA})`,
  },
  help: { type: "boolean", short: "h", help: "this text" },
} as const satisfies Record<string, Flag>;

export const HELP = `usage: perfgate db migrate [--database-url <url>] [--schema <name>]

Creates perfgate's tables in a PostgreSQL database, or upgrades them to this perfgate's
version (${SCHEMA_VERSION}). Safe to run again; a database migrated by a newer perfgate is
left alone (exit 2).

${flagHelp(FLAGS)}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: FLAGS,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals[0] !== "migrate" || positionals.length !== 1) {
    throw new UsageError(`db: expected 'perfgate db migrate' (see perfgate db --help)`);
  }
  const url = values["database-url"] ?? process.env.PERFGATE_DATABASE_URL;
  if (!url) throw new UsageError("db migrate: give --database-url or set PERFGATE_DATABASE_URL");
  let schema: string;
  try {
    schema = checkSchemaName(values.schema ?? DEFAULT_PG_SCHEMA);
  } catch (error) {
    throw new UsageError(`db migrate: ${(error as Error).message}`);
  }
  const where = describeDatabase(url);
  const db = new pg.Client({ connectionString: url, application_name: "perfgate" });
  db.on("error", () => undefined);
  try {
    await db.connect();
    const applied = await migrate(db, schema);
    process.stdout.write(
      applied.length === 0
        ? `${where}: schema ${schema} is already at version ${SCHEMA_VERSION}\n`
        : `${where}: schema ${schema} migrated to version ${SCHEMA_VERSION} (applied ${applied.join(", ")})\n`,
    );
    return 0;
  } catch (error) {
    const why = error instanceof NewerSchemaError ? error.message : describeDbError(error, url);
    process.stderr.write(`perfgate: db migrate: ${where}: ${why}\n`);
    return 2;
  } finally {
    await db.end().catch(() => undefined);
  }
}
