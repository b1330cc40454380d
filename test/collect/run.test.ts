import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  chooseSource,
  collect,
  gitIdentity,
  SOURCES,
  throughputOptions,
} from "../../src/collect/run.js";
import { parseConfigText } from "../../src/model/configFile.js";
import { validateResults } from "../../src/model/validate.js";

const fixtures = fileURLToPath(new URL("../../fixtures/tinybench/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "perfgate-run-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const node = process.execPath;

describe("choosing what to collect", () => {
  it.each([
    [{}, /run: says nothing to collect; give one of throughput, tinybench, command or files/],
    [
      { tinybench: ["a.bench.ts"], command: "go test", tool: "go" },
      /run: names tinybench and command; a run collects from exactly one source/,
    ],
    [{ command: "go test -bench ." }, /run: command needs a tool/],
    [{ files: ["out.json"] }, /run: files needs a tool/],
    [
      { tinybench: ["a.bench.ts"], tool: "go" },
      /tool applies to command or files, not to tinybench/,
    ],
  ])("%j is refused with a reason", (run, message) => {
    expect(() => chooseSource(run, "cfg.yml")).toThrow(message);
  });

  it("accepts each source on its own", () => {
    expect(chooseSource({ throughput: {} })).toBe("throughput");
    expect(chooseSource({ files: ["x"], tool: "auto" })).toBe("files");
  });

  it("checks the throughput options by name and type", () => {
    expect(throughputOptions({ quick: true, target: "host:5201" }, "c")).toEqual({
      quick: true,
      target: "host:5201",
    });
    expect(() => throughputOptions({ qiuck: true }, "c")).toThrow(
      /run\.throughput\.qiuck is not an option \(known: quick, target, pin, rounds, scaling, connections, write-size, only\)/,
    );
    expect(() => throughputOptions({ quick: "yes" }, "c")).toThrow(/quick must be a boolean/);
  });
});

describe("collecting", () => {
  it("runs tinybench files found by a glob relative to the config into valid results", async () => {
    const lines: string[] = [];
    const results = await collect({
      run: { tinybench: ["strings.bench.{mjs,js}"] },
      baseDir: fixtures,
      rounds: 2,
      onProgress: (l) => lines.push(l),
    });
    expect(validateResults(JSON.parse(JSON.stringify(results)), "out")).toBeTruthy();
    expect(results.suite).toBe("tinybench");
    expect(results.benchmarks.map((b) => b.name)).toEqual(["strings/join", "strings/sort"]);
    expect(results.benchmarks[0]?.metrics.latency?.samples).toHaveLength(2);
    expect(results.environment.node).toBe(process.versions.node);
    expect(lines).toHaveLength(2);
  });

  it("runs a command in the configured cwd after the build step, rounds times", async () => {
    writeFileSync(
      join(work, "bench.mjs"),
      `import { readFileSync } from "node:fs";
const base = Number(readFileSync("built.txt", "utf8"));
console.log(JSON.stringify([{ name: "load", unit: "ops/s", value: base + Math.random() }]));\n`,
    );
    const results = await collect({
      run: {
        build: `${node} -e "require('fs').writeFileSync('built.txt','500')"`,
        command: `${node} bench.mjs`,
        tool: "customBiggerIsBetter",
        cwd: ".",
      },
      baseDir: work,
      rounds: 3,
      suite: "api",
      env: { GITHUB_SHA: "abc123", GITHUB_REF: "refs/heads/main" },
    });
    expect(results).toMatchObject({ suite: "api", commit: "abc123", ref: "refs/heads/main" });
    const [metric] = Object.values(results.benchmarks[0]?.metrics ?? {});
    expect(metric?.samples).toHaveLength(3);
    for (const s of metric?.samples ?? []) expect(Math.floor(s)).toBe(500);
  });

  it("records what collecting cost: the build, each round and the whole (issue 21 §8)", async () => {
    // Each round sleeps 0.3 s, the build 0.2 s: the times are at least that, in that order.
    const sleep = (s: number) => `${node} -e "setTimeout(() => {}, ${s * 1000})"`;
    writeFileSync(
      join(work, "slow.mjs"),
      `setTimeout(() => console.log(JSON.stringify([{ name: "q", unit: "ms", value: 3 }])), 300);\n`,
    );
    const results = await collect({
      run: { build: sleep(0.2), command: `${node} slow.mjs`, tool: "customSmallerIsBetter" },
      baseDir: work,
      rounds: 3,
    });
    const c = results.collection;
    expect(c?.roundSeconds).toHaveLength(3);
    for (const s of c?.roundSeconds ?? []) expect(s).toBeGreaterThanOrEqual(0.3);
    expect(c?.buildSeconds).toBeGreaterThanOrEqual(0.2);
    const parts = (c?.buildSeconds ?? 0) + (c?.roundSeconds ?? []).reduce((a, b) => a + b, 0);
    expect(c?.seconds).toBeGreaterThanOrEqual(parts - 1e-6);
  });

  it("stops with the build's own reason when the build fails", async () => {
    await expect(
      collect({
        run: {
          build: `${node} -e "console.error('error: missing crate serde'); process.exit(101)"`,
          command: "true",
          tool: "auto",
        },
        baseDir: work,
        where: "ci/.perfgate.yml",
      }),
    ).rejects.toThrow(
      /^ci\/\.perfgate\.yml: run\.build failed: .*exited with code 101: error: missing crate serde$/,
    );
  });

  it("parses files a tool already wrote, naming the suite after the tool", async () => {
    writeFileSync(join(work, "r1.json"), JSON.stringify([{ name: "q", unit: "ms", value: 3 }]));
    writeFileSync(join(work, "r2.json"), JSON.stringify([{ name: "q", unit: "ms", value: 4 }]));
    const results = await collect({
      run: { files: ["r*.json"], tool: "customSmallerIsBetter" },
      baseDir: work,
    });
    expect(results.suite).toBe("customSmallerIsBetter");
    expect(Object.values(results.benchmarks[0]?.metrics ?? {})[0]?.samples).toHaveLength(2);
    // Files a tool wrote cost nothing to collect here.
    expect(results.collection).toBeUndefined();
  });

  it("rejects zero rounds", async () => {
    await expect(
      collect({ run: { files: ["r1.json"], tool: "auto" }, baseDir: work, rounds: 0 }),
    ).rejects.toThrow(/rounds must be a whole number of at least 1, not 0/);
  });
});

describe("which commit is measured", () => {
  it("prefers the Actions variables and falls back to git", () => {
    expect(gitIdentity(work, { GITHUB_SHA: "f00", GITHUB_REF: "refs/pull/1/merge" })).toEqual({
      commit: "f00",
      ref: "refs/pull/1/merge",
    });
    expect(gitIdentity(work, {})).toEqual({}); // a temp folder is no checkout
  });

  it("on a pull_request run records the PR's head commit, not GitHub's merge commit", () => {
    const event = fileURLToPath(
      new URL("../../fixtures/events/pull_request.opened.json", import.meta.url),
    );
    const env = { GITHUB_SHA: "f00", GITHUB_EVENT_PATH: event };
    expect(gitIdentity(work, { ...env, GITHUB_EVENT_NAME: "pull_request" }).commit).toBe(
      "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
    );
    // pull_request_target checks out the base: there the merge commit is not measured either,
    // and the head would be a lie, so the Actions variable stands.
    expect(gitIdentity(work, { ...env, GITHUB_EVENT_NAME: "pull_request_target" }).commit).toBe(
      "f00",
    );
  });
});

describe("the run section of .perfgate.yml", () => {
  const load = (yaml: string) => parseConfigText(yaml, ".perfgate.yml");

  it("names a misspelt key", () => {
    expect(() => load("run:\n  comand: go test -bench .\n  tool: go\n")).toThrow(
      /^\.perfgate\.yml: \$\.run\.comand: unknown key/,
    );
  });

  it("names a misspelt throughput option", () => {
    const config = load("run:\n  throughput:\n    quik: true\n");
    expect(() => throughputOptions(config.run?.throughput ?? {}, ".perfgate.yml")).toThrow(
      /^\.perfgate\.yml: run\.throughput\.quik is not an option/,
    );
  });

  it("says clearly when two sources are given", () => {
    const config = load("run:\n  command: cargo bench\n  files: [out.json]\n  tool: cargo\n");
    expect(() => chooseSource(config.run, ".perfgate.yml")).toThrow(
      /^\.perfgate\.yml: run: names command and files; a run collects from exactly one source/,
    );
  });

  it("accepts each source in its documented shape", () => {
    for (const yaml of [
      "run:\n  throughput: { quick: true, target: 'host:5201' }\n",
      "run:\n  tinybench: ['bench/**/*.bench.ts']\n",
      "run:\n  command: go test -bench . -benchmem\n  tool: go\n  cwd: services/api\n",
      "run:\n  files: [target/criterion]\n  tool: auto\n  build: cargo bench\n",
    ]) {
      const config = load(yaml);
      expect(SOURCES).toContain(chooseSource(config.run));
    }
  });
});
