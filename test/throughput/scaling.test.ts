/**
 * The scaling scenario end to end on loopback, with real child processes and sockets: a
 * server that stalls every k-th connection shows in fairness and success; a lowered
 * `ulimit -n` stops at the largest N it can hold, says so, and still writes valid results;
 * TCP connections share our own server evenly and the trial counts CPU per GB.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { throughputOptions } from "../../src/collect/run.js";
import { FD_RESERVE, planConnections } from "../../src/collect/throughput/scalingLimits.js";
import { parseConnections, progressStep } from "../../src/collect/throughput/scalingPlan.js";
import { jainIndex } from "../../src/collect/throughput/scalingStats.js";
import { runScalingSuite } from "../../src/collect/throughput/scalingSuite.js";
import { type RunningServer, startServer } from "../../src/collect/throughput/server.js";
import type { Results } from "../../src/model/types.js";
import { validateResults } from "../../src/model/validate.js";
import { median } from "../../src/util/quantiles.js";
import { selfCommand } from "../../src/util/self.js";

/**
 * Test-only: a TCP front for a real throughput server that stalls every k-th connection
 * (accepts it, then never reads or answers), as an overloaded or wedged server would.
 * k = 0 stalls none. Connection 1 is the client's info request.
 */
async function stallingFront(upstreamPort: number, k: number) {
  const sockets = new Set<net.Socket>();
  let count = 0;
  // Half-close passes through (the client half-closes and then waits for the FINAL record).
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    sockets.add(client);
    client.on("error", () => client.destroy());
    client.on("close", () => sockets.delete(client));
    count += 1;
    if (k > 0 && count % k === 0) return void client.pause();
    const upstream = net.connect({ host: "127.0.0.1", port: upstreamPort, allowHalfOpen: true });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on("close", () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const samples = (results: Results, benchmark: string, name: string) =>
  results.benchmarks.find((b) => b.name === benchmark)?.metrics[name]?.samples ?? [];
const metric = (results: Results, benchmark: string, name: string) =>
  samples(results, benchmark, name)[0] as number;

describe("scaling: a server that stalls every k-th connection", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ tlsPort: false });
  });
  afterAll(async () => {
    await server.close();
  });

  async function measure(k: number, rounds = 1): Promise<Results> {
    const front = await stallingFront(server.tcp.port, k);
    try {
      return await runScalingSuite({
        target: front.target,
        connections: [20],
        fileLimit: 20_000,
        scalingPlan: { rounds, transports: ["tcp"], warmupMs: 100, durationMs: 300 },
      });
    } finally {
      await front.close();
    }
  }

  it("shows fairness and success drop", async () => {
    // Three rounds of the healthy run, judged by their median (below).
    const healthy = await measure(0, 3);
    const stalled = await measure(4);
    const name = "tcp/scaling/n=20";
    expect(metric(healthy, name, "success")).toBe(1);
    // Connections 4, 8, … of 21 (the first is the info request): 5 of the 20 senders.
    expect(metric(stalled, name, "success")).toBeCloseTo(15 / 20, 10);
    // Jain's index is at most (senders that moved data) / (senders): 15/20 with five stalled,
    // however the live fifteen share the cores. A healthy run's index depends on how this
    // process's proxy and the children are scheduled in a 300 ms window (single
    // rounds measured 0.31–0.88 at load 16–18 on 2 cores, near 1 when idle), so it is not
    // compared with the stalled one, and the line is the median of three rounds: one badly scheduled round
    // does not fail it, a server that starves connections behind a proxy does in every
    // round (Jain 0.2 at N = 20 when it counted only the connections waiting for a turn).
    expect(metric(stalled, name, "fairness")).toBeLessThanOrEqual(15 / 20 + 1e-9);
    expect(samples(healthy, name, "fairness")).toHaveLength(3);
    expect(median(samples(healthy, name, "fairness"))).toBeGreaterThan(0.3);
    expect(metric(stalled, name, "per-connection-p5")).toBe(0);
    expect(metric(healthy, name, "per-connection-p5")).toBeGreaterThan(0);
    // Set-up is timed while the others send (whether a probe lands on a stalled slot
    // depends on how many fit in the window, so only its presence is checked here).
    expect(metric(stalled, name, "setup-p99")).toBeGreaterThan(0);
    // A remote server's memory is not ours to see: no half figure, and a note says why.
    expect(metric(stalled, name, "memory-per-connection")).toBeUndefined();
    expect(stalled.notes?.join("\n")).toContain("no memory per connection");
    expect(() =>
      validateResults(JSON.parse(JSON.stringify(stalled)), "results.json"),
    ).not.toThrow();
  }, 60_000);
});

describe("scaling: TCP connections on our own loopback server", () => {
  it("share the server's sending evenly and report both processes' CPU per GB", async () => {
    const results = await runScalingSuite({
      connections: [20],
      fileLimit: 20_000,
      scalingPlan: { rounds: 1, transports: ["tcp"], warmupMs: 200, durationMs: 500 },
    });
    const name = "tcp/scaling/n=20";
    expect(metric(results, name, "success")).toBe(1);
    // The server writes one 1 MiB buffer per connection per turn of its event loop; when it
    // wrote each socket until "full" instead, the first sockets a drain reached took
    // 4–5 Gbit/s and most got 0.03 (fairness near 0.1 at N = 100).
    expect(metric(results, name, "fairness")).toBeGreaterThan(0.8);
    expect(metric(results, name, "per-connection-p5")).toBeGreaterThan(0);
    const cpu = results.benchmarks.find((b) => b.name === name)?.metrics.cpu;
    expect(cpu?.unit).toBe("s/GB");
    expect(cpu?.direction).toBe("lower");
    expect(cpu?.samples[0]).toBeGreaterThan(0);
    expect(results.environment.suiteWriteSize).toBe(1024 * 1024);
  }, 60_000);
});

