import { describe, expect, it } from "vitest";
import {
  currentEnvironment,
  describeRunner,
  fingerprint,
  type MachineFacts,
} from "../../src/collect/environment.js";

const machine = (over: Partial<MachineFacts> = {}): MachineFacts => ({
  platform: "linux",
  arch: "x64",
  cpus: 2,
  cpuModel: "  AMD EPYC   7763 64-Core Processor ",
  kernelName: "Linux",
  kernelRelease: "6.8.0-1017-azure",
  distribution: "Ubuntu 24.04.1 LTS",
  node: "24.1.0",
  openssl: "3.0.15",
  env: {},
  ...over,
});

describe("environment fingerprint", () => {
  it("names a GitHub-hosted runner by its image and architecture", () => {
    expect(
      describeRunner({
        GITHUB_ACTIONS: "true",
        ImageOS: "ubuntu24",
        RUNNER_ENVIRONMENT: "github-hosted",
        RUNNER_ARCH: "X64",
      }),
    ).toBe("GitHub Actions hosted ubuntu24 X64");
    expect(describeRunner({ GITHUB_ACTIONS: "true", RUNNER_ENVIRONMENT: "self-hosted" })).toBe(
      "GitHub Actions self-hosted unknown image",
    );
  });

  it("tells other CI systems from a person's machine", () => {
    expect(describeRunner({ CI: "true" })).toBe("CI");
    expect(describeRunner({ CI: "false" })).toBe("local");
    expect(describeRunner({})).toBe("local");
  });

  it("records os, cpu, kernel, node and openssl, tidying the CPU model", () => {
    expect(fingerprint(machine())).toEqual({
      os: "Ubuntu 24.04.1 LTS",
      arch: "x64",
      cpus: 2,
      cpuModel: "AMD EPYC 7763 64-Core Processor",
      node: "24.1.0",
      kernel: "Linux 6.8.0-1017-azure",
      openssl: "3.0.15",
      runner: "local",
    });
  });

  it("leaves out what the machine does not tell instead of writing empty values", () => {
    const env = fingerprint(
      machine({ cpuModel: " ", openssl: undefined, distribution: undefined, platform: "darwin" }),
    );
    expect(env).not.toHaveProperty("cpuModel");
    expect(env).not.toHaveProperty("openssl");
    expect(env.os).toBe("Linux (darwin)");
  });

  it("reads this machine", () => {
    const env = currentEnvironment();
    expect(env.cpus).toBeGreaterThan(0);
    expect(env.node).toBe(process.versions.node);
    expect(env.kernel).toMatch(/\S+ \S+/);
  });
});
