/** The commands' handling of bad usage: one line naming the problem, exit 2, no stack. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { selfCommand } from "../../src/util/self.js";

function perfgate(...args: string[]) {
  const self = selfCommand();
  const run = spawnSync(self.command, [...self.args, ...args], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("perfgate throughput and serve on bad usage", () => {
  it.each([
    [["throughput", "--rounds", "0"], /--rounds must be a whole number/],
    [["throughput", "--target", "no-port-here"], /--target must be host:port/],
    [["throughput", "--bogus"], /Unknown option '--bogus'/],
    [["throughput", "--target", "127.0.0.1:1"], /cannot use the perfgate serve at 127\.0\.0\.1:1/],
    [["serve", "--port", "70000"], /--port must be a port number/],
  ])("%j exits 2 with one line", (args, message) => {
    const { code, stderr } = perfgate(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints help for both commands", () => {
    expect(perfgate("throughput", "--help").stdout).toContain("--target host:port");
    expect(perfgate("serve", "--help").stdout).toContain("--tls-port");
  });
});
