/**
 * What a first user trips on (issue 19 §4), with real processes on loopback: a serve
 * reachable over IPv6 and IPv4 alike, failed connections that say why, and one way to
 * name the serve in monitor, validate and throughput.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntervalFigures } from "../../src/monitor/window.js";
import { perfgate } from "../cli/run.js";
import { DEFAULT_HOST, type ServeChild, startServeChild } from "./helpers/serveChild.js";

/** Loose expectations: this machine is shared; what we check is reachability. */
const LOOSE = ["--expected-gbps", "0.01", "--max-latency-ms", "500"];
const SHORT = ["--interval", "500ms", "--duration", "1s"];
let serve: ServeChild;

beforeAll(async () => {
  serve = await startServeChild(DEFAULT_HOST);
});
afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

function intervalsOf(ndjson: string): IntervalFigures[] {
  return ndjson
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { type: string; figures?: IntervalFigures })
    .filter((e) => e.type === "interval")
    .map((e) => e.figures as IntervalFigures);
}

const open = new Set<net.Socket>();
/** A listener that `handle`s each connection; closed after the test. */
async function listener(handle: (socket: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer((socket) => {
    open.add(socket);
    handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
/** Closes `server` after dropping what it accepted (a half-closed socket would hold it). */
async function closeListener(server: net.Server): Promise<void> {
  for (const socket of open) socket.destroy();
  await new Promise((r) => server.close(r));
}
const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

describe("perfgate serve listens dual-stack by default", () => {
  it("is reached as ::1 with -s/-p and as 127.0.0.1 with --target", async () => {
    const runs = await Promise.all([
      perfgate(["monitor", "-s", "::1", "-p", String(serve.port), ...SHORT, ...LOOSE]),
      perfgate(["monitor", "--target", `127.0.0.1:${serve.port}`, ...SHORT, ...LOOSE, "--json"]),
    ]);
    for (const run of runs) {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    expect(runs[0]?.stdout).toMatch(/conn 100% {2}loss [\d.]+% {2}jitter [\d.]+ ms {2}Healthy$/m);
    const figures = intervalsOf(runs[1]?.stdout ?? "");
    expect(figures).toHaveLength(2);
    for (const f of figures) {
      expect(f.connectionSuccess).toBe(1);
      expect(f.failures).toEqual({});
    }
  });
});

describe("when connections fail, the line and the JSON say why", () => {
  it("refused: nothing listens on the port", async () => {
    const closed = await listener(() => {});
    const port = portOf(closed);
    await new Promise((r) => closed.close(r));
    const [plain, json] = await Promise.all([
      perfgate(["monitor", "-s", "127.0.0.1", "-p", String(port), ...SHORT, ...LOOSE]),
      perfgate(["monitor", "-s", "127.0.0.1", "-p", String(port), ...SHORT, ...LOOSE, "--json"]),
    ]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/conn 0% \(refused\) {2}.*Critical$/m);
    for (const f of intervalsOf(json.stdout)) {
      expect(f.connectionSuccess).toBe(0);
      expect(Object.keys(f.failures)).toEqual(["refused"]);
      expect(f.failures.refused).toBeGreaterThan(0);
    }
  });

  it("timed out: a listener that accepts and never answers", async () => {
    const silent = await listener((socket) => socket.on("error", () => {}));
    try {
      const run = await perfgate([
        "monitor",
        ...["--target", `127.0.0.1:${portOf(silent)}`],
        ...SHORT,
        ...LOOSE,
        "--json",
      ]);
      expect(run.code).toBe(0);
      const figures = intervalsOf(run.stdout);
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) expect(f.failures["timed out"]).toBeGreaterThan(0);
    } finally {
      await closeListener(silent);
    }
  });

  it("TLS error: --tls against a port that answers in plain text", async () => {
    const plainText = await listener((socket) => {
      socket.on("error", () => {});
      socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
    });
    try {
      const port = portOf(plainText);
      const run = await perfgate([
        "monitor",
        ...["-s", "127.0.0.1", "-p", String(port), "--tls", "--tls-port", String(port)],
        ...SHORT,
        ...LOOSE,
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/conn 0% \(TLS error\) {2}.*Critical$/m);
    } finally {
      await closeListener(plainText);
    }
  });
});

describe("validate and throughput take -s host -p port as monitor does", () => {
  it("validate -s ::1 -p port measures the dual-stack serve", async () => {
    const run = await perfgate([
      "validate",
      ...["-e", "0.001", "-l", "5000", "--quick", "--rounds", "1"],
      ...["-s", "::1", "-p", String(serve.port)],
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`perfgate validate · [::1]:${serve.port}`);
  });

  it.each([
    [["monitor", "-s", "::1", "--target", "127.0.0.1:9292"], /either --target host:port or -s/],
    [["throughput", "-p", "9292"], /-p needs -s <host>/],
    [["validate", "-e", "1", "-l", "1", "--target", "nowhere"], /--target must be host:port/],
    [["monitor", "--target", "[::1]:70000"], /--target must be host:port \(IPv6 as \[::1\]:9292\)/],
  ])("%j is refused in one line, exit 2", async (args, message) => {
    const run = await perfgate(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
