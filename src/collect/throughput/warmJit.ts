/**
 * The loopback server and client are fresh processes, measured from their first second.
 * V8 optimises a function once it has run a budget of bytecode; per 1 MiB write or read
 * the hot path runs a few dozen small functions only hundreds of times a second, so with
 * the default budget it stayed in baseline code for seconds, past the warm-up: profiled
 * at N = 1 (`perf record`, docs/architecture.md "Throughput at N"), a third of the
 * server's CPU was Node's JavaScript still unoptimised 1.5 s into the transfer, where
 * iperf3's sender spends all but 1 % in the kernel. A budget 16 times smaller took the
 * server's user time in the window from 23–27 to 12–15 ticks (system 23–30 either way;
 * two runs each, load 9–13). With the runs of writes in server.ts on top, eight
 * alternations with and without it measured 0.32 against 0.33 s/GB on the server: the
 * two overlap, and the cost is compiling more functions early, on the same core.
 */
import net from "node:net";
import v8 from "node:v8";
import { encodeHello, SOURCE_BY_TIME } from "./protocol.js";

/** V8's default is 66 KiB of bytecode (V8 11–13); in bytes. */
export const INTERRUPT_BUDGET = 4096;

/** Call first thing in a measuring child. A V8 without the flag prints one warning line
 *  and runs as before. */
export function optimiseSooner(): void {
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/** How long the loopback server child sends to itself as it starts (warmSourcePath). */
export const SELF_WARMUP_MS = 200;
/** The self-connection's reads: small, it is the server's write path being warmed. */
const SELF_READ_SIZE = 64 * 1024;

/**
 * The loopback server child's first ~second of sending ran in unoptimised code, while the
 * client child was still starting and then through the trial's warm-up (a fresh client
 * measured 3.7–4.7 Gbit/s in its first second and 4.8–5.7 after, load 12). So the server
 * sends to itself for SELF_WARMUP_MS as soon as it listens, on its own CPU while the
 * client child starts on the other: the write path the trial uses is warm by the time
 * the trial begins, and no measured time is spent on it. Measured with a fresh client
 * downloading 12 windows of 250 ms (no warm-up) against a fresh server, four alternations
 * at load 15: the 0.5–1 s windows (the quick plan's) over the 1.5–3 s ones were 0.95,
 * 1.03, 1.06, 0.55 with it and 0.61, 0.94, 0.87, 1.27 without: a hint, on a machine that
 * busy, not a proof.
 */
export function warmSourcePath(host: string, port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({
      host,
      port,
      onread: { buffer: Buffer.allocUnsafe(SELF_READ_SIZE), callback: () => true },
    });
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.once("connect", () =>
      socket.write(encodeHello({ mode: "source", flags: SOURCE_BY_TIME, param: SELF_WARMUP_MS })),
    );
    socket.once("end", done);
    socket.once("error", done);
    socket.once("close", done);
  });
}
