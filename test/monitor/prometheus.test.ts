/**
 * `perfgate monitor --metrics-port`: scraped during a real monitor session against a real
 * `perfgate serve` on loopback, the exposition read by a Prometheus text-format parser.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import parse, { type Family } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METRIC_NAMES, SERVE_METRIC_NAMES } from "../../src/monitor/prometheus.js";
import { UdpProber } from "../../src/monitor/udpProber.js";
import { ROOT } from "../cli/run.js";
import { promtool, requireTool } from "../helpers/systemTools.js";
import { type ServeChild, startServeChild } from "./helpers/serveChild.js";

const LOOSE = ["--expected-gbps", "0.01", "--max-latency-ms", "500"];
let serve: ServeChild;
const children: ChildProcess[] = [];

beforeAll(async () => {
  serve = await startServeChild();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  expect(await serve.stop()).toBe(0);
});

/** A monitor with --metrics-port 0, resolved with the port it reports on stderr. */
function monitorWithMetrics(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "monitor", ...args, "--metrics-port", "0", ...LOOSE],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
      const port = /metrics on http:\/\/localhost:(\d+)\/metrics/.exec(stderr)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.once("exit", (code) => reject(new Error(`monitor exited with ${code}: ${stderr}`)));
  });
}

async function scrape(port: number): Promise<Map<string, Family>> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Map(parse(await response.text()).map((f) => [f.name, f]));
}

/** Scrapes until `intervals` intervals are in, so the figures come from a running session. */
async function scrapeAfter(port: number, intervals: number): Promise<Map<string, Family>> {
  for (;;) {
    const families = await scrape(port);
    const done = Number(families.get(METRIC_NAMES.intervals)?.metrics[0]?.value ?? 0);
    if (done >= intervals) return families;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  Number(
    families
      .get(name)
      ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value,
  );

describe("perfgate monitor --metrics-port", () => {
  it("exposes every metric, labelled with the target, with the figures of the session", async () => {
    const target = `127.0.0.1:${serve.port}`;
    const { child, port } = await monitorWithMetrics(["--target", target, "--interval", "300ms"]);
    const families = await scrapeAfter(port, 3);
    for (const name of Object.values(METRIC_NAMES)) {
      const family = families.get(name);
      expect(family, name).toBeDefined();
      // The parser drops the labels of labelled histograms (it merges their samples into
      // buckets): their target label is checked by promtool below instead.
      if (family?.type === "HISTOGRAM") continue;
      for (const m of family?.metrics ?? []) expect(m.labels?.target).toBe(target);
    }
    expect(families.get(METRIC_NAMES.attempts)?.type).toBe("COUNTER");
    expect(families.get(METRIC_NAMES.roundTrip)?.type).toBe("HISTOGRAM");
    expect(families.get(METRIC_NAMES.throughput)?.type).toBe("GAUGE");

    expect(value(families, METRIC_NAMES.attempts)).toBeGreaterThanOrEqual(3 * 3);
    const failed = families.get(METRIC_NAMES.failures)?.metrics ?? [];
    expect(failed.map((m) => Number(m.value))).toEqual(failed.map(() => 0));
    expect(value(families, METRIC_NAMES.probesSent)).toBeGreaterThan(0);
    // Bytes per second: loopback carries far more than 1 Mbit/s, and less than 1 Tbit/s.
    const bytes = value(families, METRIC_NAMES.throughput);
    expect(bytes).toBeGreaterThan(1e6 / 8);
    expect(bytes).toBeLessThan(1e12 / 8);
    const rtt = families.get(METRIC_NAMES.roundTrip)?.metrics[0]?.buckets ?? {};
    const rtts = Number(rtt["+Inf"]);
    expect(rtts).toBeGreaterThanOrEqual(3);
    // Seconds, not ms: every loopback round trip falls under the 1 s bucket, and not all
    // of them under 50 µs... nor none under 0.25 s.
    expect(Number(rtt["1"])).toBe(rtts);
    expect(Number(rtt["0.25"])).toBeGreaterThan(0);
    expect(value(families, METRIC_NAMES.health, { health: "Healthy" })).toBe(1);
    expect(value(families, METRIC_NAMES.health, { health: "Critical" })).toBe(0);
    const tiers = families.get(METRIC_NAMES.tier)?.metrics ?? [];
    expect(tiers.filter((m) => m.value === "1")).toHaveLength(1);
    child.kill("SIGINT");
  });

  it("passes promtool's exposition and naming checks", async (context) => {
    requireTool(context, promtool);
    const { child, port } = await monitorWithMetrics([
      "--target",
      `127.0.0.1:${serve.port}`,
      "--interval",
      "300ms",
    ]);
    await scrapeAfter(port, 2);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    child.kill("SIGINT");
    const checked = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.status).toBe(0);
    // What the parser above cannot show: every histogram series carries the target.
    for (const line of text.split("\n").filter((l) => l.startsWith(METRIC_NAMES.roundTrip)))
      expect(line).toContain(`target="127.0.0.1:${serve.port}"`);
  });

  it("counts refused connections by reason and reports Critical", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const monitor = await monitorWithMetrics(["-s", "127.0.0.1", "-p", String(port)]);
    const families = await scrapeAfter(monitor.port, 2);
    const refused = value(families, METRIC_NAMES.failures, { reason: "refused" });
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBe(value(families, METRIC_NAMES.attempts));
    expect(value(families, METRIC_NAMES.health, { health: "Critical" })).toBe(1);
    // No burst got through: no throughput series rather than a made-up 0.
    expect(families.get(METRIC_NAMES.throughput)?.metrics ?? []).toHaveLength(0);
    monitor.child.kill("SIGINT");
  });
});

describe("perfgate serve --metrics-port", () => {
  it("counts the UDP probes it answered and reports its own process", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "serve", "--host", "127.0.0.1", "--port", "0"].concat([
        "--metrics-port",
        "0",
      ]),
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(child);
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    for (;;) {
      if (/UDP probes on \d+/.test(out) && /metrics on/.test(err)) break;
      if (child.exitCode !== null) throw new Error(`serve exited: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const udpPort = Number(/UDP probes on (\d+)/.exec(out)?.[1]);
    const metricsPort = Number(/localhost:(\d+)\/metrics/.exec(err)?.[1]);
    const prober = await UdpProber.open({ host: "127.0.0.1", port: udpPort });
    const batch = await prober.batch(20, 1, 1000);
    prober.close();
    const families = await scrape(metricsPort);
    expect(value(families, SERVE_METRIC_NAMES.probesAnswered)).toBe(batch.sent - batch.lost);
    expect(batch.sent - batch.lost).toBeGreaterThan(0);
    expect(value(families, SERVE_METRIC_NAMES.probesIgnored)).toBe(0);
    expect(value(families, "process_resident_memory_bytes")).toBeGreaterThan(1e6);
    child.kill("SIGTERM");
  });
});
