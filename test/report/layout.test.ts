import { describe, expect, it } from "vitest";
import {
  characters,
  join,
  type Layout,
  largestFitting,
  measure,
  measureRows,
  type Rows,
  truncate,
  utf8Bytes,
} from "../../src/report/layout.js";

describe("layout", () => {
  const block: Rows = { rows: ["| a |", "| ü |", "| 日本 |", "| 😀 |"], sizes: [] };

  it.each([
    ["characters", characters],
    ["bytes", utf8Bytes],
  ])("measures in %s exactly what join makes, for every cut", (_, size) => {
    measureRows(block, size);
    for (let keep = 0; keep <= block.rows.length; keep++) {
      const layout: Layout = ["# title", "", { block, keep }, "", "end"];
      expect(measure(layout, size)).toBe(size(join(layout)));
    }
  });

  it.each([0, 3, 7, 10])("finds the largest n that fits below %i", (limit) => {
    expect(largestFitting(0, 10, (n) => n <= limit)).toBe(limit);
  });

  it.each([
    ["characters", characters, 12],
    ["bytes", utf8Bytes, 12],
    ["bytes", utf8Bytes, 2],
  ])("cuts text to fit in %s without splitting a character (limit %i)", (_, size, limit) => {
    const text = "ab😀😀日本 and more text";
    const cut = truncate(text, limit, size);
    expect(size(cut)).toBeLessThanOrEqual(limit);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(text.startsWith(cut.replace(/\n…$/, ""))).toBe(true);
  });
});
