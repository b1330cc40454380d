/**
 * "Serve on one machine, monitor from another": two network namespaces joined by a veth
 * pair, each with its own address, `perfgate serve` in one and `perfgate monitor` in the
 * other. Needs root and `ip netns` (available on
 * this project's CI machines); skipped elsewhere with that reason.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { selfCommand } from "../../src/util/self.js";
import { describeWith, networkNamespaces } from "../helpers/systemTools.js";
import { createNamespacePair, type NamespacePair } from "./helpers/namespacePair.js";

describeWith(networkNamespaces, "serve and monitor in two network namespaces", () => {
  let pair: NamespacePair;
  beforeAll(() => {
    pair = createNamespacePair("pgm", 201);
  });
  afterAll(() => pair.remove());

  it("watches the path across the veth pair: throughput, round trips, no loss", async () => {
    const self = selfCommand();
    const serve = spawn(
      "ip",
      [
        "netns",
        "exec",
        pair.server.ns,
        self.command,
        ...self.args,
        "serve",
        "--port",
        "0",
        "--no-tls",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const first = await new Promise<string>((resolve) =>
        createInterface({ input: serve.stdout as NodeJS.ReadableStream }).once("line", resolve),
      );
      const port = /:(\d+)$/.exec(first.trim())?.[1];
      expect(Number(port)).toBeGreaterThan(0);
      const monitor = spawn(
        "ip",
        [
          "netns",
          "exec",
          pair.client.ns,
          self.command,
          ...self.args,
          "monitor",
          "-s",
          pair.server.address,
          "-p",
          String(port),
          "--interval",
          "500ms",
          "--duration",
          "1500ms",
          "--expected-gbps",
          "0.01",
          "--max-latency-ms",
          "500",
          "--json",
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let stdout = "";
      monitor.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
      });
      const timer = setTimeout(() => monitor.kill("SIGKILL"), 40_000);
      const code = await new Promise<number | null>((r) => monitor.once("exit", r));
      clearTimeout(timer);
      expect(code).toBe(0);
      const events = stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const intervals = events.filter((e) => e.type === "interval").map((e) => e.figures);
      expect(intervals).toHaveLength(3);
      for (const f of intervals) {
        expect(f.throughputGbps).toBeGreaterThan(0);
        expect(f.connectionSuccess).toBe(1);
        expect(f.health).toBe("Healthy");
      }
      expect(intervals.at(-1).loss).toBe(0);
    } finally {
      serve.kill("SIGTERM");
    }
  });
});
