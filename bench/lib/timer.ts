/** Wall-clock timing for benchmarks of perfgate itself (never inside src/: analysis has no clock). */
export function startTimer(): () => number {
  const t0 = process.hrtime.bigint();
  /** Elapsed milliseconds since the timer started. */
  return () => Number(process.hrtime.bigint() - t0) / 1e6;
}
