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
  intervals?: {
    sum?: { start?: number; end?: number; bytes?: number; bits_per_second?: number };
  }[];
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
  /** Measured, after the warm-up; fractions are fine (see runIperf3). */
  seconds: number;
  warmupSeconds: number;
  writeSize: number;
  /** Further client flags, e.g. ["-R"] or ["-P", "100"]. */
  extra: string[];
}

/** iperf3's reporting interval (`-i`): the same 250 ms as perfgate's windows. */
export const IPERF3_INTERVAL_SECONDS = 0.25;

/**
 * Runs one trial; throws with iperf3's own error when it reports none. iperf3 3.12 reads
 * `-t` and `-O` as whole seconds (`-O 0.5` omitted nothing, `-t 1.5` ran 1 s), so it runs
 * for the warm-up and the measured time rounded up, reports every 250 ms, and the warm-up
 * is dropped here from its intervals (iperf3Windows), as perfgate drops its own.
 */
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
      String(Math.ceil(trial.warmupSeconds + trial.seconds)),
      "-i",
      String(IPERF3_INTERVAL_SECONDS),
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

/** The Gbit/s and bytes of each interval inside [warm-up, warm-up + seconds]: the
 *  steady state, measured as perfgate measures its windows. */
export function iperf3Windows(
  report: Iperf3Report,
  warmupSeconds: number,
  seconds: number,
): { gbps: number; bytes: number; seconds: number }[] {
  const slack = 0.01; // interval edges are timer ticks, not exact
  const out: { gbps: number; bytes: number; seconds: number }[] = [];
  for (const { sum } of report.intervals ?? []) {
    if (sum?.start === undefined || sum.end === undefined || sum.bytes === undefined) continue;
    if (sum.start < warmupSeconds - slack || sum.end > warmupSeconds + seconds + slack) continue;
    const length = sum.end - sum.start;
    if (length <= 0) continue;
    out.push({ gbps: (sum.bytes * 8) / length / 1e9, bytes: sum.bytes, seconds: length });
  }
  return out;
}

/** Median Gbit/s of the steady-state intervals (iperf3Windows, `-i 0.25`): the same
 *  statistic as perfgate's median of 250 ms windows. */
export function iperf3MedianIntervalGbps(
  report: Iperf3Report,
  warmupSeconds: number,
  seconds: number,
): number {
  const rates = iperf3Windows(report, warmupSeconds, seconds)
    .map((w) => w.gbps)
    .sort((a, b) => a - b);
  if (rates.length === 0) return Number.NaN;
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2
    ? (rates[mid] as number)
    : ((rates[mid - 1] as number) + (rates[mid] as number)) / 2;
}

/** Gbit/s over the whole steady state (bytes over time), as perfgate's scaling window. */
export function iperf3SteadyGbps(report: Iperf3Report, warmupSeconds: number, seconds: number) {
  const windows = iperf3Windows(report, warmupSeconds, seconds);
  const bytes = windows.reduce((sum, w) => sum + w.bytes, 0);
  const time = windows.reduce((sum, w) => sum + w.seconds, 0);
  return time > 0 ? (bytes * 8) / time / 1e9 : Number.NaN;
}
