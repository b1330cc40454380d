/**
 * iperf3 on loopback for the throughput benches: a one-shot server and a client, each under
 * the same `taskset` placement as perfgate's processes, reporting JSON (`-J`).
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

export function hasIperf3(): boolean {
  return spawnSync("iperf3", ["--version"]).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** How often a client retries a server that is not listening yet (300 ms apart). */
const LISTEN_ATTEMPTS = 10;

/** What the benches read of iperf3's `-J` report. */
export interface Iperf3Report {
  intervals?: { sum?: { bits_per_second?: number; omitted?: boolean } }[];
  end?: {
    sum_received?: { bits_per_second?: number; bytes?: number; seconds?: number };
    sum_sent?: { bits_per_second?: number; bytes?: number; seconds?: number };
    cpu_utilization_percent?: { host_total?: number; remote_total?: number };
  };
  error?: string;
}

export interface Iperf3Trial {
  /** Placement prefixes, e.g. ["taskset", "-c", "1"]; empty when unpinned. */
  server: string[];
  client: string[];
  seconds: number;
  warmupSeconds: number;
  writeSize: number;
  /** Further client flags, e.g. ["-R"] or ["-P", "100"]. */
  extra: string[];
}

/** Runs one trial; throws with iperf3's own error when it reports none. */
export async function runIperf3(trial: Iperf3Trial): Promise<Iperf3Report & { stderr: string }> {
  const port = String(await freePort());
  const [serverCmd = "iperf3", ...serverArgs] = [...trial.server, "iperf3", "-s", "-1", "-p", port];
  const daemon = spawn(serverCmd, serverArgs, { stdio: "ignore" });
  try {
    const [cmd = "iperf3", ...args] = [
      ...trial.client,
      "iperf3",
      "-c",
      "127.0.0.1",
      "-p",
      port,
      "-t",
      String(trial.seconds),
      "-O",
      String(trial.warmupSeconds),
      "-l",
      String(trial.writeSize),
      ...trial.extra,
      "-J",
    ];
    // The one-off server may not listen yet on a busy machine: a refused connection is
    // retried (a probe connection would use up its one session).
    for (let attempt = 1; ; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const run = spawnSync(cmd, args, { encoding: "utf8", timeout: (trial.seconds + 30) * 1000 });
      const report = { ...(JSON.parse(run.stdout) as Iperf3Report), stderr: run.stderr };
      if (!report.error?.includes("Connection refused") || attempt === LISTEN_ATTEMPTS)
        return report;
    }
  } finally {
    daemon.kill();
  }
}

/** CPU seconds (both processes, user + system) per GB received: iperf3 gives each process's
 *  CPU time as a percentage of the test's wall time. */
export function iperf3CpuPerGB(report: Iperf3Report): number {
  const received = report.end?.sum_received;
  const cpu = report.end?.cpu_utilization_percent;
  if (!received?.bytes || !received.seconds || !cpu) return Number.NaN;
  const cpuSeconds = (((cpu.host_total ?? 0) + (cpu.remote_total ?? 0)) / 100) * received.seconds;
  return cpuSeconds / (received.bytes / 1e9);
}

/** Median Gbit/s of the measured (not omitted) intervals: run with `-i 0.25` it is the
 *  same statistic as perfgate's median of 250 ms windows. */
export function iperf3MedianIntervalGbps(report: Iperf3Report): number {
  const rates = (report.intervals ?? [])
    .filter((i) => i.sum && !i.sum.omitted && i.sum.bits_per_second !== undefined)
    .map((i) => (i.sum?.bits_per_second as number) / 1e9)
    .sort((a, b) => a - b);
  if (rates.length === 0) return Number.NaN;
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2
    ? (rates[mid] as number)
    : ((rates[mid - 1] as number) + (rates[mid] as number)) / 2;
}
