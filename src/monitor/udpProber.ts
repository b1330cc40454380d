/**
 * The monitor's side of the UDP probe (probe.ts): send a batch of sequence-numbered
 * datagrams, paced, wait a grace period for late replies, then count what never came back.
 * The socket is connected to the target, so the kernel delivers replies from it only.
 */
import dgram from "node:dgram";
import { lookup } from "node:dns/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Target } from "./dial.js";
import { decodeProbe, encodeProbe } from "./probe.js";
import { ProbeLedger } from "./probeLedger.js";

export interface ProbeBatch {
  sent: number;
  lost: number;
  rttsMs: number[];
}

export class UdpProber {
  readonly ledger = new ProbeLedger();
  private socket: dgram.Socket | undefined;
  private seq = 0;

  private constructor(private readonly target: Target) {}

  static async open(target: Target): Promise<UdpProber> {
    const prober = new UdpProber(target);
    const { address, family } = await lookup(target.host);
    const socket = dgram.createSocket(family === 6 ? "udp6" : "udp4");
    // ICMP "port unreachable" surfaces here on a connected socket: it is loss, not a crash.
    socket.on("error", () => {});
    socket.on("message", (msg) => {
      const seq = decodeProbe(msg);
      if (seq !== undefined) prober.ledger.received(seq, performance.now());
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.connect(target.port, address, () => {
        socket.off("error", reject);
        resolve();
      });
    });
    prober.socket = socket;
    return prober;
  }

  async batch(count: number, spacingMs: number, graceMs: number): Promise<ProbeBatch> {
    const socket = this.socket;
    if (!socket) throw new Error(`UDP probe to ${this.target.host}:${this.target.port} is closed`);
    for (let i = 0; i < count; i++) {
      const seq = this.seq;
      this.seq = (this.seq + 1) >>> 0;
      this.ledger.sent(seq, performance.now());
      socket.send(encodeProbe(seq), () => {}); // a send error is a lost probe
      if (i + 1 < count) await sleep(spacingMs);
    }
    await sleep(graceMs);
    return this.ledger.settle(performance.now());
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
