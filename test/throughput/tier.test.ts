import { describe, expect, it } from "vitest";
import { networkTier } from "../../src/collect/throughput/tier.js";

describe("network tier of a throughput (Gbit/s)", () => {
  it.each([
    [0.0999, "Slow"],
    [0.1, "Home"],
    [0.999, "Home"],
    [1, "Standard"],
    [2.49, "Standard"],
    [2.5, "Performance"],
    [9.99, "Performance"],
    [10, "Enterprise"],
    [24.9, "Enterprise"],
    [25, "DataCenter"],
    [400, "DataCenter"],
  ])("%f Gbit/s is %s", (rate, tier) => {
    expect(networkTier(rate)).toBe(tier);
  });
});
