/** The UDP probe format and the responder's limits, on loopback. */
import dgram from "node:dgram";
import { describe, expect, it } from "vitest";
import {
  decodeProbe,
  encodeProbe,
  MAX_PROBE_SIZE,
  PROBE_SIZE,
  startProbeResponder,
} from "../../src/monitor/probe.js";

describe("UDP probe", () => {
  it("round-trips sequence numbers, wrapping at 2^32", () => {
    expect(encodeProbe(7)).toHaveLength(PROBE_SIZE);
    expect(decodeProbe(encodeProbe(7))).toBe(7);
    expect(decodeProbe(encodeProbe(2 ** 32 + 5))).toBe(5);
  });

  it("refuses datagrams without the magic, too short or too long", () => {
    expect(decodeProbe(Buffer.from("PGU0aaaa"))).toBeUndefined();
    expect(decodeProbe(Buffer.from("PGU1"))).toBeUndefined();
    expect(decodeProbe(encodeProbe(1, MAX_PROBE_SIZE))).toBe(1);
    expect(decodeProbe(encodeProbe(1, MAX_PROBE_SIZE + 1))).toBeUndefined();
  });

  it("answers at most maxRepliesPerSecond, whatever a client sends", async () => {
    const responder = await startProbeResponder({ maxRepliesPerSecond: 50 });
    const socket = dgram.createSocket("udp4");
    let replies = 0;
    socket.on("message", () => {
      replies += 1;
    });
    await new Promise<void>((r) => socket.connect(responder.address.port, "127.0.0.1", () => r()));
    const started = performance.now();
    for (let i = 0; i < 500; i++) socket.send(encodeProbe(i));
    await new Promise((r) => setTimeout(r, 300));
    const seconds = Math.ceil((performance.now() - started) / 1000) + 1;
    socket.close();
    await responder.close();
    expect(replies).toBeGreaterThan(0);
    expect(replies).toBeLessThanOrEqual(50 * seconds);
    expect(responder.stats().answered).toBe(replies);
  });
});
