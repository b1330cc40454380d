/**
 * The perfgate throughput wire protocol, spoken over one TCP (or TLS) connection.
 *
 * Every connection starts with a fixed 16-byte hello from the client:
 *
 *     offset  size  field
 *     0       4     magic   "PGT1" (0x50 0x47 0x54 0x31)
 *     4       1     mode    which exchange follows (see Mode)
 *     5       1     flags   mode-specific bits (e.g. SOURCE_BY_TIME)
 *     6       2     reserved, zero (a future field; servers ignore it)
 *     8       8     param   unsigned 64-bit big-endian, mode-specific
 *
 * Then, by mode:
 *
 *   sink (1)     The client sends bytes and half-closes. The server counts them. Every
 *                `param` bytes (0 = never) it sends a PROGRESS record, and after the client's
 *                end it sends one FINAL record and closes. Records are 9 bytes: a kind byte
 *                (1 progress, 2 final) and the cumulative byte count (u64 BE). The client's
 *                clock stops at the FINAL record: the receiver has confirmed every byte.
 *   source (2)   The server sends `param` bytes (or for `param` ms when flags has
 *                SOURCE_BY_TIME) and closes. The client is the receiver and counts itself.
 *   echo (3)     The server writes back every byte it receives, until the client ends.
 *                `param` is unused. Used for round-trip latency.
 *   connect (4)  The server answers one byte (ACK) and closes: connection set-up only.
 *   info (5)     The server answers a 4-byte length (u32 BE) and that many bytes of JSON
 *                (ServerInfo: its TLS port, CPU time and peak memory so far) and closes.
 *
 * A hello with the wrong magic or an unknown mode closes that connection; the server keeps
 * serving. To extend the protocol, add a mode number here and a handler in server.ts; old
 * servers close a connection that asks for a mode they do not know, which the client reports.
 */

export const HELLO_SIZE = 16;
export const MAGIC = Buffer.from("PGT1", "latin1");

export const Mode = {
  sink: 1,
  source: 2,
  echo: 3,
  connect: 4,
  info: 5,
} as const;
export type ModeName = keyof typeof Mode;

/** flags bit for source: `param` is a duration in ms rather than a byte count. */
export const SOURCE_BY_TIME = 0x01;

/** Sink records sent by the server. */
export const RECORD_SIZE = 9;
export const RecordKind = { progress: 1, final: 2 } as const;

/** The byte the server answers to a connect hello. */
export const ACK = 0x06;

/** The most a server will say in answer to `info` (the JSON is small; this bounds a reader). */
export const MAX_INFO_SIZE = 64 * 1024;

export interface Hello {
  mode: ModeName;
  flags: number;
  /** u64 on the wire; numbers above 2^53 are refused when decoding. */
  param: number;
}

/** What the server says about itself (mode info). Fields may be added; readers ignore extras. */
export interface ServerInfo {
  protocol: 1;
  /** The port of the TLS listener, when the server has one. */
  tlsPort?: number;
  /** process.cpuUsage() of the server process, in seconds. */
  cpuUser: number;
  cpuSystem: number;
  /** Peak resident set size of the server process so far, in bytes. */
  maxRss: number;
  pid: number;
}

export function encodeHello(hello: Hello): Buffer {
  const buf = Buffer.alloc(HELLO_SIZE);
  MAGIC.copy(buf, 0);
  buf.writeUInt8(Mode[hello.mode], 4);
  buf.writeUInt8(hello.flags & 0xff, 5);
  buf.writeBigUInt64BE(BigInt(hello.param), 8);
  return buf;
}

const modeByNumber = new Map<number, ModeName>(
  Object.entries(Mode).map(([name, n]) => [n, name as ModeName]),
);

/** Decode a hello, or say in a few words why it is not one (the server logs nothing; a test can). */
export function decodeHello(buf: Buffer): Hello | { error: string } {
  if (buf.length < HELLO_SIZE) return { error: "short hello" };
  if (!buf.subarray(0, 4).equals(MAGIC)) return { error: "bad magic" };
  const mode = modeByNumber.get(buf.readUInt8(4));
  if (!mode) return { error: `unknown mode ${buf.readUInt8(4)}` };
  const param = buf.readBigUInt64BE(8);
  if (param > BigInt(Number.MAX_SAFE_INTEGER)) return { error: "param too large" };
  return { mode, flags: buf.readUInt8(5), param: Number(param) };
}

export function encodeRecord(kind: keyof typeof RecordKind, count: number): Buffer {
  const buf = Buffer.alloc(RECORD_SIZE);
  buf.writeUInt8(RecordKind[kind], 0);
  buf.writeBigUInt64BE(BigInt(count), 1);
  return buf;
}

/** One record of the receiver's stream: bytes confirmed so far, and whether it is the last. */
export interface ServerRecord {
  kind: "progress" | "final";
  count: number;
}

export function decodeRecord(buf: Buffer, offset = 0): ServerRecord {
  const kind = buf.readUInt8(offset) === RecordKind.final ? "final" : "progress";
  return { kind, count: Number(buf.readBigUInt64BE(offset + 1)) };
}

/**
 * The receiver's records out of a socket's `data` chunks, whatever their chunking: each call
 * returns the whole records the chunk completes and keeps a partial one for the next. The
 * one decoder of the record stream for every sender (the suite's sink and scaling trials,
 * the monitor's bursts).
 */
export function recordStream(): (chunk: Buffer) => ServerRecord[] {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const records: ServerRecord[] = [];
    let offset = 0;
    for (; offset + RECORD_SIZE <= pending.length; offset += RECORD_SIZE)
      records.push(decodeRecord(pending, offset));
    pending = pending.subarray(offset);
    return records;
  };
}
