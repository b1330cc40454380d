/**
 * `perfgate ab` on the built-in throughput suite: head's bench.sh makes the client move data
 * in 1 KiB pieces instead of 1 MiB, a real slowdown of the bytes on a real socket. Measured
 * here (busy 2-core machine, one quick round each): tcp/throughput 15–35 Gbit/s at 1 MiB,
 * 4.0–4.2 at 1 KiB (8.1–8.2 at 4 KiB). Through `perfgate ab` with 8 pairs, seeds 1–3:
 * −76 %, −76 %, −83 % (95 % intervals within −86 … −67 %), graded Severe each time; Critical
 * is out of reach at 8 pairs (the exact paired p-value cannot clear Bonferroni over six
 * findings), so the test asks for Severe or worse, which load swings would not undo.
 */
import { afterAll, describe, expect, it } from "vitest";
import { selfCommand } from "../../src/util/self.js";
import { perfgate } from "./cli.js";
import { makeRepo, type TestRepo } from "./repo.js";

const repos: TestRepo[] = [];
afterAll(() => {
  for (const r of repos) r.remove();
});

/** Single-quoted for sh: the paths come from this machine, never from user text. */
function shellQuote(text: string): string {
  if (text.includes("'")) throw new Error(`cannot quote a path with a quote in it: ${text}`);
  return `'${text}'`;
}

/** bench.sh: one quick throughput round, throughput scenario only, results on stdout. */
function benchScript(writeSize: string): string {
  const self = selfCommand();
  const line = [self.command, ...self.args].map(shellQuote).join(" ");
  return `${line} throughput --quick --rounds 1 --only throughput --write-size ${writeSize}\n`;
}

type JsonReport = {
  status: string;
  worst: string;
  mode: string;
  warnings: string[];
  findings: {
    benchmark: string;
    metric: string;
    verdict: string;
    severity?: string;
    change?: number;
  }[];
};

describe("perfgate ab on the throughput suite", () => {
  it("grades 1 KiB client I/O against 1 MiB as a Severe or Critical throughput regression, and removes its worktree", async () => {
    const r = makeRepo();
    repos.push(r);
    r.commit(
      {
        "bench.sh": benchScript("1MiB"),
        ".perfgate.yml": "run:\n  command: sh bench.sh\n  tool: perfgate\n",
      },
      "base: 1 MiB writes",
    );
    r.commit({ "bench.sh": benchScript("1KiB") }, "head: 1 KiB writes");
    const ran = await perfgate(
      ["ab", "--base", "HEAD~1", "--max-pairs", "8", "--max-time", "70s", "--format", "json"],
      { cwd: r.dir },
    );
    // The line itself, so a failure says what went wrong.
    expect(ran.stderr.match(/perfgate: .*error.*/)?.[0]).toBeUndefined();
    const report = JSON.parse(ran.stdout) as JsonReport;
    expect(report.mode).toBe("paired");
    const tcp = report.findings.find(
      (f) => f.benchmark === "tcp/throughput" && f.metric === "throughput",
    );
    expect(tcp?.verdict).toBe("regression");
    expect(["severe", "critical"]).toContain(tcp?.severity);
    expect(report.worst).toMatch(/severe|critical/);
    const worktrees = r
      .git("worktree", "list", "--porcelain")
      .split("\n")
      .filter((l) => l.startsWith("worktree "));
    expect(worktrees).toHaveLength(1);
  }, 120_000);
});
