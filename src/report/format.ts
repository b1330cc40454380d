/**
 * Numbers for people: values with their unit, relative changes as percentages, intervals.
 * Shared by every renderer so the comment, the summary and the terminal agree.
 *
 * `formatValue` is the one place that knows about units. It is a stand-in until
 * src/model/units.ts lands with the model's own formatter; then it becomes a re-export.
 */

/** Significant digits shown for a value: enough to compare, few enough to scan. */
const VALUE_DIGITS = 3;

/** Decimal places shown for percentages: 12.3 %. */
const PERCENT_DECIMALS = 1;

/** Scales for the canonical units the results model uses, smallest first. */
const SCALES: Record<string, Array<[factor: number, unit: string]>> = {
  s: [
    [1e-9, "ns"],
    [1e-6, "µs"],
    [1e-3, "ms"],
    [1, "s"],
  ],
  "bit/s": [
    [1, "bit/s"],
    [1e3, "kbit/s"],
    [1e6, "Mbit/s"],
    [1e9, "Gbit/s"],
  ],
  B: [
    [1, "B"],
    [1024, "KiB"],
    [1024 ** 2, "MiB"],
    [1024 ** 3, "GiB"],
  ],
};

/** A plain number: 3 significant digits, whole numbers from 1,000 up, grouped by commas. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs === 0) return "0";
  // toPrecision keeps trailing zeros ("1.50"); Number() drops them. Tiny values would
  // come back as 1e-7 from Number(), so those keep toPrecision's exponent form.
  if (abs < 1e-3) return value.toPrecision(VALUE_DIGITS);
  return String(Number(value.toPrecision(VALUE_DIGITS)));
}

/** The scale (factor and unit name) a value reads best in: the largest not above it. */
export function displayScale(value: number, unit: string): { factor: number; unit: string } {
  const scales = SCALES[unit];
  if (!scales || !Number.isFinite(value)) return { factor: 1, unit };
  const abs = Math.abs(value);
  let chosen = scales[0] as [number, string];
  for (const scale of scales) if (abs >= scale[0]) chosen = scale;
  return { factor: chosen[0], unit: chosen[1] };
}

/** A value with its unit, scaled for reading: 0.00123 s → "1.23 ms". */
export function formatValue(value: number, unit: string): string {
  const scale = displayScale(value, unit);
  const number = formatNumber(value / scale.factor);
  return scale.unit ? `${number} ${scale.unit}` : number;
}

/** A relative change as a signed percentage: 0.123 → "+12.3%". */
export function formatPercent(relative: number): string {
  if (!Number.isFinite(relative)) return String(relative);
  const percent = relative * 100;
  const text = Math.abs(percent).toFixed(PERCENT_DECIMALS);
  // -0.04 % rounds to "0.0": show it without a sign rather than as "-0.0%".
  if (Number(text) === 0) return `${text}%`;
  return `${percent < 0 ? "-" : "+"}${text}%`;
}

/** A change with its interval: "+12.3% [+8.1%, +16.4%]". */
export function formatChange(change: { estimate: number; low: number; high: number }): string {
  return `${formatPercent(change.estimate)} [${formatPercent(change.low)}, ${formatPercent(change.high)}]`;
}

/** A confidence level as people write it: 0.95 → "95%". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}

/** An unsigned relative size: 0.06 → "6.0%" (thresholds, smallest detectable change). */
export function formatSize(relative: number): string {
  return `${(relative * 100).toFixed(PERCENT_DECIMALS)}%`;
}
