import { describe, expect, it } from "vitest";
import {
  canonicalUnit,
  formatValue,
  parseQuantity,
  quantityOf,
  toCanonical,
} from "../../src/model/units.js";

describe("toCanonical", () => {
  it.each([
    // [value, unit, canonical value, canonical unit]
    [1500, "ns", 1.5e-6, "s"],
    [1500, "ns/op", 1.5e-6, "s"],
    [2, "ps", 2e-12, "s"],
    [3, "us", 3e-6, "s"],
    [3, "µs", 3e-6, "s"],
    [3, "μs", 3e-6, "s"],
    [250, "ms", 0.25, "s"],
    [2, "s", 2, "s"],
    [2, "min", 120, "s"],
    [1, "h", 3600, "s"],
    [1e9, "bit/s", 1, "Gbit/s"],
    [1e6, "kbit/s", 1, "Gbit/s"],
    [940, "Mbit/s", 0.94, "Gbit/s"],
    [9.41, "Gbit/s", 9.41, "Gbit/s"],
    [1, "Tbit/s", 1000, "Gbit/s"],
    [125e6, "B/s", 1, "Gbit/s"],
    [125, "MB/s", 1, "Gbit/s"],
    [1, "GB/s", 8, "Gbit/s"],
    [1, "MiB/s", (1024 * 1024 * 8) / 1e9, "Gbit/s"],
    [1, "GiB/s", (1024 ** 3 * 8) / 1e9, "Gbit/s"],
    [1, "KB", 1000, "B"],
    [1, "KiB", 1024, "B"],
    [1, "MB", 1e6, "B"],
    [1, "MiB", 1024 ** 2, "B"],
    [1, "GiB", 1024 ** 3, "B"],
    [64, "B/op", 64, "B"],
    [5, "op/s", 5, "ops/s"],
    [5, "Hz", 5, "ops/s"],
    [5, "kHz", 5000, "ops/s"],
    [2, "Mops/s", 2e6, "ops/s"],
    [3, "allocs/op", 3, "count"],
    [12, "%", 12, "%"],
    [1.5, "x", 1.5, "ratio"],
  ])("%s %s is %s %s", (value, unit, expected, expectedUnit) => {
    const c = toCanonical(value, unit);
    expect(c.unit).toBe(expectedUnit);
    expect(c.value).toBeCloseTo(expected, 12);
  });

  it("keeps a custom unit and its value as given", () => {
    expect(toCanonical(70, "req/s")).toEqual({ value: 70, unit: "req/s" });
    expect(quantityOf("widgets")).toBeUndefined();
    expect(canonicalUnit("widgets")).toBe("widgets");
  });

  it("folds case only where no two units share the folded spelling", () => {
    expect(toCanonical(3, "MS")).toEqual({ value: 0.003, unit: "s" });
    // b/s is bits, B/s is bytes: exact spellings only
    expect(toCanonical(8, "b/s").value).toBeCloseTo(8e-9);
    expect(toCanonical(1, "B/s").value).toBeCloseTo(8e-9);
    expect(quantityOf("b/S")).toBeUndefined();
  });
});

describe("formatValue picks the scale a person reads", () => {
  it.each([
    // both sides of every boundary
    [0.5e-9, "s", "0.5 ns"],
    [999e-9, "s", "999 ns"],
    [1e-6, "s", "1.00 µs"],
    [999e-6, "s", "999 µs"],
    [999.96e-6, "s", "1.00 ms"],
    [1e-3, "s", "1.00 ms"],
    [1.234e-3, "s", "1.23 ms"],
    [0.999, "s", "999 ms"],
    [1, "s", "1.00 s"],
    [59.9, "s", "59.9 s"],
    [60, "s", "1.00 min"],
    [3500, "s", "58.3 min"],
    [3599, "s", "1.00 h"], // 59.98 min rounds up a scale
    [3600, "s", "1.00 h"],
    [0.999e-6, "Gbit/s", "999 bit/s"],
    [1e-6, "Gbit/s", "1.00 kbit/s"],
    [0.999, "Gbit/s", "999 Mbit/s"],
    [1, "Gbit/s", "1.00 Gbit/s"],
    [9.41, "Gbit/s", "9.41 Gbit/s"],
    [999, "Gbit/s", "999 Gbit/s"],
    [1000, "Gbit/s", "1.00 Tbit/s"],
    [1023, "B", "1023 B"],
    [1024, "B", "1.00 KiB"],
    [1024 ** 2 - 1, "B", "1024 KiB"],
    [1024 ** 2, "B", "1.00 MiB"],
    [512 * 1024 ** 2, "B", "512 MiB"],
    [1024 ** 3, "B", "1.00 GiB"],
    [999, "ops/s", "999 ops/s"],
    [1000, "ops/s", "1.00 kops/s"],
    [12345, "ops/s", "12.3 kops/s"],
    [2.5e6, "ops/s", "2.50 Mops/s"],
    [999, "count", "999"],
    [1000, "count", "1.00 k"],
    [1234567, "count", "1.23 M"],
    [12.5, "%", "12.5 %"],
    [1.5, "ratio", "1.50×"],
    [70, "req/s", "70.0 req/s"],
    [0, "s", "0 s"],
    [-0.002, "s", "-2.00 ms"],
  ])("%s %s → %s", (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it("prints a non-finite value rather than hiding it", () => {
    expect(formatValue(Number.NaN, "s")).toBe("NaN s");
  });
});

describe("parseQuantity", () => {
  it.each([
    ["1 Gbit/s", 1, "Gbit/s"],
    ["250ms", 0.25, "s"],
    ["512 MiB", 512 * 1024 ** 2, "B"],
    [" 5 ", 5, ""],
    ["1e3 Mbit/s", 1, "Gbit/s"],
  ])("%j", (text, value, unit) => {
    const q = parseQuantity(text);
    expect(q?.unit).toBe(unit);
    expect(q?.value).toBeCloseTo(value, 9);
  });

  it.each(["fast", "1 furlong", "", "Gbit/s 1"])("rejects %j", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe("what formatValue prints reads back as the same amount", () => {
  // Every display suffix must be a unit the table knows (charts and limits rely on it).
  const values = [3e-10, 4.2e-8, 7e-6, 1.5e-4, 0.02, 0.7, 3, 45, 400, 5000, 2e5, 3e7, 9e9];
  it.each(["s", "Gbit/s", "B", "ops/s"])("%s", (unit) => {
    for (const value of values) {
      const text = formatValue(value, unit);
      const back = parseQuantity(text);
      expect(back?.unit, text).toBe(unit);
      // three significant digits: within 0.5 %
      expect(Math.abs((back?.value as number) / value - 1), text).toBeLessThan(0.005);
    }
  });
});
