import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/analyze/random.js";
import { HISTORY_SCHEMA, RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import { startGitHubServer } from "../helpers/githubServer.js";
import { perfgate } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "perfgate-history-"));

/** A history of 30 runs where `name` slows down 30 % from the run of commit c20. */
function writeHistory(name: string): string {
  const random = createRandom(1);
  const runs: Results[] = Array.from({ length: 30 }, (_, i) => ({
    schema: RESULTS_SCHEMA,
    suite: "web",
    commit: `${String(i).padStart(2, "0")}${"ab".repeat(19)}`,
    timestamp: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(),
    environment: {},
    benchmarks: [
      {
        name,
        metrics: {
          time: {
            unit: "s",
            direction: "lower",
            samples: [1, 2, 3].map(
              () => (i >= 20 ? 0.013 : 0.01) * Math.exp(0.02 * random.normal()),
            ),
          },
        },
      },
    ],
  }));
  const file = join(dir, `${runs.length}-${name.length}.json`);
  writeFileSync(file, JSON.stringify({ schema: HISTORY_SCHEMA, suite: "web", runs }));
  return file;
}

describe("perfgate history changes", () => {
  it("prints one JSON object with the change, named by its first commit, and exits 0", async () => {
    const ran = await perfgate([
      "history",
      "changes",
      "--history",
      writeHistory("render"),
      "--format",
      "json",
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe("");
    const doc = JSON.parse(ran.stdout) as { changes: Record<string, unknown>[]; runs: number };
    expect(doc.runs).toBe(30);
    expect(doc.changes).toHaveLength(1);
    expect(doc.changes[0]).toMatchObject({
      benchmark: "render",
      metric: "time",
      commit: `20${"ab".repeat(19)}`,
      kind: "regression",
      severity: "severe",
    });
    const { before, after, change } = doc.changes[0] as {
      before: number;
      after: number;
      change: number;
    };
    expect(change).toBeCloseTo(after / before - 1, 12);
    expect(change).toBeGreaterThan(0.25);
  });

  it("puts benchmark names in code spans in Markdown and shortens the commit", async () => {
    const ran = await perfgate([
      "history",
      "changes",
      "--history",
      writeHistory("x|<img src=y>"),
      "--format",
      "markdown",
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("`20abab");
    // In a code span the tag shows as text; the pipe must not split the table row.
    expect(ran.stdout).toContain("| `x\\|<img src=y>` |");
  });

  it("bad input is one line naming the file, exit 2", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    const ran = await perfgate(["history", "changes", "--history", bad]);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split("\n")).toHaveLength(1);
    expect(ran.stderr).toContain("bad.json");
    const flag = await perfgate(["history", "changes", "--history", bad, "--format", "yaml"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--format must be one of");
    const history = writeHistory("render");
    const repo = await perfgate(["history", "changes", "--history", history, "--repo", "o"]);
    expect(repo.code).toBe(2);
    expect(repo.stderr.trim().split("\n")).toEqual([
      "perfgate: --repo must be owner/name, not 'o'",
    ]);
  });

  it("accept: entries mark the step accepted in history changes, and pass compare for that commit", async () => {
    const history = writeHistory("layout");
    const config = join(dir, "accept.yml");
    writeFileSync(
      config,
      [
        "accept:",
        '  - benchmark: "lay*"',
        `    commit: "20${"ab".repeat(4)}"`,
        "    reason: the new layout engine",
        "",
      ].join("\n"),
    );
    const listed = await perfgate([
      "history",
      "changes",
      "--history",
      history,
      "--config",
      config,
      "--format",
      "json",
    ]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).changes[0]).toMatchObject({
      accepted: "the new layout engine",
    });

    // A run 3× slower than the newest level, from a commit an entry names: accepted, exit 0.
    const current = (commit: string) => {
      const file = join(dir, `current-${commit.slice(0, 4)}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          schema: RESULTS_SCHEMA,
          suite: "web",
          commit,
          timestamp: "2026-12-02T00:00:00.000Z",
          environment: {},
          benchmarks: [
            {
              name: "layout",
              metrics: {
                time: { unit: "s", direction: "lower", samples: [0.039, 0.0391, 0.0389] },
              },
            },
          ],
        }),
      );
      return file;
    };
    const named = `20${"ab".repeat(19)}`;
    const ok = await perfgate([
      "compare",
      "--baseline",
      history,
      "--current",
      current(named),
      "--config",
      config,
      "--format",
      "json",
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.findings[0]).toMatchObject({
      severity: "critical",
      accepted: ".perfgate.yml accept: the new layout engine",
    });
    const other = await perfgate([
      "compare",
      "--baseline",
      history,
      "--current",
      current("99".repeat(20)),
      "--config",
      config,
    ]);
    expect(other.code).toBe(1);
  });

  it("accept: entries naming a pull request mark the step it landed as with a token and repository, and warn once naming the file without", async () => {
    const history = writeHistory("paint");
    const config = join(dir, "accept-pr.yml");
    writeFileSync(
      config,
      [
        "accept:",
        '  - benchmark: "paint"',
        "    pr: 9",
        "    reason: the new paint path",
        '  - benchmark: "p*"',
        "    pr: 9",
        "    reason: the same pull request again",
        "",
      ].join("\n"),
    );
    const api = await startGitHubServer();
    try {
      api.pulls.push({
        number: 9,
        state: "closed",
        head: { ref: "paint", sha: "h", repo: { full_name: "o/r" } },
        base: { ref: "main", repo: { full_name: "o/r" } },
        merged_at: "2026-12-01T00:20:00Z",
        merge_commit_sha: `20${"ab".repeat(19)}`,
      });
      const args = ["history", "changes", "--history", history, "--config", config];
      const json = [...args, "--format", "json"];
      const github = { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: "o/r" };

      const resolved = await perfgate(json, {
        env: { ...github, GITHUB_TOKEN: "ghs_default_token" },
      });
      expect(resolved.code, resolved.stderr).toBe(0);
      expect(JSON.parse(resolved.stdout).changes[0]).toMatchObject({
        commit: `20${"ab".repeat(19)}`,
        accepted: "the new paint path",
      });
      expect(resolved.stderr).toBe("");
      // One look-up for the pull request both entries name.
      expect(api.requests.filter((r) => r.path === "/repos/o/r/pulls/9")).toHaveLength(1);

      // The token from --token, the repository from --repo: the same.
      const flags = await perfgate([...json, "--token", "ghs_default_token", "--repo", "o/r"], {
        env: { GITHUB_API_URL: api.url, GITHUB_TOKEN: undefined, GITHUB_REPOSITORY: undefined },
      });
      expect(JSON.parse(flags.stdout).changes[0]?.accepted).toBe("the new paint path");

      // No token: the step is listed, not accepted, and one line says why, naming the file.
      const bare = await perfgate(json, { env: { ...github, GITHUB_TOKEN: undefined } });
      expect(bare.code).toBe(0);
      expect(JSON.parse(bare.stdout).changes[0]?.accepted).toBeUndefined();
      expect(bare.stderr.trim().split("\n")).toEqual([
        `perfgate: ${config}: accept: entries with pr: (#9) mark no history step without a GitHub token (GITHUB_TOKEN or --token) to find the commit each landed as.`,
      ]);

      // A token the server refuses: a warning, never a failure.
      const refused = await perfgate(json, { env: { ...github, GITHUB_TOKEN: "ghs_wrong" } });
      expect(refused.code).toBe(0);
      expect(refused.stderr).toContain(`${config}: accept: pull request #9 could not be read`);
      expect(refused.stderr).not.toContain("ghs_wrong");

      // compare: a run of the commit the pull request landed as, 3× slower, is accepted.
      const current = join(dir, "current-paint.json");
      writeFileSync(
        current,
        JSON.stringify({
          schema: RESULTS_SCHEMA,
          suite: "web",
          commit: `20${"ab".repeat(19)}`,
          timestamp: "2026-12-02T00:00:00.000Z",
          environment: {},
          benchmarks: [
            {
              name: "paint",
              metrics: {
                time: { unit: "s", direction: "lower", samples: [0.039, 0.0391, 0.0389] },
              },
            },
          ],
        }),
      );
      const compareArgs = ["compare", "--baseline", history, "--current", current];
      const compared = await perfgate([...compareArgs, "--config", config, "--format", "json"], {
        env: { ...github, GITHUB_TOKEN: "ghs_default_token" },
      });
      expect(compared.code, compared.stderr).toBe(0);
      expect(JSON.parse(compared.stdout).findings[0]).toMatchObject({
        accepted: ".perfgate.yml accept: the new paint path",
      });
      const unresolved = await perfgate([...compareArgs, "--config", config], {
        env: { ...github, GITHUB_TOKEN: undefined },
      });
      expect(unresolved.code).toBe(1);
      expect(unresolved.stderr).toContain(`perfgate: ${config}: accept: entries with pr: (#9)`);
    } finally {
      await api.close();
    }
  });
});
