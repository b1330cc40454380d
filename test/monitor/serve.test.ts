/** perfgate serve as a real process keeps serving while clients misbehave. */
import dgram from "node:dgram";
import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCheck } from "../../src/monitor/connectCheck.js";
import { EchoLink } from "../../src/monitor/echo.js";
import { encodeProbe, MAX_PROBE_SIZE } from "../../src/monitor/probe.js";
import { UdpProber } from "../../src/monitor/udpProber.js";
import { type ServeChild, startServeChild } from "./helpers/serveChild.js";

const HOST = "127.0.0.1";
let serve: ServeChild;

beforeAll(async () => {
  serve = await startServeChild("--idle-timeout", "0.5");
});
afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

/** Resolves with how the server ended the connection: "closed" or "still open" by `ms`. */
function closedWithin(socket: net.Socket, ms: number): Promise<"closed" | "still open"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("still open");
    }, ms);
    socket.on("error", () => {});
    socket.resume();
    socket.once("close", () => {
      clearTimeout(timer);
      resolve("closed");
    });
  });
}

/**
 * Resolves once `check` passes, trying every 50 ms; fails after `ms`. The server is another
 * process on a busy machine: how soon it acts varies, that it acts does not.
 */
async function eventually(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stillServes(): Promise<void> {
  await connectCheck({ host: HOST, port: serve.port }, 5000);
  const prober = await UdpProber.open({ host: HOST, port: serve.udpPort as number });
  try {
    // A reply later than the grace counts as lost; a second leaves room for a busy machine.
    const batch = await prober.batch(10, 1, 1000);
    expect(batch.sent).toBe(10);
    expect(batch.lost).toBeLessThanOrEqual(1);
  } finally {
    prober.close();
  }
}

describe("perfgate serve under misbehaving clients", () => {
  it("answers UDP probes on the TCP port's number", () => {
    expect(serve.udpPort).toBe(serve.port);
  });

  it("drops a TCP client that sends junk instead of a hello, and keeps serving", async () => {
    const junk = net.connect(serve.port, HOST);
    junk.write(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    expect(await closedWithin(junk, 5000)).toBe("closed");
    await stillServes();
  });

  it("drops a TLS client that sends junk, and keeps serving", async () => {
    const raw = net.connect(serve.tlsPort as number, HOST);
    raw.write(Buffer.alloc(4096, 0x16));
    expect(await closedWithin(raw, 5000)).toBe("closed");
    const secure = tls.connect({
      host: HOST,
      port: serve.tlsPort as number,
      rejectUnauthorized: false,
    });
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", () => resolve());
      secure.once("error", reject);
    });
    secure.write(Buffer.alloc(64, 0x00)); // junk inside TLS: bad magic
    expect(await closedWithin(secure, 5000)).toBe("closed");
    await stillServes();
  });

  it("drops a connection that goes silent after its hello (idle timeout)", async () => {
    const link = new EchoLink({ host: HOST, port: serve.port });
    expect(await link.roundTrips(3, 5000)).toHaveLength(3);
    // The server closes it after the 0.5 s idle timeout (allowed 20× that on a busy machine).
    expect(await eventually(() => link.needsConnection, 10_000)).toBe(true);
    expect(await link.roundTrips(3, 5000)).toHaveLength(3); // a new one works
    link.close();
  });

  it("ignores junk and oversized datagrams and survives a probe flood", async () => {
    const socket = dgram.createSocket("udp4");
    socket.on("error", () => {});
    const replies: number[] = [];
    socket.on("message", (m) => replies.push(m.length));
    await new Promise<void>((r) => socket.connect(serve.udpPort as number, HOST, () => r()));
    const send = (b: Buffer) => new Promise<void>((r) => socket.send(b, () => r()));
    await send(Buffer.from("hello?"));
    await send(Buffer.alloc(MAX_PROBE_SIZE + 1, 0x50)); // too big, even with a magic
    const big = encodeProbe(1, MAX_PROBE_SIZE + 1);
    await send(big);
    for (let i = 0; i < 5000; i++) socket.send(encodeProbe(i));
    await new Promise((r) => setTimeout(r, 500));
    socket.close();
    // every reply is a well-formed probe's echo: nothing larger than a probe came back
    expect(replies.length).toBeGreaterThan(0);
    expect(Math.max(...replies)).toBeLessThanOrEqual(32);
    await stillServes();
  });

  it("refuses connections beyond --max-connections and serves again once they close", async () => {
    const capped = await startServeChild("--no-udp", "--max-connections", "3");
    const open: EchoLink[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const link = new EchoLink({ host: HOST, port: capped.port });
        expect(await link.roundTrips(1, 5000)).toHaveLength(1);
        open.push(link);
      }
      await expect(connectCheck({ host: HOST, port: capped.port }, 3000)).rejects.toThrow();
      for (const link of open.splice(0)) link.close();
      // Serves again once it has seen the closes.
      const accepted = () =>
        connectCheck({ host: HOST, port: capped.port }, 3000).then(
          () => true,
          () => false,
        );
      expect(await eventually(accepted, 15_000)).toBe(true);
    } finally {
      for (const link of open) link.close();
      await capped.stop();
    }
  });
});
