/**
 * The environment fingerprint written into every results file: enough to tell two runners
 * apart and to explain a difference between runs ("the baseline ran on an EPYC, this run on
 * a Xeon"). Reading the machine is the only I/O here; `fingerprint()` is pure so tests can
 * feed it any machine.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Environment } from "../model/types.js";

/** What `fingerprint()` needs to know about the machine and process. */
export interface MachineFacts {
  platform: string;
  arch: string;
  /** Logical CPUs this process may use (not the host's total when a cgroup limits it). */
  cpus: number;
  cpuModel?: string;
  kernelName: string;
  kernelRelease: string;
  /** PRETTY_NAME from /etc/os-release, when there is one. */
  distribution?: string;
  node: string;
  openssl?: string;
  env: Record<string, string | undefined>;
}

/** Who ran this: GitHub Actions (hosted or self-hosted, with the image), another CI, or a person. */
export function describeRunner(env: Record<string, string | undefined>): string {
  if (env.GITHUB_ACTIONS === "true") {
    const image = env.ImageOS ?? env.RUNNER_OS ?? "unknown image";
    const kind = env.RUNNER_ENVIRONMENT === "self-hosted" ? "self-hosted" : "hosted";
    const arch = env.RUNNER_ARCH ? ` ${env.RUNNER_ARCH}` : "";
    return `GitHub Actions ${kind} ${image}${arch}`;
  }
  if (env.CI && env.CI !== "false" && env.CI !== "0") return "CI";
  return "local";
}

export function fingerprint(facts: MachineFacts): Environment {
  const environment: Environment = {
    os: facts.distribution ?? `${facts.kernelName} (${facts.platform})`,
    arch: facts.arch,
    cpus: facts.cpus,
    node: facts.node,
    kernel: `${facts.kernelName} ${facts.kernelRelease}`,
    runner: describeRunner(facts.env),
  };
  // Absent rather than empty: an empty string would look like a real, different value.
  if (facts.cpuModel?.trim()) environment.cpuModel = facts.cpuModel.trim().replace(/\s+/g, " ");
  if (facts.openssl) environment.openssl = facts.openssl;
  return environment;
}

function distribution(): string | undefined {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    const line = text.split("\n").find((l) => l.startsWith("PRETTY_NAME="));
    return line?.slice("PRETTY_NAME=".length).replace(/^"|"$/g, "") || undefined;
  } catch {
    return undefined; // not Linux, or a minimal container: the kernel name still says enough
  }
}

/** This machine and this process, now. */
export function readMachine(): MachineFacts {
  const cpuList = os.cpus();
  return {
    platform: process.platform,
    arch: process.arch,
    cpus:
      typeof os.availableParallelism === "function" ? os.availableParallelism() : cpuList.length,
    cpuModel: cpuList[0]?.model,
    kernelName: os.type(),
    kernelRelease: os.release(),
    distribution: process.platform === "linux" ? distribution() : undefined,
    node: process.versions.node,
    openssl: process.versions.openssl,
    env: process.env,
  };
}

/** The fingerprint of the machine running this process. */
export function currentEnvironment(): Environment {
  return fingerprint(readMachine());
}
