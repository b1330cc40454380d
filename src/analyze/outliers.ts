/**
 * Which baseline runs are "the odd outlier run" (a runner that was 40 % slow once) and
 * should not widen the noise learned from the history.
 *
 * Rule: the modified z-score M = 0.6745·(x − median) / MAD, outlier when |M| > 3.5
 * (Iglewicz & Hoaglin 1993, "How to Detect and Handle Outliers", ASQC vol. 16, p. 11;
 * 0.6745 = Φ⁻¹(0.75) makes MAD a consistent σ estimate under normality). When MAD is 0
 * (over half the runs equal) the mean absolute deviation takes its place with the factor
 * 1.253314 = √(π/2) (same source). The median and MAD are unmoved by a few wild runs,
 * unlike the mean and SD the t interval is then computed from.
 */
import { mean, median } from "./summary.js";

/** |M| above this is an outlier (Iglewicz & Hoaglin's recommendation). */
export const OUTLIER_Z = 3.5;
/** Never call more than this share of the history "odd": past it the noise is simply
 *  heavy-tailed and must be learned as it is, not trimmed away. */
export const MAX_OUTLIER_SHARE = 0.2;

const MAD_TO_SIGMA = 0.6745;
const MEAN_AD_TO_SIGMA = 1.253314;

/** Indices of the values to set aside, most extreme first; keeps at least `keepAtLeast`. */
export function outlierIndices(values: readonly number[], keepAtLeast: number): number[] {
  const n = values.length;
  const budget = Math.min(Math.floor(n * MAX_OUTLIER_SHARE), n - keepAtLeast);
  if (budget <= 0) return [];
  const centre = median(values);
  const deviations = values.map((v) => Math.abs(v - centre));
  const madValue = median(deviations);
  let scores: number[];
  if (madValue > 0) scores = deviations.map((d) => (MAD_TO_SIGMA * d) / madValue);
  else {
    const meanAd = mean(deviations);
    if (!(meanAd > 0)) return [];
    scores = deviations.map((d) => d / (MEAN_AD_TO_SIGMA * meanAd));
  }
  return scores
    .map((score, index) => ({ score, index }))
    .filter(({ score }) => score > OUTLIER_Z)
    .sort((a, b) => b.score - a.score)
    .slice(0, budget)
    .map(({ index }) => index);
}
