/**
 * Starting perfgate's own child processes (server and client of a loopback run), pinned by
 * a command prefix such as `taskset -c 1`, and reading the JSON lines they print.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { selfCommand } from "../../util/self.js";
import { keepTail, lastLine } from "../childOutput.js";

export function spawnInternal(prefix: string[], entry: string, args: string[]): ChildProcess {
  const self = selfCommand();
  const argv = [self.command, ...self.args, "internal", entry, ...args];
  const [command = "", ...rest] = [...prefix, ...argv];
  return spawn(command, rest, { stdio: ["pipe", "pipe", "pipe"] });
}

/** How much of a child's stderr is kept to explain its failure. */
const STDERR_TAIL_CHARS = 4096;

/** Last non-empty line of what a child wrote to stderr, to explain its failure. */
function collectStderr(child: ChildProcess): () => string {
  const tail = keepTail(child.stderr, STDERR_TAIL_CHARS);
  return () => lastLine(tail()) ?? "";
}

/**
 * Feed each JSON line the child prints to `onLine`; resolve when it exits with 0, reject
 * (with its last stderr line) otherwise or after `timeoutMs`, killing it.
 */
export function followChild(
  child: ChildProcess,
  name: string,
  onLine: (value: unknown) => void,
  timeoutMs: number,
): Promise<void> {
  const lastError = collectStderr(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    try {
      onLine(JSON.parse(line));
    } catch {
      // a stray line (a warning printed by Node) is not ours to parse
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the ${name} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the ${name}: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      // Let readline deliver the last lines before we report.
      setImmediate(() => {
        if (code === 0) resolve();
        else reject(new Error(`the ${name} failed (${signal ?? `exit ${code}`}): ${lastError()}`));
      });
    });
  });
}

/** A server child: ready once it printed its address; `stop()` ends it and waits for its exit. */
export async function startServerChild(
  prefix: string[],
  host: string,
  lifetimeMs: number,
): Promise<{ address: { port: number; tlsPort?: number }; stop(): Promise<void> }> {
  const child = spawnInternal(prefix, "throughput-server", [host]);
  let ready: (address: { port: number; tlsPort?: number }) => void = () => {};
  const address = new Promise<{ port: number; tlsPort?: number }>((resolve) => {
    ready = resolve;
  });
  const exited = followChild(
    child,
    "throughput server",
    (line) => ready(line as { port: number; tlsPort?: number }),
    lifetimeMs,
  );
  exited.catch(() => {}); // observed by stop() or by the race below
  const early = exited.then(() => {
    throw new Error("the throughput server exited before it was ready");
  });
  const stop = async () => {
    child.stdin?.end();
    await exited;
  };
  try {
    return { address: await Promise.race([address, early]), stop };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}
