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
import v8 from "node:v8";

/** V8's default is 66 KiB of bytecode (V8 11–13); in bytes. */
export const INTERRUPT_BUDGET = 4096;

/** Call first thing in a measuring child. A V8 without the flag prints one warning line
 *  and runs as before. */
export function optimiseSooner(): void {
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
