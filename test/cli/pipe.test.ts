/**
 * A report must arrive whole wherever stdout goes. On a pipe the kernel takes 64 KiB at a
 * time and the rest waits in Node; exiting before it drains used to cut the JSON off at
 * 65,536 bytes with exit status 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTool, script } from "../helpers/systemTools.js";
import { ROOT } from "./run.js";

const CLI = join(ROOT, "src/cli.ts");
/** Benchmarks per side: enough for a JSON report over 5 MB. */
const BENCHMARKS = 5000;

/** A results file with `count` benchmarks, every sample `scale` times a fixed pattern. */
function results(count: number, scale: number): string {
  const benchmarks = Array.from({ length: count }, (_, i) => ({
    name: `suite/group-${i % 97}/benchmark-${i}-with-a-long-descriptive-name`,
    metrics: {
      time: {
        unit: "s",
        direction: "lower",
        samples: Array.from({ length: 10 }, (_, k) => scale * (1 + (i % 7) / 10 + k / 1000)),
      },
    },
  }));
  return JSON.stringify({
    schema: "perfgate/results/v1",
    suite: "big",
    commit: "c0ffee3000000000000000000000000000000000",
    timestamp: "2026-01-02T06:00:00.000Z",
    environment: { os: "linux", arch: "x64", cpus: 2 },
    benchmarks,
  });
}

/** The CLI from source, its stdout going where `stdout` says. */
function perfgate(args: string[], stdout: "pipe" | number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    stdio: ["ignore", stdout, "pipe"],
  });
}

/**
 * The exit status and stderr. Waits for "exit", not "close": a stdout handed on to another
 * process stays open in this one until that process is done with it.
 */
async function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const [code] = await Promise.all([
    new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (status) => resolve(status));
    }),
    new Promise((resolve) => child.stderr?.on("close", resolve) ?? resolve(undefined)),
  ]);
  return { code, stderr };
}

/** Node reading its whole stdin, slowly, and saying how many bytes it got and whether they parse. */
const READER = `
let bytes = 0; const chunks = [];
process.stdin.on("data", (chunk) => {
  bytes += chunk.length; chunks.push(chunk);
  process.stdin.pause(); setTimeout(() => process.stdin.resume(), 1);
});
process.stdin.on("end", () => {
  let parsed = false;
  try { JSON.parse(Buffer.concat(chunks).toString("utf8")); parsed = true; } catch {}
  process.stdout.write(JSON.stringify({ bytes, parsed }));
});`;

describe("stdout arrives whole before the CLI exits", () => {
  let dir: string;
  let args: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "perfgate-pipe-"));
    writeFileSync(join(dir, "baseline.json"), results(BENCHMARKS, 1));
    writeFileSync(join(dir, "current.json"), results(BENCHMARKS, 1.2));
    args = ["compare", "-b", join(dir, "baseline.json"), "-c", join(dir, "current.json")];
    args.push("--format", "json");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The report written to a file: the reference the other destinations must match. */
  let expected: Buffer;

  it("a JSON report over 5 MB arrives whole in a file", async () => {
    const file = join(dir, "report.json");
    const fd = openSync(file, "w");
    const toFile = await exited(perfgate(args, fd));
    closeSync(fd);
    expected = readFileSync(file);
    expect(toFile).toEqual({ code: 0, stderr: "" });
    expect(expected.length).toBeGreaterThan(5_000_000);
    expect(JSON.parse(expected.toString("utf8")).findings).toHaveLength(BENCHMARKS);
  });

  it("the same report arrives whole through a pipe into a slow reader", async () => {
    // The reader is another process, as with `perfgate … | jq .`.
    const writer = perfgate(args, "pipe");
    const reader = spawn(process.execPath, ["-e", READER], {
      stdio: [writer.stdout, "pipe", "inherit"],
    });
    let said = "";
    reader.stdout?.on("data", (d: Buffer) => {
      said += d.toString();
    });
    const [wrote, read] = await Promise.all([exited(writer), exited(reader)]);
    expect(wrote).toEqual({ code: 0, stderr: "" });
    expect(read.code).toBe(0);
    expect(JSON.parse(said)).toEqual({ bytes: expected.length, parsed: true });
  });

  it("the same report arrives whole on a terminal", async (context) => {
    requireTool(context, script);
    // `script` gives the CLI a pseudo-terminal and copies what it shows to its own stdout.
    const quoted = [process.execPath, "--import", "tsx", CLI, ...args].map((a) => `'${a}'`);
    const terminal = spawn("script", ["-qec", quoted.join(" "), "/dev/null"], { cwd: ROOT });
    const shown: Buffer[] = [];
    terminal.stdout?.on("data", (d: Buffer) => shown.push(d));
    expect((await exited(terminal)).code).toBe(0);
    // The terminal turns each "\n" into "\r\n".
    const text = Buffer.concat(shown).toString("utf8").replace(/\r\n/g, "\n");
    expect(text).toBe(expected.toString("utf8"));
  });

  it("a reader that stops early ends nothing: same exit status, no error printed", async () => {
    const writer = perfgate(args, "pipe");
    writer.stdout?.once("data", () => writer.stdout?.destroy());
    expect(await exited(writer)).toEqual({ code: 0, stderr: "" });
  });
});
