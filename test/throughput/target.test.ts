import { describe, expect, it } from "vitest";
import { parseTarget } from "../../src/collect/throughput/options.js";

describe("--target host:port", () => {
  it.each([
    ["10.0.0.2:5300", { host: "10.0.0.2", port: 5300 }],
    ["bench.example.net:1", { host: "bench.example.net", port: 1 }],
    ["[::1]:5300", { host: "::1", port: 5300 }],
    [" localhost:65535 ", { host: "localhost", port: 65535 }],
  ])("reads %j", (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it.each(["10.0.0.2", ":5300", "host:0", "host:65536", "host:port", ""])("refuses %j", (text) => {
    expect(parseTarget(text)).toBeUndefined();
  });
});
