/**
 * The PostgreSQL store against a server that demands TLS (a self-signed certificate made
 * with openssl by the test, every TCP connection without TLS rejected), as managed
 * databases do.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { withRun } from "../../src/baseline/history.js";
import { PostgresStore } from "../../src/baseline/postgresStore.js";
import { type PostgresServer, postgresql, startPostgres } from "../helpers/postgres.js";
import { describeWith, openssl } from "../helpers/systemTools.js";
import { baselineRuns } from "./builders.js";

let server: PostgresServer;

function store(url: string) {
  return new PostgresStore({
    url,
    repository: "o/r",
    suite: "unit",
    branch: "main",
    historySize: 30,
    timeoutMs: 10_000,
  });
}

describeWith([postgresql, openssl], "the PostgreSQL store and a server that requires TLS", () => {
  beforeAll(async () => {
    server = await startPostgres({ requireTls: true });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("without TLS: unreadable, and the save refused, saying how to ask for TLS; never the password", async () => {
    const loaded = await store(server.url).load();
    expect(loaded).toMatchObject({
      kind: "unreadable",
      cause: {
        what: "unreachable",
        problem: expect.stringMatching(/^the database requires TLS: add \?sslmode=verify-full/),
      },
    });
    const [a] = baselineRuns(1);
    const saved = await store(server.url).save((s) => withRun(s, a, 30));
    expect(saved).toMatchObject({ saved: false, reason: expect.stringMatching(/requires TLS/) });
    expect(JSON.stringify([loaded, saved])).not.toContain(server.password);
  });

  it("sslmode=require checks the certificate (pg's rule): a self-signed one is refused with what to do", async () => {
    const loaded = await store(`${server.url}?sslmode=require`).load();
    expect(loaded).toMatchObject({
      kind: "unreadable",
      cause: { problem: expect.stringMatching(/certificate is not trusted.*sslmode=no-verify/) },
    });
  });

  it("sslmode=no-verify: encrypted, saves and loads the runs", async () => {
    const url = `${server.url}?sslmode=no-verify`;
    const runs = baselineRuns(2);
    for (const run of runs) {
      expect(await store(url).save((s) => withRun(s, run, 30))).toMatchObject({ saved: true });
    }
    const loaded = await store(url).load();
    expect(loaded.kind === "found" && loaded.history.runs.map((r) => r.commit)).toEqual(
      runs.map((r) => r.commit),
    );
  });
});
