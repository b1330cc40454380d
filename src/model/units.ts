/**
 * Units: one canonical unit per quantity, a table of the spellings tools use, and a
 * formatter that picks a scale a person can read.
 *
 * Results store every sample in its quantity's canonical unit, so that two tools (or two
 * versions of one tool) that print "ms" and "ns/op" still compare. Anything not in the
 * table is a custom unit and is kept exactly as given.
 *
 * Decimal prefixes for bits and for "KB/MB/GB" (1 KB = 1000 B, as SI and iperf3's -f
 * decimal modes do); binary prefixes only where spelled "KiB/MiB/GiB".
 */

export type Quantity =
  | "time"
  | "data-rate"
  | "data-size"
  | "event-rate"
  | "count"
  | "percent"
  | "ratio";

/** The unit every sample of a quantity is stored in. */
export const CANONICAL_UNIT: Record<Quantity, string> = {
  time: "s",
  "data-rate": "Gbit/s",
  "data-size": "B",
  "event-rate": "ops/s",
  count: "count",
  percent: "%",
  ratio: "ratio",
};

/** Whether less or more is better when a tool does not say. */
export const NATURAL_DIRECTION: Record<Quantity, "higher" | "lower" | undefined> = {
  time: "lower",
  "data-rate": "higher",
  "data-size": "lower",
  "event-rate": "higher",
  count: undefined,
  percent: undefined,
  ratio: undefined,
};

interface UnitEntry {
  quantity: Quantity;
  /** Multiply a value in this unit by `factor` to get the canonical unit. */
  factor: number;
}

const KILO = 1e3;
const KIBI = 1024;
const BITS_PER_BYTE = 8;
/** Data rates are stored in Gbit/s: one bit/s is 1e-9 Gbit/s. */
const BIT_PER_S = 1e-9;

/** [spellings, quantity, factor to canonical]. Spellings are matched exactly first, then
 *  case-insensitively unless two different units share the lower-cased spelling. */
const TABLE: [string[], Quantity, number][] = [
  // time, and per-operation time as tools print it (Go's ns/op, libtest's ns/iter)
  [["ps", "picoseconds"], "time", 1e-12],
  [["ns", "nsec", "nanoseconds", "ns/op", "ns/iter"], "time", 1e-9],
  [["us", "µs", "μs", "usec", "microseconds", "us/op", "µs/op", "μs/op", "us/iter"], "time", 1e-6],
  [["ms", "msec", "milliseconds", "ms/op", "ms/iter"], "time", 1e-3],
  [["s", "sec", "secs", "second", "seconds", "s/op", "s/iter"], "time", 1],
  [["min", "mins", "minute", "minutes"], "time", 60],
  [["h", "hr", "hour", "hours"], "time", 3600],
  // data rates in bits (decimal prefixes)
  [["bit/s", "bps", "b/s", "bits/sec", "bits/s"], "data-rate", BIT_PER_S],
  [["kbit/s", "Kbit/s", "kbps", "Kbps", "Kbits/sec"], "data-rate", KILO * BIT_PER_S],
  [["Mbit/s", "Mbps", "Mbits/sec"], "data-rate", KILO ** 2 * BIT_PER_S],
  [["Gbit/s", "Gbps", "Gbits/sec"], "data-rate", KILO ** 3 * BIT_PER_S],
  [["Tbit/s", "Tbps", "Tbits/sec"], "data-rate", KILO ** 4 * BIT_PER_S],
  // data rates in bytes
  [["B/s", "bytes/s", "Bytes/sec", "bytes/sec"], "data-rate", BITS_PER_BYTE * BIT_PER_S],
  [["kB/s", "KB/s", "KBytes/sec"], "data-rate", KILO * BITS_PER_BYTE * BIT_PER_S],
  [["MB/s", "MBytes/sec"], "data-rate", KILO ** 2 * BITS_PER_BYTE * BIT_PER_S],
  [["GB/s", "GBytes/sec"], "data-rate", KILO ** 3 * BITS_PER_BYTE * BIT_PER_S],
  [["TB/s"], "data-rate", KILO ** 4 * BITS_PER_BYTE * BIT_PER_S],
  [["KiB/s"], "data-rate", KIBI * BITS_PER_BYTE * BIT_PER_S],
  [["MiB/s"], "data-rate", KIBI ** 2 * BITS_PER_BYTE * BIT_PER_S],
  [["GiB/s"], "data-rate", KIBI ** 3 * BITS_PER_BYTE * BIT_PER_S],
  [["TiB/s"], "data-rate", KIBI ** 4 * BITS_PER_BYTE * BIT_PER_S],
  // data sizes (also per operation, as Go's -benchmem prints them)
  [["B", "bytes", "byte", "B/op"], "data-size", 1],
  [["kB", "KB"], "data-size", KILO],
  [["MB"], "data-size", KILO ** 2],
  [["GB"], "data-size", KILO ** 3],
  [["TB"], "data-size", KILO ** 4],
  [["KiB"], "data-size", KIBI],
  [["MiB"], "data-size", KIBI ** 2],
  [["GiB"], "data-size", KIBI ** 3],
  [["TiB"], "data-size", KIBI ** 4],
  // event rates
  [["ops/s", "op/s", "ops/sec", "op/sec", "/s", "iter/s", "Hz", "hz"], "event-rate", 1],
  [["kops/s", "Kops/s", "kHz"], "event-rate", KILO],
  [["Mops/s", "MHz"], "event-rate", KILO ** 2],
  [["Gops/s", "GHz"], "event-rate", KILO ** 3],
  // dimensionless
  [["count", "allocs/op", "n"], "count", 1],
  [["%", "percent"], "percent", 1],
  [["ratio", "x", "×"], "ratio", 1],
];

