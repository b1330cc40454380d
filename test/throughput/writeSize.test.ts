/**
 * `perfgate throughput --write-size` and `--only`: the size and scenario readers, bad values
 * refused in one line with exit 2, and a real run that keeps to the scenarios asked for.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import configSchema from "../../schema/config.v1.json" with { type: "json" };
import { throughputOptions } from "../../src/collect/run.js";
import { parseScenarios, parseWriteSize, SCENARIOS } from "../../src/collect/throughput/plan.js";
import { selfCommand } from "../../src/util/self.js";

function perfgate(...args: string[]) {
  const self = selfCommand();
  const run = spawnSync(self.command, [...self.args, ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("parseWriteSize", () => {
  it.each([
    ["4096", 4096],
    ["1KiB", 1024],
    ["64KiB", 65536],
    ["1MiB", 1048576],
    ["1.5MiB", 1572864],
    ["4 kB", 4000],
    ["64MiB", 64 * 1048576],
  ])("reads %j as %d bytes", (text, bytes) => {
    expect(parseWriteSize(text)).toBe(bytes);
  });

  it.each(["", "1023", "65MiB", "1GiB", "-4KiB", "4 KB", "lots", "1.5", "0"])(
    "refuses %j",
    (text) => {
      expect(parseWriteSize(text)).toBeUndefined();
    },
  );
});

describe("parseScenarios", () => {
  it("reads a list and drops repeats", () => {
    expect(parseScenarios("throughput, transfer,throughput")).toEqual(["throughput", "transfer"]);
  });
  it("refuses an unknown scenario", () => {
    expect(parseScenarios("throughput,udp")).toBeUndefined();
  });
});

describe("perfgate throughput --write-size / --only", () => {
  it.each([
    [["--write-size", "12"], /--write-size must be a size from 1KiB to 64MiB.*'12'/],
    [["--write-size", "huge"], /--write-size must be .*'huge'/],
    [
      ["--only", "throughput,udp"],
      /--only takes scenarios from throughput,transfer,latency,connect/,
    ],
    [["--scaling", "--only", "throughput"], /do not apply to --scaling/],
  ])("%j exits 2 with one line", (args, message) => {
    const { code, stderr } = perfgate("throughput", ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("runs only the throughput scenario, at the write size asked for", () => {
    const ran = perfgate(
      "throughput",
      "--quick",
      "--rounds",
      "1",
      "--only",
      "throughput",
      "--write-size",
      "64KiB",
    );
    expect(ran.code).toBe(0);
    const results = JSON.parse(ran.stdout) as {
      benchmarks: { name: string; metrics: Record<string, { samples: number[] }> }[];
    };
    const names = results.benchmarks.map((b) => b.name);
    expect(names).toContain("tcp/throughput");
    expect(names.filter((n) => /transfer|latency|connect/.test(n))).toEqual([]);
    const tcp = results.benchmarks.find((b) => b.name === "tcp/throughput");
    expect(tcp?.metrics.throughput?.samples[0]).toBeGreaterThan(0);
    expect(ran.stdout).toContain("65536");
  }, 60_000);
});

describe("run.throughput write-size and only in the config", () => {
  it("reads a size with a unit or in bytes, and a list of scenarios", () => {
    expect(throughputOptions({ "write-size": "4KiB", only: ["throughput"] }, "c.yml")).toEqual({
      writeSize: 4096,
      only: ["throughput"],
    });
    expect(throughputOptions({ "write-size": 65536 }, "c.yml")).toEqual({ writeSize: 65536 });
  });

  it.each([
    [{ "write-size": "tiny" }, /run\.throughput\.write-size must be a size from 1KiB to 64MiB/],
    [{ "write-size": 12 }, /run\.throughput\.write-size must be/],
    [{ only: "throughput" }, /run\.throughput\.only must be a list of scenarios/],
    [{ only: ["udp"] }, /run\.throughput\.only must be a list of scenarios from throughput/],
    [{ scaling: true, only: ["throughput"] }, /write-size and only do not apply to scaling/],
  ])("refuses %j naming the file", (raw, message) => {
    expect(() => throughputOptions(raw, "c.yml")).toThrow(message);
  });

  it("the config schema lists the same scenarios as the suite", () => {
    const only = configSchema.properties.run.properties.throughput.properties.only;
    expect(only.items.enum).toEqual([...SCENARIOS]);
  });
});
