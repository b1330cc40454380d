/**
 * The whole suite end to end, with tiny trials: real child processes (pinned where this
 * machine allows), real loopback sockets, a results file of the right shape.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import type { SuitePlan } from "../../src/collect/throughput/plan.js";
import { runThroughputSuite } from "../../src/collect/throughput/suite.js";
import type { Results } from "../../src/model/types.js";
import { validateResults } from "../../src/model/validate.js";
import { selfCommand } from "../../src/util/self.js";

/** Small enough for a noisy shared machine, large enough to exercise every path. */
const TINY: Partial<SuitePlan> = {
  throughput: {
    warmupMs: 50,
    durationMs: 150,
    windowMs: 50,
    writeSize: 1024 * 1024,
    readSize: 1024 * 1024,
  },
  transferSizes: [1_000_000, 3_000_000],
  latency: { messages: 300, warmup: 30, messageSize: 64 },
  setup: {
    tcp: { sequential: 10, sequentialMaxMs: 200, burstMs: 50, concurrency: 4 },
    tls: { sequential: 5, sequentialMaxMs: 200, burstMs: 50, concurrency: 4 },
  },
};

const EXPECTED_BENCHMARKS = [
  "tcp/throughput",
  "tls/throughput",
  "tcp/transfer/1MB",
  "tcp/transfer/3MB",
  "tls/transfer/1MB",
  "tls/transfer/3MB",
  "tcp/latency",
  "tls/latency",
  "tcp/connect",
  "tls/connect",
  "process/peak-memory",
];

/** The results contract: the model's schema validator, then what this suite promises. */
function expectResultsShape(results: Results, rounds: number): void {
  // Through JSON, as a file would be: the validator must accept exactly what we write.
  const written = JSON.parse(JSON.stringify(results)) as unknown;
  expect(() => validateResults(written, "results.json")).not.toThrow();
  expect(results.schema).toBe("perfgate/results/v1");
  expect(results.suite).toBe("real-throughput");
  expect(Number.isNaN(Date.parse(results.timestamp))).toBe(false);
  expect(results.benchmarks.map((b) => b.name)).toEqual(EXPECTED_BENCHMARKS);
  for (const benchmark of results.benchmarks) {
    for (const [name, metric] of Object.entries(benchmark.metrics)) {
      const where = `${benchmark.name} ${name}`;
      expect(["higher", "lower"], where).toContain(metric.direction);
      expect(["Gbit/s", "s", "s/GB", "conn/s", "B"], where).toContain(metric.unit);
      expect(metric.samples.length, where).toBe(rounds);
      for (const sample of metric.samples) {
        expect(Number.isFinite(sample), where).toBe(true);
        expect(sample, where).toBeGreaterThan(0);
      }
    }
  }
}

function metric(results: Results, benchmark: string, name: string) {
  const found = results.benchmarks.find((b) => b.name === benchmark)?.metrics[name];
  if (!found) throw new Error(`no ${benchmark} ${name}`);
  return found;
}

