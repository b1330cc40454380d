/**
 * `perfgate parse` and `perfgate run` end to end: the CLI bundled as it ships, run as a real
 * process on real files, commands and bench files.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { validateResults } from "../../src/model/validate.js";
import { node24 } from "../helpers/node24.js";
import { bundleCli } from "./helpers/bundle.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (path: string) => join(root, "fixtures", path);
let bundle: Awaited<ReturnType<typeof bundleCli>>;
let work: string;

beforeAll(async () => {
  bundle = await bundleCli();
  work = mkdtempSync(join(tmpdir(), "perfgate-cli-run-"));
});
afterAll(() => {
  bundle?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function perfgate(
  args: string[],
  options: { node?: string; cwd?: string; env?: Record<string, string> } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      options.node ?? process.execPath,
      [bundle.cli, ...args],
      {
        cwd: options.cwd ?? work,
        env: { ...process.env, CI: "", NO_COLOR: "1", ...options.env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const readResults = (path: string): Results =>
  validateResults(JSON.parse(readFileSync(path, "utf8")), path);

/** The error is the last line, one line, no stack trace (progress lines may come before). */
function expectOneLineError(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.code).toBe(2);
  const last = outcome.stderr.trim().split("\n").at(-1) ?? "";
  expect(last).toMatch(/^perfgate: /);
  expect(last).toMatch(pattern);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

