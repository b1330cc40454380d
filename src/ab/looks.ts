/**
 * When to look at the pairs, and at what level, so that stopping on a good-looking result
 * does not inflate false alarms.
 *
 * Looking after every pair and stopping at the first significant result raises the false
 * alarm rate far above α (Armitage, McPherson & Rowe 1969: 5 looks at nominal 5 % give
 * about 14 %). Group sequential designs fix it by looking a few times at a stricter level:
 * Pocock (1977) uses one constant level per look, O'Brien & Fleming (1979) a level that
 * loosens as data accrues. We use the simplest valid member of the family, a Bonferroni
 * split of every level over the K looks (α/K per look; Jennison & Turnbull 2000, "Group
 * Sequential Methods with Applications to Clinical Trials", §2.3 and §7): by the union
 * bound the chance of any false alarm over all looks is at most α, whatever the dependence
 * between looks. For K = 4 it tests at 1.25 % where Pocock's exact constant is 1.82 %, a
 * small price for holding with the rank test, ties and discrete levels we actually use.
 *
 *   pairs →   6         10          15          20
 *   look      1          2           3           4     each at α/4, criticalAlpha/4,
 *             └ stop if every interval is clear ┘      intervals at 1 − (1 − level)/4
 */
import type { Config, Rule } from "../model/config.js";
import type { Thresholds } from "../model/defaults.js";

/** Pair counts at which to look: the first at `minPairs`, the last at `maxPairs`, the rest
 *  spaced evenly between (whole pairs, no repeats). */
export function lookSchedule(minPairs: number, maxPairs: number, looks: number): number[] {
  const first = Math.max(1, Math.min(minPairs, maxPairs));
  const last = Math.max(first, maxPairs);
  const k = Math.max(1, Math.floor(looks));
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const at = k === 1 ? last : first + Math.floor((i * (last - first)) / (k - 1));
    if (out.at(-1) !== at) out.push(at);
  }
  return out;
}

/** The levels one look tests at, given how many looks the design has. */
export function levelsAtLook(t: Partial<Thresholds>, looks: number): Partial<Thresholds> {
  const k = Math.max(1, looks);
  const out: Partial<Thresholds> = { ...t };
  if (t.alpha !== undefined) out.alpha = t.alpha / k;
  if (t.criticalAlpha !== undefined) out.criticalAlpha = t.criticalAlpha / k;
  if (t.confidence !== undefined) out.confidence = 1 - (1 - t.confidence) / k;
  return out;
}

/** The config with every level (global and per rule) split over the looks. */
export function configAtLooks(config: Config, looks: number, defaults: Thresholds): Config {
  const rules: Rule[] | undefined = config.rules?.map((rule) =>
    rule.thresholds ? { ...rule, thresholds: levelsAtLook(rule.thresholds, looks) } : rule,
  );
  return {
    ...config,
    thresholds: levelsAtLook({ ...defaults, ...config.thresholds }, looks),
    ...(rules ? { rules } : {}),
  };
}
