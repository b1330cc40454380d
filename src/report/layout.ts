/**
 * Fitting text under a size limit. A document is laid out as lines and runs of table rows
 * (kept by reference), so each try at a smaller shape is measured by adding precomputed
 * sizes instead of joining a multi-megabyte string.
 */

/** How a limit counts: GitHub counts a comment in characters and a summary in bytes. */
export type Measure = (text: string) => number;
export const characters: Measure = (text) => text.length;
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, "utf8");

/** Rows that may be cut from the end; sizes[k] is the size of the first k with newlines. */
export interface Rows {
  rows: string[];
  sizes: number[];
}

export function measureRows(block: Rows, size: Measure): void {
  block.sizes = [0];
  let total = 0;
  for (const row of block.rows) {
    total += size(row) + 1;
    block.sizes.push(total);
  }
}

/**
 * Rows formatted on demand. A large report has tens of thousands of rows but a comment keeps
 * a few hundred: rows are formatted and measured only as far as a measurement or a join
 * reaches, and each at most once however many shapes are tried.
 */
export class LazyRows implements Rows {
  rows: string[] = [];
  sizes: number[] = [0];

  constructor(
    /** How many rows the block has, formatted or not. */
    readonly count: number,
    private readonly format: (index: number) => string,
    private readonly size: Measure,
  ) {}

  /**
   * sizes[keep], formatting rows as needed; stops early once the rows made so far are larger
   * than `budget` and returns that (smaller, but already too large) size.
   */
  sizeOf(keep: number, budget = Number.POSITIVE_INFINITY): number {
    let made = this.rows.length;
    let total = this.sizes[made] as number;
    while (made < keep && total <= budget) {
      const row = this.format(made);
      this.rows.push(row);
      total += this.size(row) + 1;
      this.sizes.push(total);
      made++;
    }
    return this.sizes[Math.min(keep, made)] as number;
  }
}

/** The first `keep` rows of a block. */
export interface RowRun {
  block: Rows;
  keep: number;
}

/** A document as lines, before it is joined. */
export type Layout = Array<string | RowRun>;

/**
 * The size of join(layout), without making it. With a limit it stops as soon as the size
 * passes it and returns the size so far: enough to tell that the layout does not fit.
 */
export function measure(layout: Layout, size: Measure, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  for (const line of layout) {
    if (typeof line === "string") total += size(line) + 1;
    else if (line.block instanceof LazyRows) total += line.block.sizeOf(line.keep, limit - total);
    else total += line.block.sizes[line.keep] as number;
    if (total > limit) return total;
  }
  return total;
}

/** Every line followed by a newline. */
export function join(layout: Layout): string {
  const lines: string[] = [];
  for (const line of layout) {
    if (typeof line === "string") lines.push(line);
    else {
      if (line.block instanceof LazyRows) line.block.sizeOf(line.keep);
      for (let i = 0; i < line.keep; i++) lines.push(line.block.rows[i] as string);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The largest n in [low, high] with fits(n), given fits(low) and fits growing false. */
export function largestFitting(low: number, high: number, fits: (n: number) => boolean): number {
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The last resort: cut the text itself, with "…" when there is room for it, never leaving
 * half of a UTF-16 surrogate pair at the end.
 */
export function truncate(text: string, limit: number, size: Measure): string {
  const notice = "\n…";
  const longest = (suffix: string) => {
    const n = largestFitting(0, text.length, (k) => size(text.slice(0, k) + suffix) <= limit);
    const code = text.charCodeAt(n - 1);
    return code >= 0xd800 && code <= 0xdbff ? n - 1 : n;
  };
  const withNotice = size(notice) <= limit ? longest(notice) : 0;
  if (withNotice > 0) return text.slice(0, withNotice) + notice;
  return text.slice(0, longest(""));
}
