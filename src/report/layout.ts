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

/** The first `keep` rows of a block. */
export interface RowRun {
  block: Rows;
  keep: number;
}

/** A document as lines, before it is joined. */
export type Layout = Array<string | RowRun>;

/** The size of join(layout), without making it. */
export function measure(layout: Layout, size: Measure): number {
  let total = 0;
  for (const line of layout)
    total += typeof line === "string" ? size(line) + 1 : (line.block.sizes[line.keep] as number);
  return total;
}

/** Every line followed by a newline. */
export function join(layout: Layout): string {
  const lines: string[] = [];
  for (const line of layout) {
    if (typeof line === "string") lines.push(line);
    else for (let i = 0; i < line.keep; i++) lines.push(line.block.rows[i] as string);
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