describe("runThroughputSuite on loopback", () => {
  it("writes one sample per round for every metric, with sane figures", async () => {
    const steps: string[] = [];
    const results = await runThroughputSuite({
      rounds: 2,
      plan: TINY,
      onProgress: (e) => {
        if (e.kind === "step") steps.push(`${e.round}:${e.step}`);
      },
    });
    expectResultsShape(results, 2);
    expect(steps).toContain("2:tls/connect");

    const env = results.environment;
    expect(env.placement).toMatch(/^(server: cpu\d+, client: cpu\d+ \(taskset\)|unpinned)$/);
    expect(env.tlsProtocol).toBe("TLSv1.3");
    expect(env.tlsKeyType).toBe("ECDSA P-256");
    expect(env.tlsCipher).toMatch(/^TLS_/);
    expect(env.openssl).toBe(process.versions.openssl);
    expect(env.networkTier).toMatch(/^(Slow|Home|Standard|Performance|Enterprise|DataCenter)$/);
    expect(results.notes?.some((n) => n.startsWith("network tier:"))).toBe(true);

    expect(metric(results, "tcp/throughput", "throughput").direction).toBe("higher");
    // Each round's throughput is the median of its steady-state windows, and says so: how
    // many (at most the plan's 150 / 50 = 3), how long, and how far apart they were.
    for (const name of ["tcp/throughput", "tls/throughput"]) {
      const windows = metric(results, name, "throughput").windows ?? [];
      expect(windows, name).toHaveLength(2);
      for (const w of windows) {
        expect(w.count, name).toBeGreaterThanOrEqual(1);
        expect(w.count, name).toBeLessThanOrEqual(3);
        expect(w.seconds, name).toBe(0.05);
        expect(w.spread, name).toBeGreaterThanOrEqual(0);
      }
    }
    expect(metric(results, "tcp/connect", "rate").unit).toBe("conn/s");
    const latency = results.benchmarks.find((b) => b.name === "tcp/latency")?.metrics ?? {};
    for (let i = 0; i < 2; i++)
      expect(latency.p50?.samples[i]).toBeLessThanOrEqual(latency.p99?.samples[i] ?? 0);
    // Set-up included can only add time to a transfer.
    const transfer = metric(results, "tcp/transfer/3MB", "time").samples;
    const withSetup = metric(results, "tcp/transfer/3MB", "time-with-setup").samples;
    transfer.forEach((t, i) => {
      expect(withSetup[i]).toBeGreaterThanOrEqual(t);
    });
    // Peak memory of a Node process is megabytes, not bytes or terabytes (a unit slip).
    for (const rss of metric(results, "process/peak-memory", "server").samples) {
      expect(rss).toBeGreaterThan(10e6);
      expect(rss).toBeLessThan(10e9);
    }
  });
});

describe("--target against a running perfgate serve", () => {
  let serve: ChildProcess | undefined;
  afterAll(() => {
    serve?.kill("SIGKILL");
  });

  /** Start `perfgate serve` on a free loopback port; resolves with the line it prints. */
  async function startServe(...flags: string[]): Promise<string> {
    const self = selfCommand();
    serve = spawn(
      self.command,
      [...self.args, "serve", "--host", "127.0.0.1", "--port", "0", ...flags],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    return new Promise<string>((resolve) =>
      createInterface({ input: serve?.stdout as NodeJS.ReadableStream }).once("line", resolve),
    );
  }

  it("measures the remote server and records it as the target", async () => {
    const line = await startServe();
    const port = Number(/:(\d+), TLS on (\d+)/.exec(line)?.[1]);
    expect(port).toBeGreaterThan(0);

    const results = await runThroughputSuite({
      rounds: 1,
      plan: TINY,
      target: `127.0.0.1:${port}`,
    });
    expectResultsShape(results, 1);
    expect(results.environment.target).toBe(`127.0.0.1:${port}`);
    expect(results.environment.placement).toMatch(/server: remote 127\.0\.0\.1:\d+$|^unpinned$/);

    const exited = new Promise<number | null>((resolve) => serve?.once("exit", resolve));
    serve?.kill("SIGTERM");
    expect(await exited).toBe(0);
    serve = undefined;
  });

  it("measures TCP only against a serve without TLS, and says so", async () => {
    const line = await startServe("--no-tls");
    expect(line).not.toContain("TLS");
    const port = Number(/:(\d+)$/.exec(line.trim())?.[1]);
    const results = await runThroughputSuite({
      rounds: 1,
      plan: TINY,
      target: `127.0.0.1:${port}`,
    });
    const names = results.benchmarks.map((b) => b.name);
    expect(names).toContain("tcp/throughput");
    expect(names.some((n) => n.startsWith("tls/"))).toBe(false);
    expect(results.notes).toContain(
      "no TLS benchmarks: the server serves no TLS (perfgate serve --no-tls)",
    );
    serve?.kill("SIGTERM");
    serve = undefined;
  });
});
