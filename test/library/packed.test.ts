/**
 * perfgate as a library, the way a user gets it: the package `npm pack` makes (dist/lib.js
 * and dist/lib.d.ts bundled from this source), installed into a project outside the
 * repository, examples/library/ type-checked there by tsc against the shipped types and run
 * with plain node: the gate against fixtures, the monitor against a real `perfgate serve`
 * (the packed one) that is stopped mid-session.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli/run.js";
import { cleanEnv as env, packPackage, run } from "../helpers/pack.js";

const EXAMPLE = join(ROOT, "examples/library");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const fixtures = join(ROOT, "fixtures/results");
const HISTORY = join(fixtures, "history-30-runs-3pct-noise.json");
const SLOWER = join(fixtures, "current-60pct-slower.json");
const UNCHANGED = join(fixtures, "current-unchanged.json");
const typesNode = JSON.parse(
  readFileSync(join(ROOT, "node_modules/@types/node/package.json"), "utf8"),
) as { version: string };

let project: string;
const children: ChildProcess[] = [];

function node(args: string[]) {
  return run(process.execPath, args, { cwd: project, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

beforeAll(async () => {
  const { tarball } = await packPackage();
  project = mkdtempSync(join(tmpdir(), "perfgate-library-user-"));
  for (const file of ["gate.mts", "watch.mts", "tsconfig.json"])
    copyFileSync(join(EXAMPLE, file), join(project, file));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "uses-perfgate", private: true, type: "module" }),
  );
  // The user's own dev dependency, at the version this repository uses (npm's cache has it).
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball].concat(
      `@types/node@${typesNode.version}`,
    ),
    { cwd: project, env },
  );
}, 300_000);

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

describe("the packed package as a library", () => {
  it("type-checks the examples against the shipped dist/lib.d.ts and compiles them", async () => {
    const tsc = await node([TSC, "-p", "tsconfig.json"]);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
    expect(existsSync(join(project, "out/gate.mjs"))).toBe(true);
  });

  it("rejects a call the types forbid (the types are real, not any)", async () => {
    writeFileSync(
      join(project, "wrong.mts"),
      'import { compare } from "perfgate";\ncompare({ baseline: [], current: [], failOn: "sometimes" });\n',
    );
    const tsc = await node([TSC, "--noEmit", "--strict", "--module", "NodeNext", "wrong.mts"]);
    expect(tsc.code).not.toBe(0);
    expect(tsc.stdout).toMatch(/wrong\.mts\(2,\d+\): error TS2322: Type '"sometimes"'/);
  });

  it("resolves perfgate to the library and perfgate/action to the Action's entry", async () => {
    const resolved = await node([
      "--input-type=module",
      "-e",
      'console.log(import.meta.resolve("perfgate")); console.log(import.meta.resolve("perfgate/action"))',
    ]);
    const [lib, action] = resolved.stdout.trim().split("\n");
    expect(lib).toMatch(/node_modules\/perfgate\/dist\/lib\.js$/);
    expect(action).toMatch(/node_modules\/perfgate\/dist\/index\.js$/);
  });

  it("runs the gate example with plain node: exit 1 on a 60 % slowdown, 0 when unchanged", async () => {
    const slower = await node(["out/gate.mjs", HISTORY, "--", SLOWER]);
    expect(slower.stderr).toBe("");
    expect(slower.code).toBe(1);
    expect(slower.stdout).toContain("FAIL");
    expect(slower.stdout).toMatch(/: critical$/m);
    expect(readFileSync(join(project, "report.md"), "utf8")).toMatch(/^<!-- perfgate/);
    const unchanged = await node(["out/gate.mjs", HISTORY, "--", UNCHANGED]);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain("PASS");
  });

  it("gives the report the packed CLI's compare --format json prints", async () => {
    const cli = await run(
      join(project, "node_modules/.bin/perfgate"),
      ["compare", "--format", "json", "--baseline", HISTORY, "--current", SLOWER],
      { cwd: project, env },
    ).catch((error: { stdout: string }) => error);
    const library = await node([
      "--input-type=module",
      "-e",
      `import { compare, readResults, renderJson } from "perfgate";
       const report = compare({ baseline: await readResults(${JSON.stringify(HISTORY)}),
                                current: await readResults(${JSON.stringify(SLOWER)}) });
       process.stdout.write(renderJson(report));`,
    ]);
    expect(library.stderr).toBe("");
    const fromLibrary = JSON.parse(library.stdout);
    const fromCli = JSON.parse(cli.stdout);
    expect(fromLibrary.status).toBe("fail");
    // The CLI adds one note the library has no use for: it read files, so it could not run
    // more rounds to confirm the failure (src/analyze/confirm.ts). Everything else is equal.
    expect(fromCli.warnings[0]).toMatch(/^not confirmed: perfgate did not collect these results/);
    expect(fromLibrary).toEqual({ ...fromCli, warnings: fromCli.warnings.slice(1) });
  });

  it("measures throughput from the packed library, its child processes the package's own CLI", async () => {
    const ran = await node([
      "--input-type=module",
      "-e",
      `import { measureThroughput } from "perfgate";
       const results = await measureThroughput({ quick: true, rounds: 1 });
       const tcp = results.benchmarks.find((b) => b.name === "tcp/throughput");
       console.log(JSON.stringify({ suite: results.suite, gbps: tcp?.metrics.throughput?.samples }));`,
    ]);
    expect(ran.stderr).toBe("");
    const { suite, gbps } = JSON.parse(ran.stdout);
    expect(suite).toBe("real-throughput");
    expect(gbps).toHaveLength(1);
    expect(gbps[0]).toBeGreaterThan(0);
  }, 120_000);

  it("runs the monitor example against a packed perfgate serve that stops mid-session", async () => {
    const serve = spawn(
      join(project, "node_modules/.bin/perfgate"),
      ["serve", "--host", "127.0.0.1", "--port", "0", "--no-tls"],
      { cwd: project, env, stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(serve);
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: serve.stdout as NodeJS.ReadableStream }).once("line", resolve),
    );
    const port = /listening on [^ ]+:(\d+)/.exec(first)?.[1];
    expect(Number(port)).toBeGreaterThan(0);

    const watch = spawn(process.execPath, ["out/watch.mjs", "127.0.0.1", String(port), "4"], {
      cwd: project,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(watch);
    let stdout = "";
    let stderr = "";
    watch.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    watch.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // The snapshot after 1 s saw a healthy path; then the path dies.
    while (!/^after 1 s:/m.test(stdout) && watch.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    serve.kill("SIGTERM");
    const code = await new Promise((r) =>
      watch.exitCode !== null ? r(watch.exitCode) : watch.once("exit", r),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^after 1 s: Healthy over [2-9] intervals, \d[\d.e-]* Gbit\/s$/m);
    // Connection success is over a rolling window: the path may pass through Degraded.
    expect(stdout).toMatch(
      /^health Healthy → (Degraded|Critical) .*connection success [\d.]+ % < 99 %/m,
    );
    expect(stdout).toMatch(/^health (Healthy|Degraded) → Critical /m);
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
    expect(summary.worst).toBe("Critical");
    // 4 s of 250 ms intervals; a busy machine may stretch an interval, never add one.
    expect(summary.intervals).toBeGreaterThanOrEqual(8);
    expect(summary.intervals).toBeLessThanOrEqual(16);
  });
});
