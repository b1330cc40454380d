/** perfgate serve and perfgate monitor as real processes on loopback. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import metricsSchema from "../../schema/metrics.v1.json" with { type: "json" };
import { readResults } from "../../src/collect/read.js";
import { selfCommand } from "../../src/util/self.js";
import { perfgate } from "../cli/run.js";
import { type ServeChild, startServeChild } from "./helpers/serveChild.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const dir = mkdtempSync(join(tmpdir(), "perfgate-monitor-"));
let serve: ServeChild;

beforeAll(async () => {
  serve = await startServeChild();
});
afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

/** Loose expectations: this machine is shared; the figures we check are the ones we cause. */
const LOOSE = ["--expected-gbps", "0.01", "--max-latency-ms", "500"];

describe("perfgate serve + perfgate monitor", () => {
  it("prints one line per interval and a summary, and writes a valid export and results file", async () => {
    const exportFile = join(dir, "metrics.json");
    const resultsFile = join(dir, "results.json");
    const run = await perfgate([
      "monitor",
      "-s",
      "127.0.0.1",
      "-p",
      String(serve.port),
      "--interval",
      "500ms",
      "--duration",
      "2500ms",
      ...LOOSE,
      "--export",
      exportFile,
      "--results",
      resultsFile,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    const intervals = lines.filter((l) => /^#\d+ {2}\d\d:\d\d:\d\d {2}tcp /.test(l));
    expect(intervals).toHaveLength(5);
    for (const line of intervals) {
      expect(line).toMatch(
        /tcp \d[\d.]* Gbit\/s \(\w+\) {2}rtt p50 [\d.]+ p95 [\d.]+ p99 [\d.]+ ms {2}conn 100% {2}loss \d[\d.]*% {2}jitter [\d.]+ ms {2}Healthy$/,
      );
    }
    expect(run.stdout).toMatch(
      /^summary: 5 intervals in [\d.]+ s \(duration\); worst Healthy \(Healthy 5\)$/m,
    );

    const exported = JSON.parse(readFileSync(exportFile, "utf8"));
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const valid = ajv.compile(metricsSchema);
    expect(valid(exported), JSON.stringify(valid.errors)).toBe(true);
    expect(exported.intervals).toHaveLength(5);
    expect(exported.target).toBe(`127.0.0.1:${serve.port}`);
    expect(exported.transport).toBe("tcp");
    expect(exported.intervals[4].loss).toBe(0);

    const [results] = await readResults(resultsFile); // schema-checked by the model
    expect(results?.suite).toBe("network-monitor");
    const throughput = results?.benchmarks.find((b) => b.name === "path/throughput");
    expect(throughput?.metrics.throughput?.samples).toHaveLength(5);
    expect(results?.benchmarks.map((b) => b.name)).toEqual([
      "path/throughput",
      "path/round-trip",
      "path/udp",
    ]);

    const compared = await perfgate([
      "compare",
      "--baseline",
      resultsFile,
      "--current",
      resultsFile,
      "--format",
      "json",
    ]);
    expect(compared.code).toBe(0);
    expect(JSON.parse(compared.stdout).suite).toBe("network-monitor");

    // The session as a baseline: NDJSON, and the verdict at the end.
    const again = await perfgate([
      "monitor",
      "-s",
      "127.0.0.1",
      "-p",
      String(serve.port),
      "--interval",
      "300ms",
      "--duration",
      "900ms",
      ...LOOSE,
      "--json",
      "--baseline",
      resultsFile,
    ]);
    expect(again.code).toBe(0);
    const events = again.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.filter((e) => e.type === "interval")).toHaveLength(3);
    expect(events.at(-2)).toMatchObject({ type: "summary" });
    expect(events.at(-1)).toMatchObject({
      type: "baseline",
      status: expect.stringMatching(/pass|fail/),
    });
  });

  it("measures over TLS 1.3 with --tls, learning the TLS port from the serve", async () => {
    const exportFile = join(dir, "tls-metrics.json");
    const run = await perfgate([
      "monitor",
      "-s",
      "127.0.0.1",
      "-p",
      String(serve.port),
      "--tls",
      "--interval",
      "400ms",
      "--duration",
      "800ms",
      ...LOOSE,
      "--export",
      exportFile,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const intervals = run.stdout.split("\n").filter((l) => /^#\d+ {2}/.test(l));
    expect(intervals).toHaveLength(2);
    for (const line of intervals) expect(line).toMatch(/ {2}tls \d[\d.]* Gbit\/s .*conn 100%/);
    expect(JSON.parse(readFileSync(exportFile, "utf8")).transport).toBe("tls");

    const plain = await startServeChild("--no-tls", "--no-udp");
    try {
      const refused = await perfgate([
        "monitor",
        "-s",
        "127.0.0.1",
        "-p",
        String(plain.port),
        "--tls",
      ]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        `perfgate: --tls: the perfgate serve at 127.0.0.1:${plain.port} serves no TLS (--no-tls)\n`,
      );
    } finally {
      await plain.stop();
    }
  });

  it("ends cleanly with a summary on Ctrl-C (SIGINT)", async () => {
    const self = selfCommand();
    const child = spawn(
      self.command,
      [
        ...self.args,
        "monitor",
        "-s",
        "127.0.0.1",
        "-p",
        String(serve.port),
        "--interval",
        "200ms",
        ...LOOSE,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (/^#2 /m.test(stdout) && child.exitCode === null && !child.killed) child.kill("SIGINT");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^summary: \d+ intervals in [\d.]+ s \(interrupted\)/m);
  });

  it("counts refused connections against a port where nothing listens, and keeps going", async () => {
    const port = await freePort();
    const run = await perfgate([
      "monitor",
      "-s",
      "127.0.0.1",
      "-p",
      String(port),
      "--interval",
      "200ms",
      "--duration",
      "1s",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`#1 cannot connect to 127.0.0.1:${port}: ECONNREFUSED`);
    // printed once, not every interval
    expect(run.stdout.split("cannot connect").length - 1).toBe(1);
    const intervals = run.stdout.split("\n").filter((l) => /^#\d+ {2}/.test(l));
    expect(intervals).toHaveLength(5);
    for (const line of intervals)
      expect(line).toMatch(
        /tcp -- {2}rtt -- {2}conn 0% \(refused\) {2}loss -- {2}jitter -- {2}Critical$/,
      );
    expect(run.stdout).toMatch(/connections 0% succeeded; UDP loss -- \(no probe replies\)/);
  });

  it("ends with exit code 1 after K Critical intervals with --fail-on-critical", async () => {
    const port = await freePort();
    const run = await perfgate([
      "monitor",
      "-s",
      "127.0.0.1",
      "-p",
      String(port),
      "--interval",
      "100ms",
      "--duration",
      "30s",
      "--fail-on-critical",
      "--critical-intervals",
      "2",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "perfgate: monitor: stopped after 2 Critical intervals in a row (--fail-on-critical)\n",
    );
    expect(run.stdout).toMatch(/^summary: 2 intervals in [\d.]+ s \(critical\)/m);
  });

  it.each([
    [["monitor"], /monitor needs -s <host>/],
    [["monitor", "-s", "h", "--interval", "soon"], /--interval must be a duration/],
    [["monitor", "-s", "h", "-p", "0"], /--port must be a port number/],
    [["monitor", "-s", "h", "--interval", "10ms"], /--interval must be at least 100ms/],
    [["monitor", "-s", "h", "--expected-gbps=-1"], /--expected-gbps must be a number above 0/],
    [["monitor", "-s", "h", "--expected-gbps", "-1"], /argument is ambiguous/],
    [
      ["monitor", "-s", "h", "--baseline", "/nonexistent.json"],
      /nonexistent\.json: cannot read: no such file/,
    ],
    [["serve", "--idle-timeout", "x"], /--idle-timeout must be a number of seconds/],
  ])("%j exits 2 with one line", async (args, message) => {
    const run = await perfgate(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
