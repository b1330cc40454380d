// Preloaded into a measured child (`node --import ./bench/lib/usage.mjs …`): on exit it
// writes the process's own CPU time and peak RSS as one JSON line to fd 3, so the parent
// measures the whole CLI process (start-up, read, compare, render) and not only a function.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const u = process.resourceUsage();
  writeSync(
    3,
    `${JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS })}\n`,
  );
});
