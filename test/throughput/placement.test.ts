import { describe, expect, it } from "vitest";
import { choosePlacement, parseCpuList } from "../../src/collect/throughput/placement.js";

describe("placement of client and server", () => {
  it.each([
    ["0,1", [0, 1]],
    ["0-3", [0, 1, 2, 3]],
    ["2,4-5\n", [2, 4, 5]],
    ["junk", []],
  ])("reads the CPU list %j", (text, cpus) => {
    expect(parseCpuList(text)).toEqual(cpus);
  });

  it("pins the client to the first allowed CPU and the server to the second", () => {
    const p = choosePlacement([0, 1]);
    expect(p.client).toEqual(["taskset", "-c", "0"]);
    expect(p.server).toEqual(["taskset", "-c", "1"]);
    expect(p.description).toBe("server: cpu1, client: cpu0 (taskset)");
  });

  it("runs unpinned with one CPU or without taskset, and says so", () => {
    expect(choosePlacement([3]).description).toBe("unpinned");
    expect(choosePlacement(undefined)).toEqual({ server: [], client: [], description: "unpinned" });
  });

  it("pins only the client when the server is remote", () => {
    const p = choosePlacement([4, 5], "10.0.0.2:5300");
    expect(p.client).toEqual(["taskset", "-c", "4"]);
    expect(p.server).toEqual([]);
    expect(p.description).toBe("client: cpu4 (taskset), server: remote 10.0.0.2:5300");
  });
});
