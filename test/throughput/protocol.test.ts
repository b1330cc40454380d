import { describe, expect, it } from "vitest";
import {
  decodeHello,
  decodeRecord,
  encodeHello,
  encodeRecord,
  HELLO_SIZE,
  recordStream,
} from "../../src/collect/throughput/protocol.js";

describe("the throughput wire protocol", () => {
  it.each([
    { mode: "sink", flags: 0, param: 16 * 1024 * 1024 },
    { mode: "source", flags: 1, param: 250 },
    { mode: "echo", flags: 0, param: 0 },
    { mode: "connect", flags: 0, param: 0 },
    { mode: "info", flags: 0, param: Number.MAX_SAFE_INTEGER },
  ] as const)("a $mode hello is 16 bytes and decodes to itself", (hello) => {
    const wire = encodeHello(hello);
    expect(wire.length).toBe(HELLO_SIZE);
    expect(wire.subarray(0, 4).toString("latin1")).toBe("PGT1");
    expect(decodeHello(wire)).toEqual(hello);
  });

  it("refuses a hello with the wrong magic, an unknown mode or a too-large param", () => {
    const good = encodeHello({ mode: "sink", flags: 0, param: 0 });
    const badMagic = Buffer.from(good);
    badMagic.write("HTTP", 0, "latin1");
    const badMode = Buffer.from(good);
    badMode.writeUInt8(99, 4);
    const huge = Buffer.from(good);
    huge.writeBigUInt64BE(2n ** 60n, 8);
    expect(decodeHello(badMagic)).toEqual({ error: "bad magic" });
    expect(decodeHello(badMode)).toEqual({ error: "unknown mode 99" });
    expect(decodeHello(huge)).toEqual({ error: "param too large" });
    expect(decodeHello(good.subarray(0, 10))).toEqual({ error: "short hello" });
  });

  it("sink records carry their kind and the cumulative count", () => {
    const records = Buffer.concat([encodeRecord("progress", 1 << 24), encodeRecord("final", 5e9)]);
    expect(decodeRecord(records, 0)).toEqual({ kind: "progress", count: 1 << 24 });
    expect(decodeRecord(records, 9)).toEqual({ kind: "final", count: 5e9 });
  });

  it.each([1, 4, 9, 10, 17, 100])(
    "the record stream gives every record once, cut into %i-byte chunks",
    (size) => {
      const counts = [1, 2 ** 20, 3e9, 2 ** 40];
      const wire = Buffer.concat([
        ...counts.map((c) => encodeRecord("progress", c)),
        encodeRecord("final", 5e9),
      ]);
      const read = recordStream();
      const got = [];
      for (let at = 0; at < wire.length; at += size)
        got.push(...read(wire.subarray(at, at + size)));
      expect(got).toEqual([
        ...counts.map((count) => ({ kind: "progress", count })),
        { kind: "final", count: 5e9 },
      ]);
    },
  );
});
