/** What a process has spent so far: CPU seconds and peak memory, the same way in every child. */
import { readFileSync } from "node:fs";

/** Peak resident set size of this process since it started, in bytes. */
export function peakRssBytes(): number {
  // resourceUsage().maxRSS is in kilobytes (KiB) on every platform Node supports.
  return process.resourceUsage().maxRSS * 1024;
}

/** User + system CPU time of this process so far, in seconds. */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** /proc reports CPU times in USER_HZ ticks, which Linux fixes at 100 for user space. */
const USER_HZ = 100;

/**
 * User + system CPU time of another process on this machine so far, in seconds (10 ms
 * resolution), read from /proc without asking the process; undefined where there is no
 * /proc or it cannot be read (another OS, the process gone, no descriptor left).
 */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are
    // counted from the last ')'; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / USER_HZ : undefined;
  } catch {
    return undefined;
  }
}
