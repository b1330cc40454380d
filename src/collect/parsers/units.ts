/**
 * The parsers' view of units: conversion is the model's (src/model/units.ts, one table for
 * all of perfgate); this file adds what a parser needs on top: the scale factor alone (JMH
 * builds "ops/ms" and "us/op" from a time unit) and a direction when a format does not say.
 */

import type { Direction } from "../../model/types.js";
import { NATURAL_DIRECTION, quantityOf, toCanonical } from "../../model/units.js";

export { toCanonical };

/**
 * The unit of a plain number, for a format whose unit is empty (github-action-benchmark
 * allows `"unit": ""`): perfgate's count, printed without a suffix.
 */
export const UNITLESS = "count";

/** A unit's canonical form and the factor that converts a value into it; undefined for
 *  a custom unit. */
export function canonicalScale(unit: string): { unit: string; factor: number } | undefined {
  if (!quantityOf(unit)) return undefined;
  const one = toCanonical(1, unit);
  return { unit: one.unit, factor: one.value };
}

/**
 * Direction for a unit when the format does not say: the quantity's natural direction
 * (times and sizes lower, rates higher); for custom units and counts, anything per second
 * is taken as a rate (higher), everything else lower (go's custom metrics are mostly
 * costs per operation).
 */
export function directionOfUnit(unit: string): Direction {
  const quantity = quantityOf(unit);
  const natural = quantity ? NATURAL_DIRECTION[quantity] : undefined;
  if (natural) return natural;
  return /\/(s|sec|second)$/i.test(unit.trim()) ? "higher" : "lower";
}
