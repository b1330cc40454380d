/**
 * A real PostgreSQL server for tests: Debian's postgresql binaries, a fresh cluster in a
 * temporary directory, listening on a free loopback port, with a password-protected role
 * `perfgate`. Run as the `postgres` system user when the tests run as root (initdb and
 * postgres refuse root). Stopped and deleted by `stop()`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemTool } from "./systemTools.js";

const BIN = process.env.PERFGATE_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export const postgresql = systemTool(
  "PostgreSQL server binaries (initdb, postgres)",
  "apt-get install postgresql",
  () =>
    existsSync(join(BIN, "initdb")) &&
    existsSync(join(BIN, "postgres")) &&
    (process.getuid?.() !== 0 || existsSync("/usr/sbin/runuser")),
);

export interface PostgresServer {
  port: number;
  /** postgres://perfgate:secret@127.0.0.1:<port>/perfgate */
  url: string;
  password: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function command(binary: string, args: string[]): [string, string[]] {
  const path = join(BIN, binary);
  return process.getuid?.() === 0
    ? ["runuser", ["-u", "postgres", "--", path, ...args]]
    : [path, args];
}

export interface PostgresOptions {
  /** Serve TLS only: a self-signed certificate made with openssl, and every TCP connection
   *  without TLS rejected (pg_hba.conf hostnossl … reject), as managed databases do. */
  requireTls?: boolean;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const root = mkdtempSync(join(tmpdir(), "perfgate-pg-"));
  try {
    return await startIn(root, options);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** A self-signed certificate and key in `data`, readable by the server alone. */
function makeCertificate(data: string): string[] {
  const cert = join(data, "server.crt");
  const key = join(data, "server.key");
  const args = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"];
  const names = ["-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert];
  // As the server's user, so that it owns its key.
  const [cmd, cmdArgs] =
    process.getuid?.() === 0
      ? ["runuser", ["-u", "postgres", "--", "openssl", ...args, ...names]]
      : ["openssl", [...args, ...names]];
  execFileSync(cmd, cmdArgs, { stdio: "ignore" });
  chmodSync(key, 0o600);
  writeFileSync(
    join(data, "pg_hba.conf"),
    [
      "local all all scram-sha-256",
      "hostssl all all 127.0.0.1/32 scram-sha-256",
      "hostnossl all all 127.0.0.1/32 reject",
      "",
    ].join("\n"),
  );
  return ["-c", "ssl=on", "-c", `ssl_cert_file=${cert}`, "-c", `ssl_key_file=${key}`];
}

async function startIn(root: string, options: PostgresOptions): Promise<PostgresServer> {
  chmodSync(root, 0o777);
  const data = join(root, "data");
  const password = "s3cret-for-tests";
  const pwfile = join(root, "pw");
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  const [init, initArgs] = command("initdb", [
    "-D",
    data,
    "-U",
    "perfgate",
    "--pwfile",
    pwfile,
    "-A",
    "scram-sha-256",
    "--no-sync",
    "-E",
    "UTF8",
  ]);
  execFileSync(init, initArgs, { stdio: "ignore" });
  const tls = options.requireTls ? makeCertificate(data) : [];
  const port = await freePort();
  const [cmd, args] = command("postgres", [
    "-D",
    data,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    `unix_socket_directories=${root}`,
    "-c",
    "fsync=off",
    "-c",
    "max_connections=50",
    ...tls,
  ]);
  const server: ChildProcess = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  server.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const deadline = Date.now() + 30_000;
  while (!/ready to accept connections/.test(log)) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill("SIGKILL");
      throw new Error(`postgres did not start: ${log.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // The database perfgate connects to, as a team would create it.
  const [psql, psqlArgs] = command("createdb", [
    "-h",
    root,
    "-p",
    String(port),
    "-U",
    "perfgate",
    "perfgate",
  ]);
  execFileSync(psql, psqlArgs, { stdio: "ignore", env: { ...process.env, PGPASSWORD: password } });
  return {
    port,
    password,
    url: `postgres://perfgate:${password}@127.0.0.1:${port}/perfgate`,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        // runuser does not pass signals on: ask the postmaster itself (fast shutdown).
        const pid = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
        process.kill(pid, "SIGINT");
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
