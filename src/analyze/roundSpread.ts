/**
 * How unsure the current run's own centre is. The history's between-run spread already
 * holds the usual uncertainty of a run's median; a current run whose rounds disagree far
 * more than the history's runs did (a slow mode hit some rounds; confirmation rounds that
 * did not repeat the first rounds' slowdown) has a centre less certain than that, and the
 * excess widens its interval:
 *
 *   v(run) = σ̂²·(π/2)/m   (large-sample variance of the median of m values; Kendall &
 *                          Stuart, "The Advanced Theory of Statistics", vol. 1, §10.10),
 *   σ̂ = 1.4826·MAD of the run's log rounds (robust σ);
 *   extra = max(0, v(current) − median over the history's runs of v(run)).
 *
 * Runs of fewer than 3 rounds show no spread. A single-value history (every run one number)
 * has one round's noise inside its between-run variance s² already: a value there is
 * run effect + one round's error, and the current centre is run effect + its median's error
 * (variance v(current)). Its excess is v(current) − Var(one round) ≥ v(current) − s², so
 * then the typical v is taken as s² (`oneValue`): a lower bound of the excess, 0 for a run
 * whose rounds agree, and large for one whose rounds split between two levels — the first
 * rounds in a slow mode and the confirmation rounds not (issue 23: 10 of 1,000 unchanged
 * single-value trials failed the build that way, the median of 5 slow and 5 normal rounds
 * landing half-way).
 */

import { MAD_TO_SIGMA } from "./normal.js";
import { median, medianInPlace } from "./summary.js";

const MIN_ROUNDS = 3;

/** Where one run's log rounds and their deviations are taken apart, reused from call to
 *  call: extraVariance reads every round of every baseline run (900,000 runs for 10,000
 *  benchmarks × 3 metrics × 30), and four short arrays per run were most of compare()'s
 *  garbage. Each call writes the part it reads first; nothing here calls back out. */
let logSpace = new Float64Array(64);

/** v(run) on the log scale, or undefined for runs of fewer than 3 positive rounds. */
export function medianVariance(rounds: readonly number[]): number | undefined {
  if (logSpace.length < rounds.length) logSpace = new Float64Array(2 * rounds.length);
  let n = 0;
  for (let i = 0; i < rounds.length; i++) {
    const v = rounds[i] as number;
    if (Number.isFinite(v) && v > 0) logSpace[n++] = Math.log(v);
  }
  if (n < MIN_ROUNDS) return undefined;
  // Selection reorders the space, which the deviations do not mind.
  const centre = medianInPlace(logSpace, n);
  for (let i = 0; i < n; i++) logSpace[i] = Math.abs((logSpace[i] as number) - centre);
  const sigma = MAD_TO_SIGMA * medianInPlace(logSpace, n);
  return (sigma * sigma * Math.PI) / (2 * n);
}

export function extraVariance(
  history: readonly (readonly number[] | undefined)[],
  current: readonly number[],
  oneValue: number,
): number {
  const now = medianVariance(current);
  if (now === undefined) return 0;
  const typical: number[] = [];
  for (const run of history) {
    const v = run ? medianVariance(run) : undefined;
    if (v !== undefined) typical.push(v);
  }
  return Math.max(0, now - (typical.length === 0 ? oneValue : median(typical)));
}
