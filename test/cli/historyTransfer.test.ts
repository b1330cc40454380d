/**
 * `perfgate history import|export` as a process: github-action-benchmark's data.js into a
 * file, the file into PostgreSQL and the data branch, and back out, the runs unchanged.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHistory } from "../../src/baseline/history.js";
import type { History } from "../../src/model/types.js";
import { cacheEnv, startCacheServer } from "../helpers/cacheServer.js";
import { makeRepo } from "../helpers/githubServer.js";
import { type PostgresServer, postgresql, startPostgres } from "../helpers/postgres.js";
import { describeWith } from "../helpers/systemTools.js";
import { perfgate, ROOT } from "./run.js";

const DATA_JS = join(ROOT, "fixtures/github-action-benchmark/data.js");
const HYPER_COMMITS = [
  "0fd7d3c3635fa5a6d2d9e9e9471ae43ca3f09cad",
  "af96ddf008540ca4799381efb16a74af4dc3db28",
  "2f2ceb24265a7e63601cf1ffde7d586cd666a783",
  "2a19ab74ed69bc776da25544e98979c9fb6e1834",
  "eb092a7b8cdcf16760027522f3ea2e818e138e21",
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "perfgate-transfer-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function historyIn(text: string): History {
  const parsed = parseHistory(text, "exported");
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.history;
}

describe("perfgate history import from github-action-benchmark", () => {
  it("turns data.js into a perfgate history: one run per entry, values in canonical units", async () => {
    const file = join(dir, "from-gab.json");
    const ran = await perfgate(["history", "import", "--to", `file:${file}`, DATA_JS]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toMatch(/imported 5 run\(s\) of connect/);
    const h = historyIn(readFileSync(file, "utf8"));
    expect(h.suite).toBe("connect");
    expect(h.runs.map((r) => r.commit)).toEqual(HYPER_COMMITS);
    const metric = h.runs[0]?.benchmarks[0]?.metrics.value;
    expect(h.runs[0]?.benchmarks[0]?.name).toBe("http_connector");
    expect(metric).toMatchObject({ unit: "s", direction: "lower" });
    // 39056 ns as written, to the last digit.
    expect(metric?.samples[0]).toBeCloseTo(39056e-9, 18);
  });
});

describe("perfgate history import|export through the Actions cache", () => {
  it("file → cache (the real @actions/cache against the local service) → file keeps every run", async () => {
    const cache = await startCacheServer();
    try {
      const env = { ...cacheEnv(cache), RUNNER_TEMP: dir, GITHUB_RUN_ID: "77" };
      const file = join(dir, "for-cache.json");
      await perfgate(["history", "import", "--to", `file:${file}`, DATA_JS]);
      const into = await perfgate(["history", "import", "--to", "cache", file], { env });
      expect(into.code, into.stderr).toBe(0);
      expect(into.stderr).toMatch(/imported 5 run\(s\) of connect into the Actions cache/);
      expect(cache.entries().map((e) => e.key)).toEqual([
        expect.stringMatching(/^perfgate-connect-.*-main-77-1$/),
      ]);
      const out = join(dir, "from-cache.json");
      const back = await perfgate(
        ["history", "export", "--from", "cache", "--suite", "connect", "--out", out],
        { env },
      );
      expect(back.code, back.stderr).toBe(0);
      expect(historyIn(readFileSync(out, "utf8"))).toEqual(historyIn(readFileSync(file, "utf8")));
      // On stdout the library's log lines would be mixed into the history.
      const toStdout = await perfgate(
        ["history", "export", "--from", "cache", "--suite", "connect"],
        { env },
      );
      expect(toStdout.code).toBe(2);
      expect(toStdout.stderr).toMatch(/--out <file> is required/);
      // Without the cache service (outside a workflow's JavaScript step): one line, exit 2.
      const none = await perfgate(
        ["history", "export", "--from", "cache", "--suite", "connect", "--out", out],
        { env: { ...env, ACTIONS_RESULTS_URL: undefined } },
      );
      expect(none.code).toBe(2);
      expect(none.stderr.trim().split("\n")).toHaveLength(1);
      expect(none.stderr).toMatch(/cache service is not available/);
    } finally {
      await cache.close();
    }
  }, 120_000);
});

describeWith(postgresql, "perfgate history import|export between stores", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("file → PostgreSQL → data branch → file keeps every run", async () => {
    const env = { PERFGATE_DATABASE_URL: server.url };
    const file = join(dir, "start.json");
    await perfgate(["history", "import", "--to", `file:${file}`, DATA_JS]);
    const pg = ["--repository", "hyperium/hyper", "--suite", "connect"];
    const intoPg = await perfgate(["history", "import", "--to", "postgres", ...pg, file], { env });
    expect(intoPg.code, intoPg.stderr).toBe(0);
    const fromPg = join(dir, "from-pg.json");
    const out = await perfgate(
      ["history", "export", "--from", "postgres", ...pg, "--out", fromPg],
      { env },
    );
    expect(out.stderr).toMatch(/exported 5 run\(s\)/);
    const repo = await makeRepo();
    try {
      const intoBranch = await perfgate(
        ["history", "import", "--to", "branch", "--suite", "connect", fromPg],
        {
          cwd: repo.work,
        },
      );
      expect(intoBranch.code, intoBranch.stderr).toBe(0);
      const back = await perfgate(["history", "export", "--from", "branch", "--suite", "connect"], {
        cwd: repo.work,
      });
      expect(historyIn(back.stdout)).toEqual(historyIn(readFileSync(file, "utf8")));
    } finally {
      rmSync(repo.root, { recursive: true, force: true });
    }
  }, 120_000);
});
