/** "500ms", "1s", "1.5s", "2m", "1h", or a bare number of seconds → milliseconds. */
const FACTORS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * (FACTORS[match[2] ?? "s"] as number);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
