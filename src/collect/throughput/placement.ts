/**
 * Where the client and server processes run. On a shared 2-core runner, letting the
 * scheduler put both on one core (or bounce them) changes latency several-fold
 * (docs/architecture.md, "What the code relies on from the platform"), so on Linux each is pinned to its own CPU with `taskset -c`, and the
 * results record where they ran. Elsewhere, or with one CPU, they run unpinned and say so.
 */
import { spawnSync } from "node:child_process";

export interface Placement {
  /** Command prefix that pins each process, e.g. ["taskset", "-c", "1"]; empty: unpinned. */
  server: string[];
  client: string[];
  /** For the results' environment.placement. */
  description: string;
}

/** "0,2-4" → [0, 2, 3, 4]; junk → []. */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(",")) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) return [];
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    for (let cpu = from; cpu <= to; cpu++) cpus.push(cpu);
  }
  return cpus;
}

/**
 * Decide placement from the CPUs this process may use (undefined: cannot pin here).
 * Client on the first allowed CPU, server on the second; a remote server is not ours to pin.
 */
export function choosePlacement(allowed: number[] | undefined, remote?: string): Placement {
  const pin = (cpu: number) => ["taskset", "-c", String(cpu)];
  const [clientCpu, serverCpu] = allowed ?? [];
  if (remote) {
    if (clientCpu === undefined) return { server: [], client: [], description: "unpinned" };
    return {
      server: [],
      client: pin(clientCpu),
      description: `client: cpu${clientCpu} (taskset), server: remote ${remote}`,
    };
  }
  if (clientCpu === undefined || serverCpu === undefined)
    return { server: [], client: [], description: "unpinned" };
  return {
    server: pin(serverCpu),
    client: pin(clientCpu),
    description: `server: cpu${serverCpu}, client: cpu${clientCpu} (taskset)`,
  };
}

/** The CPUs this process may be pinned to, or undefined when taskset is unusable here. */
export function allowedCpus(): number[] | undefined {
  if (process.platform !== "linux") return undefined;
  const answer = spawnSync("taskset", ["-pc", String(process.pid)], { encoding: "utf8" });
  if (answer.status !== 0 || typeof answer.stdout !== "string") return undefined;
  // "pid 1234's current affinity list: 0,1"
  const list = answer.stdout.split(":").pop() ?? "";
  const cpus = parseCpuList(list);
  return cpus.length > 0 ? cpus : undefined;
}
