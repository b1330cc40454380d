/**
 * A path driven to Degraded by the kernel, not by a mock: serve and monitor in two network
 * namespaces, and after a few healthy intervals the veth pair is rate-limited with a
 * token-bucket filter (`tc qdisc … tbf rate 65mbit`) to 65 % of the expected 100 Mbit/s —
 * inside the Degraded band (50–80 %), clear of Critical. Then the limit is lifted. The
 * alert hook (through the opt-in shell) and the webhook (a local HTTP receiver in the
 * monitor's namespace) record each transition, end to end.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { IntervalFigures } from "../../src/monitor/index.js";
import { selfCommand } from "../../src/util/self.js";
import { describeWith, networkNamespaces, trafficShaping } from "../helpers/systemTools.js";
import { createNamespacePair, type NamespacePair } from "./helpers/namespacePair.js";

/** 65 % of EXPECTED_GBPS: measured bursts land at 0.05–0.07 Gbit/s (TCP over the bucket). */
const SHAPED_RATE = "65mbit";
const EXPECTED_GBPS = "0.1";
/** Appends each POST's body as one line to the file named by its argument; prints its port. */
const RECEIVER = `
const file = process.argv[1];
require("node:http")
  .createServer((request, response) => {
    let body = "";
    request.on("data", (d) => (body += d));
    request.on("end", () => {
      require("node:fs").appendFileSync(file, body + "\\n");
      response.writeHead(204).end();
    });
  })
  .listen(0, "127.0.0.1", function () { console.log(this.address().port); });`;

describeWith([networkNamespaces, trafficShaping], "a rate-limited link is Degraded", () => {
  let pair: NamespacePair;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    pair = createNamespacePair("pgd", 202);
  });
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    pair.remove();
  });

  const shape = (on: boolean) => {
    for (const end of [pair.server, pair.client]) {
      const tc = ["netns", "exec", end.ns, "tc", "qdisc", on ? "add" : "del", "dev", end.dev];
      execFileSync(
        "ip",
        on
          ? [...tc, "root", "tbf", "rate", SHAPED_RATE, "burst", "64kb", "latency", "100ms"]
          : [...tc, "root"],
      );
    }
  };

  it("goes Healthy → Degraded under a 65 % rate limit and back when it is lifted, alerting both ways through the hook and the webhook", async () => {
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
    children.push(serve);
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: serve.stdout as NodeJS.ReadableStream }).once("line", resolve),
    );
    const port = /:(\d+)$/.exec(first.trim())?.[1];
    expect(Number(port)).toBeGreaterThan(0);

    const dir = mkdtempSync(join(tmpdir(), "perfgate-degraded-"));
    const alerts = join(dir, "alerts.txt");
    // The webhook's receiver: a local HTTP server beside the monitor, in its namespace.
    const posts = join(dir, "posts.ndjson");
    const receiver = spawn(
      "ip",
      ["netns", "exec", pair.client.ns, process.execPath, "-e", RECEIVER, posts],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(receiver);
    const receiverPort = await new Promise<string>((resolve) =>
      createInterface({ input: receiver.stdout as NodeJS.ReadableStream }).once("line", resolve),
    );
    const monitor = spawn(
      "ip",
      ["netns", "exec", pair.client.ns, self.command, ...self.args, "monitor"].concat(
        ["-s", pair.server.address, "-p", String(port), "--json", "--interval", "500ms"],
        ["--expected-gbps", EXPECTED_GBPS, "--max-latency-ms", "200"],
        ["--on-health-change", `echo "$PERFGATE_HEALTH_FROM>$PERFGATE_HEALTH" >> '${alerts}'`],
        ["--on-health-change-shell", "--alert-interval", "1ms"],
        ["--webhook", `http://127.0.0.1:${receiverPort.trim()}/alerts`],
      ),
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(monitor);
    const intervals: { figures: IntervalFigures; shaped: boolean }[] = [];
    let shaped = false;
    createInterface({ input: monitor.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const event = JSON.parse(line);
      if (event.type === "interval") intervals.push({ figures: event.figures, shaped });
    });
    const until = async (what: string, done: () => boolean) => {
      for (let waited = 0; !done(); waited += 100) {
        if (waited > 40_000) throw new Error(`gave up waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const healthy = () => intervals.filter((i) => i.figures.health === "Healthy");
    const degraded = () => intervals.filter((i) => i.figures.health === "Degraded");

    await until("3 healthy intervals", () => healthy().length >= 3);
    shaped = true;
    shape(true);
    await until("3 degraded intervals", () => degraded().length >= 3);
    shaped = false;
    shape(false);
    const recovered = () =>
      intervals.at(-1)?.figures.health === "Healthy" && !intervals.at(-1)?.shaped;
    await until("healthy again", recovered);
    monitor.kill("SIGTERM");
    const code = await new Promise((r) => monitor.once("exit", r));
    serve.kill("SIGTERM");
    receiver.kill("SIGTERM");

    expect(code).toBe(0);
    expect(intervals.filter((i) => i.figures.health === "Critical")).toEqual([]);
    // The bucket, not the machine: the shaped bursts sit in the Degraded band, and the line
    // says throughput is why.
    for (const { figures } of degraded().filter((i) => i.shaped))
      expect(figures.throughputGbps).toBeLessThan(0.08);
    expect(degraded().map((i) => i.figures.reasons.join())).toContainEqual(
      expect.stringMatching(/throughput .* Gbit\/s is [\d.]+ % of 0\.1 \(< 80 %\)/),
    );
    // Only the shaped link was Degraded: before it, every interval was Healthy.
    const firstShaped = intervals.findIndex((i) => i.shaped);
    expect(intervals.slice(0, firstShaped).every((i) => i.figures.health === "Healthy")).toBe(true);
    // The hook ran through the shell once per transition (hold-down 1 ms), in order.
    const lines = readFileSync(alerts, "utf8").trim().split("\n");
    expect(lines[0]).toBe("Healthy>Degraded");
    expect(lines).toContain("Degraded>Healthy");
    expect(lines.indexOf("Degraded>Healthy")).toBeGreaterThan(0);
    // And the webhook got the same transitions as JSON, with the target.
    const bodies = readFileSync(posts, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(bodies[0]).toMatchObject({
      type: "health-change",
      from: "Healthy",
      to: "Degraded",
      target: `${pair.server.address}:${port}`,
    });
    expect(bodies.map((b) => `${b.from}>${b.to}`)).toEqual(lines);
  }, 120_000);
});
