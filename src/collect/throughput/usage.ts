/** What a process has spent so far: CPU seconds and peak memory, the same way in every child. */

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
