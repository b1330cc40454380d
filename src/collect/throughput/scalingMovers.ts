/**
 * What a scaling trial (scalingTrial.ts) needs from the side that moves the bytes: TCP
 * connections receive from the server (scalingReceive.ts), TLS connections send to it
 * (scalingSend.ts). The trial opens the connections, runs the probes and reads memory and
 * CPU; the movers start the bytes, mark the window's two ends and say what moved inside it.
 */
import type net from "node:net";
import type tls from "node:tls";

export type Socket = net.Socket | tls.TLSSocket;

export interface Moved {
  /** Per opened connection, bytes per second inside the window (0 for a failed one). */
  rates: number[];
  succeeded: number;
  /** Bytes moved inside the window by all connections, and the window's length. */
  windowBytes: number;
  windowSeconds: number;
  /** Bytes moved from the start to the window's end, warm-up included: CPU per GB is
   *  counted over the same span. */
  totalBytes: number;
}

export interface Movers {
  /** Before dialing one connection: options for the dial (e.g. a read buffer) and what to
   *  call once it is open. */
  prepare(): {
    dialOptions: Partial<net.NetConnectOpts>;
    add(socket: Socket, readyAt: number): void;
  };
  /** Every connection is open: start moving bytes; resolves once every connection is
   *  moving (or could not start in time), when the warm-up begins. */
  start(): Promise<void>;
  /** The warm-up is over: the window starts now. */
  markStart(): void;
  /** The window is over; the connections keep moving (the set-up probes run under that
   *  load), but nothing they move from now on counts. */
  markEnd(): void;
  /** Stop and say what moved inside the window. */
  finish(): Promise<Moved>;
  destroy(): void;
}
