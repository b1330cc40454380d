import { describe, expect, it } from "vitest";
import {
  characters,
  join,
  type Layout,
  LazyRows,
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

describe("rows formatted on demand", () => {
  const make = (count: number) => {
    const formatted: number[] = [];
    const rows = new LazyRows(
      count,
      (i) => {
        formatted.push(i);
        return `| row ${i} | ${"x".repeat(i % 7)} |`;
      },
      characters,
    );
    return { rows, formatted };
  };

  it("measures and joins exactly what eager rows give, for every cut, with and without a limit", () => {
    const count = 40;
    const all = make(count);
    all.rows.sizeOf(count);
    const eager: Rows = { rows: [...all.rows.rows], sizes: [] };
    measureRows(eager, characters);
    for (let keep = 0; keep <= count; keep++) {
      const lazy = make(count).rows;
      const layoutOf = (block: Rows): Layout => ["# t", { block, keep }, "end"];
      const full = measure(layoutOf(eager), characters);
      for (const limit of [0, 50, full - 1, full, Number.POSITIVE_INFINITY]) {
        // With a limit the answer may stop early, but "fits under the limit" never changes.
        const fits = measure(layoutOf(lazy), characters, limit) <= limit;
        expect(fits).toBe(full <= limit);
      }
      expect(join(layoutOf(lazy))).toBe(join(layoutOf(eager)));
    }
  });

  it("formats each row at most once, and none past the limit's reach", () => {
    const { rows, formatted } = make(10_000);
    const layout: Layout = [{ block: rows, keep: 10_000 }];
    expect(measure(layout, characters, 200)).toBeGreaterThan(200);
    const reached = formatted.length;
    expect(reached).toBeLessThan(20);
    measure(layout, characters, 200);
    expect(formatted.length).toBe(reached);
    expect(new Set(formatted).size).toBe(formatted.length);
  });
});
