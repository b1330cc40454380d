import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { collectCommand, runCommand, splitCommand } from "../../src/collect/command.js";
import { findParser } from "../../src/collect/parsers/index.js";
import { InputError } from "../../src/util/errors.js";

const goLike = fileURLToPath(new URL("./helpers/go-like-bench.mjs", import.meta.url));
const node = JSON.stringify(process.execPath).slice(1, -1);
const work = mkdtempSync(join(tmpdir(), "perfgate-command-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("splitting a command line", () => {
  it.each([
    ["go test -bench . -count 1", { argv: ["go", "test", "-bench", ".", "-count", "1"] }],
    ["  cargo   bench  ", { argv: ["cargo", "bench"] }],
    [`node 'my bench.js' "a b" c\\ d`, { argv: ["node", "my bench.js", "a b", "c d"] }],
    [`echo "say \\"hi\\""`, { argv: ["echo", 'say "hi"'] }],
    ["go test -bench . | tee out.txt", { shell: "go test -bench . | tee out.txt" }],
    ["./bench > out.json", { shell: "./bench > out.json" }],
    ["GOMAXPROCS=2 go test", { shell: "GOMAXPROCS=2 go test" }],
    ['echo "$HOME"', { shell: 'echo "$HOME"' }],
    ["ls *.json", { shell: "ls *.json" }],
    ["make bench && cat out", { shell: "make bench && cat out" }],
  ])("%s", (line, expected) => {
    expect(splitCommand(line)).toEqual(expected);
  });

  it.each([["echo 'open"], ['echo "open'], ["   "]])("rejects %j with one line", (line) => {
    expect(() => splitCommand(line)).toThrow(InputError);
  });
});

describe("running a command", () => {
  it("runs a word list without a shell, so shell characters in arguments stay literal", async () => {
    const { stdout } = await runCommand(`${node} -e "console.log(process.argv[1])" 'a;$(echo no)'`);
    // Quoted, so no shell line: the argument arrives as written.
    expect(stdout.trim()).toBe("a;$(echo no)");
  });

  it("runs the user's shell line as written when it needs a shell", async () => {
    const { stdout } = await runCommand("echo one | tr a-z A-Z", { cwd: work });
    expect(stdout.trim()).toBe("ONE");
  });

  it("quotes the command's last stderr line when it fails", async () => {
    const error = await runCommand(`${node} ${goLike} --fail`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /go-like-bench\.mjs --fail`: exited with code 1: exit status 1: fixture file missing$/,
    );
  });

  it("says when the program does not exist", async () => {
    await expect(runCommand("perfgate-no-such-program --x")).rejects.toThrow(
      /cannot start: no such program 'perfgate-no-such-program'/,
    );
  });

  it("stops a command that runs past its time limit, children included", async () => {
    const started = Date.now();
    await expect(runCommand("sleep 30 | cat", { timeoutMs: 300 })).rejects.toThrow(
      /did not finish in 0.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe("a command as a benchmark", () => {
  it("parses a custom-format JSON file the command prints, once per round", async () => {
    const script = join(work, "custom.mjs");
    writeFileSync(
      script,
      `console.log(JSON.stringify([{ name: "render", unit: "ms", value: 10 + Math.random() }]));\n`,
    );
    const benchmarks = await collectCommand({
      command: `${node} ${script}`,
      tool: "customSmallerIsBetter",
      rounds: 3,
    });
    expect(benchmarks).toHaveLength(1);
    const [metric] = Object.values(benchmarks[0]?.metrics ?? {});
    expect(metric?.samples).toHaveLength(3);
    expect(metric?.direction).toBe("lower");
  });

  it("names the round and the formats it tried when auto finds none", async () => {
    await expect(
      collectCommand({ command: "echo hello", tool: "auto", rounds: 2 }),
    ).rejects.toThrow(/output of `echo hello` \(round 1\): line 1: no format recognised \(tried /);
  });

  it("rejects an unknown tool and lists the known ones", async () => {
    await expect(collectCommand({ command: "echo hi", tool: "gotest", rounds: 1 })).rejects.toThrow(
      /unknown tool 'gotest' \(known: auto, .*customSmallerIsBetter/,
    );
  });

  it.runIf(findParser("go"))(
    "parses go-style output of every round and merges the rounds per benchmark and metric",
    async () => {
      const rounds: number[] = [];
      const benchmarks = await collectCommand({
        command: `${node} ${goLike}`,
        tool: "auto",
        rounds: 4,
        onRound: (r) => rounds.push(r),
      });
      expect(rounds).toEqual([1, 2, 3, 4]);
      expect(benchmarks.map((b) => b.name).sort()).toEqual(
        expect.arrayContaining([expect.stringMatching(/Encode/), expect.stringMatching(/Parse/)]),
      );
      for (const b of benchmarks) {
        for (const m of Object.values(b.metrics)) expect(m.samples).toHaveLength(4);
      }
      const parse = benchmarks.find((b) => b.name.includes("Parse"));
      const time = Object.values(parse?.metrics ?? {}).find((m) => m.unit === "s");
      // 1234 ns/op ± 5 %, stored in seconds.
      expect(time?.samples).toHaveLength(4);
      for (const s of time?.samples ?? []) {
        expect(s).toBeGreaterThan(1234e-9 * 0.94);
        expect(s).toBeLessThan(1234e-9 * 1.06);
      }
      // Jitter between rounds shows the rounds were really run, not one output repeated.
      expect(new Set(time?.samples).size).toBeGreaterThan(1);
    },
  );
});
