/**
 * Health of a network path from one interval's figures and the user's expectations.
 * Pure: figures in, a grade and the reasons out. Each rule compares one figure with a line
 * derived from the expectations; the worst rule wins.
 *
 *   throughput ──┬── < 50 % of expected ── Critical
 *                ├── < 80 % of expected ── Degraded
 *   p99 RTT  ────┼── > 2 × max latency ─── Critical
 *                ├── > max latency ─────── Degraded
 *   UDP loss ────┼── > 5 % ─────────────── Critical
 *                ├── > 1 % ─────────────── Degraded
 *   conn. success┼── < 90 % ────────────── Critical
 *                └── < 99 % ────────────── Degraded
 *
 * A figure that could not be measured (NaN or undefined) is not judged: a dead path already
 * shows as failed connections, and a peer without a UDP responder should not read as 100 %
 * loss.
 */

export const HEALTH = ["Healthy", "Degraded", "Critical"] as const;
export type Health = (typeof HEALTH)[number];

/** Below this share of the expected throughput the path is Degraded: 20 % is well past
 *  the 10–50 % swings of shared runners only at their worst, so it flags a real shortfall
 *  without crying wolf on every noisy interval. */
export const DEGRADED_THROUGHPUT_FRACTION = 0.8;
/** Below half the expected throughput the path is Critical: a link negotiated down a tier
 *  or a saturated uplink, not noise. */
export const CRITICAL_THROUGHPUT_FRACTION = 0.5;
/** p99 round trip above the user's max latency is Degraded, above this multiple Critical. */
export const CRITICAL_LATENCY_FACTOR = 2;
/** UDP probe loss above 1 % hurts TCP throughput noticeably (Mathis et al. 1997: rate ∝
 *  1/√loss); above 5 % interactive traffic breaks down. */
export const DEGRADED_LOSS = 0.01;
export const CRITICAL_LOSS = 0.05;
/** Connection attempts that succeed: one failure in a hundred is already unusual on a
 *  healthy path; one in ten means users see errors. */
export const DEGRADED_SUCCESS = 0.99;
export const CRITICAL_SUCCESS = 0.9;

export interface Expectations {
  /** Gbit/s the path should carry. */
  expectedGbps: number;
  /** Milliseconds the p99 round trip should stay under. */
  maxLatencyMs: number;
}

export interface HealthFigures {
  throughputGbps?: number;
  p99Ms?: number;
  /** 0..1 */
  loss?: number;
  /** 0..1 */
  connectionSuccess?: number;
}

export interface HealthVerdict {
  health: Health;
  /** One short phrase per rule that fired, worst first. */
  reasons: string[];
}

const measured = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);
const pct = (x: number) => `${+(x * 100).toFixed(2)} %`;

export function worseHealth(a: Health, b: Health): Health {
  return HEALTH.indexOf(a) >= HEALTH.indexOf(b) ? a : b;
}

export function assessHealth(figures: HealthFigures, expected: Expectations): HealthVerdict {
  const fired: { health: Health; reason: string }[] = [];
  const rule = (health: Health, reason: string) => fired.push({ health, reason });

  const { throughputGbps: gbps, p99Ms, loss, connectionSuccess: success } = figures;
  if (measured(gbps) && expected.expectedGbps > 0) {
    const share = gbps / expected.expectedGbps;
    const said = `throughput ${+gbps.toFixed(3)} Gbit/s is ${pct(share)} of ${expected.expectedGbps}`;
    if (share < CRITICAL_THROUGHPUT_FRACTION)
      rule("Critical", `${said} (< ${pct(CRITICAL_THROUGHPUT_FRACTION)})`);
    else if (share < DEGRADED_THROUGHPUT_FRACTION)
      rule("Degraded", `${said} (< ${pct(DEGRADED_THROUGHPUT_FRACTION)})`);
  }
  if (measured(p99Ms)) {
    const max = expected.maxLatencyMs;
    const said = `p99 ${+p99Ms.toFixed(3)} ms`;
    if (p99Ms > CRITICAL_LATENCY_FACTOR * max)
      rule("Critical", `${said} > ${CRITICAL_LATENCY_FACTOR} × ${max} ms`);
    else if (p99Ms > max) rule("Degraded", `${said} > ${max} ms`);
  }
  if (measured(loss)) {
    if (loss > CRITICAL_LOSS) rule("Critical", `loss ${pct(loss)} > ${pct(CRITICAL_LOSS)}`);
    else if (loss > DEGRADED_LOSS) rule("Degraded", `loss ${pct(loss)} > ${pct(DEGRADED_LOSS)}`);
  }
  if (measured(success)) {
    const said = `connection success ${pct(success)}`;
    if (success < CRITICAL_SUCCESS) rule("Critical", `${said} < ${pct(CRITICAL_SUCCESS)}`);
    else if (success < DEGRADED_SUCCESS) rule("Degraded", `${said} < ${pct(DEGRADED_SUCCESS)}`);
  }

  fired.sort((a, b) => HEALTH.indexOf(b.health) - HEALTH.indexOf(a.health));
  return {
    health: fired.reduce<Health>((worst, f) => worseHealth(worst, f.health), "Healthy"),
    reasons: fired.map((f) => f.reason),
  };
}