describe("perfgate parse", () => {
  it("merges files of the same benchmarks as more rounds", async () => {
    const out = join(work, "go.json");
    const go = fixture("tools/go/output.txt");
    const second = join(work, "go-round-2.txt");
    cpSync(go, second);
    const result = await perfgate(["parse", "--tool", "go", go, second, "--out", out]);
    expect(result.code).toBe(0);
    const results = readResults(out);
    expect(results.suite).toBe("go");
    const fib = results.benchmarks.find((b) => b.name.includes("Fib20"));
    // go -count 3 printed three lines; two files make six samples.
    expect(
      fib?.metrics.time?.samples ?? Object.values(fib?.metrics ?? {})[0]?.samples,
    ).toHaveLength(6);
  });

  it("reads criterion's tree without counting its saved baseline as new samples", async () => {
    const tree = join(work, "crit");
    cpSync(fixture("tools/criterion/target"), join(tree, "target"), { recursive: true });
    const fib = join(tree, "target/criterion/fib 15");
    cpSync(join(fib, "new"), join(fib, "base"), { recursive: true });
    mkdirSync(join(fib, "report"));
    writeFileSync(join(fib, "report/index.html"), "<html></html>");
    const result = await perfgate(["parse", "--tool", "auto", "target/criterion"], { cwd: tree });
    expect(result.code).toBe(0);
    const results = validateResults(JSON.parse(result.stdout), "stdout");
    const sample = JSON.parse(readFileSync(join(fib, "new/sample.json"), "utf8")) as {
      times: number[];
    };
    expect(results.benchmarks.find((b) => b.name === "fib 15")?.metrics.time?.samples).toHaveLength(
      sample.times.length,
    );
    expect(results.notes?.join(" ")).toMatch(/skipped \d+ file\(s\) not in the format/);
  });

  it.each([
    [["--tool", "go", "tools/go/error-failed.txt"], /error-failed\.txt: line \d+: /],
    [
      ["tools/hyperfine/error-nonzero-exit.txt"],
      /error-nonzero-exit\.txt: line 1: no format recognised \(tried cargo, go, .*hyperfine/,
    ],
    [["--tool", "gotest", "tools/go/output.txt"], /unknown tool 'gotest' \(known: auto, cargo, go/],
    [["tools/nope.txt"], /tools\/nope\.txt: no such file or directory/],
  ])("exits 2 with one line for %j", async (args, pattern) => {
    expectOneLineError(await perfgate(["parse", ...args], { cwd: fixture("") }), pattern);
  });

  it("names the line where a truncated file stops", async () => {
    const truncated = join(work, "truncated.json");
    writeFileSync(
      truncated,
      readFileSync(fixture("tools/hyperfine/output.json"), "utf8").slice(0, 300),
    );
    expectOneLineError(
      await perfgate(["parse", "--tool", "hyperfine", truncated]),
      /truncated\.json: line \d+: hyperfine JSON ends early/,
    );
  });
});

describe("perfgate run", () => {
  const config = (name: string, yaml: string): string => {
    const path = join(work, name);
    writeFileSync(path, yaml);
    return path;
  };

  it("runs tinybench files for the configured rounds and writes valid results", async () => {
    const path = config(
      "tinybench.yml",
      `suite: strings\nrounds: 2\nrun:\n  tinybench: [${JSON.stringify(fixture("tinybench/strings.bench.mjs"))}]\n`,
    );
    const out = join(work, "tinybench.json");
    const result = await perfgate(["run", "--config", path, "--out", out]);
    expect(result.stderr).toMatch(/wrote 2 benchmark\(s\), 4 metric\(s\)/);
    expect(result.code).toBe(0);
    const results = readResults(out);
    expect(results.suite).toBe("strings");
    for (const b of results.benchmarks)
      for (const m of Object.values(b.metrics)) expect(m.samples).toHaveLength(2);
  });

  it("runs a .ts bench file under Node 24", async () => {
    const path = config(
      "typed.yml",
      `run:\n  tinybench: [${JSON.stringify(fixture("tinybench/typed.bench.ts"))}]\n`,
    );
    const out = join(work, "typed.json");
    const result = await perfgate(["run", "--config", path, "--out", out, "--rounds", "2"], {
      node: node24,
    });
    expect(result.stderr).not.toMatch(/perfgate: .*error/i);
    expect(result.code).toBe(0);
    const results = readResults(out);
    expect(results.environment.node).toMatch(/^24\./);
    expect(results.benchmarks.map((b) => b.name)).toEqual(["typed/distance"]);
    expect(results.benchmarks[0]?.metrics.latency?.samples).toHaveLength(2);
  });

  it("stops at a bench file that throws, naming the file", async () => {
    const path = config(
      "throws.yml",
      `run:\n  tinybench: [${JSON.stringify(fixture("tinybench/broken/task-throws.bench.mjs"))}]\n`,
    );
    expectOneLineError(
      await perfgate(["run", "--config", path, "--rounds", "1"]),
      /task-throws\.bench\.mjs: task "explodes" threw: cannot read properties/,
    );
  });

  it("stops at a failing command with its last stderr line", async () => {
    const script = fileURLToPath(new URL("./helpers/go-like-bench.mjs", import.meta.url));
    const path = config(
      "fails.yml",
      `run:\n  command: ${JSON.stringify(`${process.execPath} ${script} --fail`)}\n  tool: go\n`,
    );
    expectOneLineError(
      await perfgate(["run", "--config", path]),
      /exited with code 1: exit status 1: fixture file missing/,
    );
  });

  it("says what to do when there is no config", async () => {
    expectOneLineError(
      await perfgate(["run"], { cwd: work }),
      /no \.perfgate\.yml here; pass --config <file>, or --default/,
    );
  });

  describe("with a baseline", () => {
    // A command whose figure the test sets through the environment, with 2 % jitter.
    const bench = () => {
      const script = join(work, "render.mjs");
      writeFileSync(
        script,
        "const ms = Number(process.env.RENDER_MS) * (0.99 + Math.random() * 0.02);\n" +
          'console.log(JSON.stringify([{ name: "render", unit: "ms", value: ms }]));\n',
      );
      return config(
        "render.yml",
        `suite: render\nrounds: 4\nrun:\n  command: ${JSON.stringify(`${process.execPath} ${script}`)}\n  tool: customSmallerIsBetter\n`,
      );
    };
    let path: string;
    const baseline: string[] = [];

    beforeAll(async () => {
      path = bench();
      for (let i = 0; i < 4; i++) {
        const out = join(work, `base-${i}.json`);
        const r = await perfgate(["run", "--config", path, "--out", out], {
          env: { RENDER_MS: "10" },
        });
        expect(r.code).toBe(0);
        baseline.push(out);
      }
    });

    it("passes when nothing changed", async () => {
      const result = await perfgate(
        [
          "run",
          "--config",
          path,
          "--out",
          join(work, "same.json"),
          "--format",
          "json",
          "--baseline",
          ...baseline,
        ],
        { env: { RENDER_MS: "10" } },
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ status: "pass" });
    });

    it("fails the gate on a 3x slowdown and prints the report", async () => {
      const result = await perfgate(
        [
          "run",
          "--config",
          path,
          "--out",
          join(work, "slow.json"),
          "--format",
          "json",
          "--baseline",
          ...baseline,
        ],
        { env: { RENDER_MS: "30" } },
      );
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ status: "fail", worst: "critical" });
    });

    it("refuses a baseline of another suite", async () => {
      const other = join(work, "tinybench.json");
      expectOneLineError(
        await perfgate(
          ["run", "--config", path, "--out", join(work, "x.json"), "--baseline", other],
          {
            env: { RENDER_MS: "10" },
          },
        ),
        /suite 'strings' does not match this run's suite 'render'/,
      );
    });
  });
});
