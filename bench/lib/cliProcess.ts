/**
 * Runs one command as its own Node process and measures it from outside: wall time, CPU time
 * and peak RSS of that process (bench/lib/usage.mjs reports the last two on fd 3), and how
 * many bytes it printed.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startTimer } from "./timer.js";

const USAGE = fileURLToPath(new URL("./usage.mjs", import.meta.url));

export interface ProcessMeasure {
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
  stdoutBytes: number;
  exitCode: number | null;
  /** What it printed, when asked to keep it. */
  stdout?: string;
}

export function measureProcess(args: string[], keepStdout = false): Promise<ProcessMeasure> {
  return new Promise((resolve, reject) => {
    const wall = startTimer();
    const child = spawn(process.execPath, ["--import", USAGE, ...args], {
      stdio: ["ignore", "pipe", "inherit", "pipe"],
    });
    let stdoutBytes = 0;
    const kept: Buffer[] = [];
    let usage = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (keepStdout) kept.push(chunk);
    });
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => {
      usage += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = wall();
      try {
        const u = JSON.parse(usage) as { cpuMs: number; maxRssKiB: number };
        resolve({
          wallMs,
          cpuMs: u.cpuMs,
          peakRssMiB: u.maxRssKiB / 1024,
          stdoutBytes,
          exitCode,
          ...(keepStdout ? { stdout: Buffer.concat(kept).toString("utf8") } : {}),
        });
      } catch {
        reject(new Error(`${args.join(" ")}: no usage line (exit ${exitCode})`));
      }
    });
  });
}