describe("scaling: file-descriptor limits", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "perfgate-scaling-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("plans only the N a limit can hold and says what it would take", () => {
    const plan = planConnections([10, 100, 500, 1000], 400);
    expect(plan.feasible).toEqual([10, 100]);
    expect(plan.note).toMatch(/^scaling: stopped at n=100; n=500, n=1000 not measured: /);
    expect(plan.note).toContain(`about ${500 + FD_RESERVE} descriptors`);
    expect(planConnections([10, 100], 400)).toEqual({ feasible: [10, 100] });
    expect(planConnections([10, 100], undefined)).toEqual({ feasible: [10, 100] });
    expect(planConnections([10], 20).note).toMatch(/^scaling: measured no N; n=10/);
  });

  it("a client that runs out of descriptors mid-trial reports it instead of crashing", async () => {
    // The planner's estimate can be wrong (another library's descriptors, a lower limit in
    // a container): the trial itself must notice EMFILE and say so.
    const server = await startServer({ tlsPort: false });
    try {
      const self = selfCommand();
      const trial = {
        transport: "tcp",
        connections: 200,
        warmupMs: 50,
        durationMs: 100,
        serverMemory: false,
      };
      const argv = [...self.args, "internal", "throughput-scaling-client"]
        .concat(JSON.stringify({ endpoint: { host: "127.0.0.1", port: server.tcp.port }, trial }))
        .map((a) => `'${a}'`)
        .join(" ");
      const { stdout, status } = await new Promise<{ stdout: string; status: number | null }>(
        (resolve) => {
          const child = spawn("sh", ["-c", `ulimit -n 100 && exec '${self.command}' ${argv}`]);
          let out = "";
          child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
          });
          child.on("close", (code) => resolve({ stdout: out, status: code }));
        },
      );
      expect(status).toBe(0);
      const line = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
        trial?: { limitHit?: string };
      };
      expect(line.trial?.limitHit).toMatch(/EMFILE|ENFILE/);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("under a lowered ulimit -n stops at the largest N it can open and writes valid results", () => {
    const self = selfCommand();
    const out = join(dir, "results.json");
    const quoted = [self.command, ...self.args, "throughput", "--scaling"]
      .concat(["--connections", "10,40,200", "--rounds", "1", "--out", out])
      .map((a) => `'${a}'`)
      .join(" ");
    // dash's `ulimit -n` sets both the soft and the hard limit: no child can raise it.
    const run = spawnSync("sh", ["-c", `ulimit -n 160 && exec ${quoted}`], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("scaling: stopped at n=40; n=200 not measured");
    expect(run.stderr).toContain("open-file limit (ulimit -n) is 160");
    const results = validateResults(JSON.parse(readFileSync(out, "utf8")), out);
    expect(results.benchmarks.map((b) => b.name)).toEqual([
      "tcp/scaling/n=10",
      "tcp/scaling/n=40",
      "tls/scaling/n=10",
      "tls/scaling/n=40",
    ]);
    expect(results.environment.openFileLimit).toBe(160);
    expect(metric(results, "tcp/scaling/n=40", "success")).toBe(1);
  }, 150_000);
});

describe("scaling: plan and statistics", () => {
  it("takes scaling and connections from the config", () => {
    expect(throughputOptions({ scaling: true, connections: [100, 10] }, ".perfgate.yml")).toEqual({
      scaling: true,
      connections: [10, 100],
    });
    expect(() => throughputOptions({ connections: "10,100" }, ".perfgate.yml")).toThrow(
      /run\.throughput\.connections must be a list of whole numbers/,
    );
    expect(() => throughputOptions({ connections: [10, -1] }, ".perfgate.yml")).toThrow(
      /connections must be a list/,
    );
  });

  it("reads a list of N", () => {
    expect(parseConnections("100, 10,10,500")).toEqual([10, 100, 500]);
    expect(parseConnections("10,abc")).toBeUndefined();
    expect(parseConnections("0")).toBeUndefined();
  });

  it("asks for progress less often the fewer connections share the link", () => {
    expect(progressStep(10)).toBeGreaterThan(progressStep(100));
    expect(progressStep(2000)).toBe(64 * 1024);
    expect(progressStep(1)).toBe(8 * 1024 * 1024);
  });

  it("computes Jain's index at its bounds", () => {
    expect(jainIndex([5, 5, 5, 5])).toBeCloseTo(1, 12);
    expect(jainIndex([8, 0, 0, 0])).toBeCloseTo(1 / 4, 12);
    expect(jainIndex([0, 0])).toBe(0);
  });

  it.each([
    [["--connections", "10,100"], /--connections applies to --scaling only/],
    [["--scaling", "--connections", "ten"], /--connections must be whole numbers/],
    [["--scaling", "--connections", "10,5000"], /more than the 1000 connections/],
  ])("perfgate throughput %j exits 2 with one line", (args, message) => {
    const self = selfCommand();
    const run = spawnSync(self.command, [...self.args, "throughput", ...args], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
