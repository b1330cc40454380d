/** `perfgate serve` as a real child process on a free loopback port. */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { selfCommand } from "../../../src/util/self.js";

export interface ServeChild {
  port: number;
  udpPort?: number;
  tlsPort?: number;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** On 127.0.0.1 unless `flags` give a --host (or `DEFAULT_HOST`: serve's own default). */
export const DEFAULT_HOST = "default";

export async function startServeChild(...flags: string[]): Promise<ServeChild> {
  const self = selfCommand();
  const hostFlags = flags.includes("--host") ? [] : ["--host", "127.0.0.1"];
  const rest = flags.filter((f) => f !== DEFAULT_HOST);
  const child = spawn(
    self.command,
    [
      ...self.args,
      "serve",
      ...(flags.includes(DEFAULT_HOST) ? [] : hostFlags),
      "--port",
      "0",
      ...rest,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const wanted = rest.includes("--no-udp") ? 1 : 2;
  const seen: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("serve did not start")), 30_000);
    lines.on("line", (line) => {
      seen.push(line);
      if (seen.length === wanted) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const port = Number(/listening on [^ ]+:(\d+)/.exec(seen[0] ?? "")?.[1]);
  const tlsPort = /TLS on (\d+)/.exec(seen[0] ?? "")?.[1];
  const udp = /UDP probes on (\d+)/.exec(seen[1] ?? "")?.[1];
  return {
    port,
    udpPort: udp ? Number(udp) : undefined,
    tlsPort: tlsPort ? Number(tlsPort) : undefined,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}