const EXACT = new Map<string, UnitEntry>();
const FOLDED = new Map<string, UnitEntry>();
/** Lower-cased spellings shared by two different units ("b/s" and "B/s"): exact only. */
const AMBIGUOUS = new Set<string>();
for (const [spellings, quantity, factor] of TABLE) {
  for (const spelling of spellings) {
    if (EXACT.has(spelling)) throw new Error(`units: '${spelling}' listed twice`);
    EXACT.set(spelling, { quantity, factor });
    const folded = spelling.toLowerCase();
    const other = FOLDED.get(folded);
    if (other && (other.quantity !== quantity || other.factor !== factor)) AMBIGUOUS.add(folded);
    else FOLDED.set(folded, { quantity, factor });
  }
}

function lookup(unit: string): UnitEntry | undefined {
  const trimmed = unit.trim();
  const exact = EXACT.get(trimmed);
  if (exact) return exact;
  const folded = trimmed.toLowerCase();
  return AMBIGUOUS.has(folded) ? undefined : FOLDED.get(folded);
}

/** The quantity a unit measures, or undefined for a custom unit. */
export function quantityOf(unit: string): Quantity | undefined {
  return lookup(unit)?.quantity;
}

/** The canonical spelling for `unit`'s quantity, or the unit itself when it is custom. */
export function canonicalUnit(unit: string): string {
  const entry = lookup(unit);
  return entry ? CANONICAL_UNIT[entry.quantity] : unit;
}

/** `value` in `unit` → the same amount in the canonical unit (custom units unchanged). */
export function toCanonical(value: number, unit: string): { value: number; unit: string } {
  const entry = lookup(unit);
  if (!entry) return { value, unit };
  return { value: value * entry.factor, unit: CANONICAL_UNIT[entry.quantity] };
}

/**
 * A quantity written as text, e.g. "1 Gbit/s", "250ms", "512 MiB", "5%", or a bare
 * number (returned as is, unit ""). Undefined when the text is not a number with a unit.
 */
export function parseQuantity(text: string): { value: number; unit: string } | undefined {
  const match = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? "";
  if (!Number.isFinite(value)) return undefined;
  if (unit === "") return { value, unit: "" };
  if (!lookup(unit)) return undefined;
  return toCanonical(value, unit);
}

/** Display scales per canonical unit, smallest first: [suffix, size in canonical units]. */
const SCALES: Record<string, [string, number][]> = {
  s: [
    ["ns", 1e-9],
    ["µs", 1e-6],
    ["ms", 1e-3],
    ["s", 1],
    ["min", 60],
    ["h", 3600],
  ],
  "Gbit/s": [
    ["bit/s", 1e-9],
    ["kbit/s", 1e-6],
    ["Mbit/s", 1e-3],
    ["Gbit/s", 1],
    ["Tbit/s", 1e3],
  ],
  // Sizes read best in binary units: memory is allocated in pages and MiB.
  B: [
    ["B", 1],
    ["KiB", KIBI],
    ["MiB", KIBI ** 2],
    ["GiB", KIBI ** 3],
    ["TiB", KIBI ** 4],
  ],
  "ops/s": [
    ["ops/s", 1],
    ["kops/s", 1e3],
    ["Mops/s", 1e6],
    ["Gops/s", 1e9],
  ],
  count: [
    ["", 1],
    ["k", 1e3],
    ["M", 1e6],
    ["G", 1e9],
  ],
};

/** Three significant digits, never in exponent notation for the magnitudes shown here. */
function threeDigits(value: number): string {
  // 1023 B stays "1023 B": whole numbers are never rounded away (binary scales step at 1024).
  if (Math.abs(value) >= 100) return value.toFixed(0);
  const x = roundSignificant(value);
  const abs = Math.abs(x);
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  if (abs >= 1) return x.toFixed(2);
  return Number(x.toPrecision(3)).toString();
}

/** Rounds to three significant digits (999.96 → 1000, which moves it up a scale). */
function roundSignificant(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(3));
}

/**
 * A value in canonical `unit` as a person reads it: "1.23 ms", "9.41 Gbit/s", "512 MiB".
 * Picks the largest scale the value reaches; custom units are printed as given.
 */
export function formatValue(value: number, unit: string): string {
  const joined = (number: string, suffix: string) => (suffix ? `${number} ${suffix}` : number);
  if (!Number.isFinite(value)) return joined(String(value), unit === "count" ? "" : unit);
  if (unit === "%") return `${threeDigits(value)} %`;
  if (unit === "ratio") return `${threeDigits(value)}×`;
  const scales = SCALES[unit];
  if (!scales) return joined(threeDigits(value), unit);
  if (value === 0) return joined("0", unit === "count" ? "" : unit);
  // The largest scale the value reaches, then one up if rounding carries it over the next
  // boundary (999.96 µs is shown as 1.00 ms, not 1000 µs).
  const abs = Math.abs(value);
  let index = 0;
  scales.forEach(([, size], i) => {
    if (abs >= size * (1 - 1e-12)) index = i;
  });
  const next = scales[index + 1];
  const current = scales[index] as [string, number];
  if (next && roundSignificant(abs / current[1]) >= (next[1] / current[1]) * (1 - 1e-9)) index += 1;
  const chosen = scales[index] as [string, number];
  return joined(threeDigits(value / chosen[1]), chosen[0]);
}
