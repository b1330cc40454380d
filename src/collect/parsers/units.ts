/**
 * Canonical units for what the parsers read, until src/model/units.ts (`toCanonical`) lands;
 * then this file should defer to it. Times are stored in seconds, data rates in Gbit/s
 * (decimal, as network people quote them), event rates in ops/s and sizes in bytes.
 * Units this table does not know are kept as the tool spelled them.
 */
import type { Direction } from "../../model/types.js";

interface Scale {
  unit: string;
  factor: number;
}

const SECOND: Record<string, number> = {
  ps: 1e-12,
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6, // micro sign U+00B5
  μs: 1e-6, // Greek mu U+03BC
  ms: 1e-3,
  s: 1,
  sec: 1,
  min: 60,
  h: 3600,
};

const BYTE: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

const BIT: Record<string, number> = {
  bit: 1,
  bits: 1,
  kbit: 1e3,
  mbit: 1e6,
  gbit: 1e9,
  tbit: 1e12,
  kibit: 1024,
  mibit: 1024 ** 2,
  gibit: 1024 ** 3,
};

const BPS: Record<string, number> = { bps: 1, kbps: 1e3, mbps: 1e6, gbps: 1e9, tbps: 1e12 };

const PER_SECOND = ["/s", "/sec", "/second", "ps"];
const OPS = new Set(["op", "ops", "operation", "operations", "hz", "iter", "iters", "it"]);

/** A unit's canonical form and the factor that converts a value into it. */
export function canonicalScale(unit: string): Scale | undefined {
  // "ns/op", "ns/iter", "B/op": the quantity per operation, stored in the quantity's unit
  // (the metric's name says it is per operation).
  const perOp = /^(.+)\/(op|iter)$/.exec(unit.trim());
  if (perOp) {
    const inner = canonicalScale(perOp[1] as string);
    return inner && (inner.unit === "s" || inner.unit === "B") ? inner : undefined;
  }
  const u = unit.trim();
  const low = u.toLowerCase();
  const time = SECOND[u] ?? SECOND[low];
  if (time !== undefined) return { unit: "s", factor: time };
  if (low in BYTE) return { unit: "B", factor: BYTE[low] as number };
  if (low in BPS) return { unit: "Gbit/s", factor: (BPS[low] as number) / 1e9 };
  if (low === "hz" || low === "ops/s" || low === "ops/sec" || low === "op/s") {
    return { unit: "ops/s", factor: 1 };
  }
  for (const suffix of PER_SECOND) {
    if (!low.endsWith(suffix) || suffix === "ps") continue;
    const base = low.slice(0, -suffix.length);
    if (base in BYTE) return { unit: "Gbit/s", factor: ((BYTE[base] as number) * 8) / 1e9 };
    if (base in BIT) return { unit: "Gbit/s", factor: (BIT[base] as number) / 1e9 };
    if (OPS.has(base)) return { unit: "ops/s", factor: 1 };
  }
  return undefined;
}

/** Converts `value` in `unit` to the canonical unit; unknown units pass through unchanged. */
export function toCanonical(value: number, unit: string): { value: number; unit: string } {
  const scale = canonicalScale(unit);
  return scale ? { value: value * scale.factor, unit: scale.unit } : { value, unit };
}

/**
 * Direction for a unit when the format does not say: rates (anything per second) are
 * better higher; times, sizes, counts per operation and everything else lower.
 */
export function directionOfUnit(unit: string): Direction {
  const low = unit.trim().toLowerCase();
  if (low in BPS || low === "hz") return "higher";
  return PER_SECOND.some((s) => s !== "ps" && low.endsWith(s)) ? "higher" : "lower";
}
