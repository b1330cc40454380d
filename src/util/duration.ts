/**
 * The one duration parser of perfgate's flags: "500ms", "90s", "2.5m", "1h30m", or a bare
 * number of seconds ("45", "0") → milliseconds. Surrounding blanks are ignored; undefined on
 * junk. Zero is a duration here: a flag that needs a positive one says so itself.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return finite(Number(trimmed) * 1000);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) return undefined;
  return finite(
    parts.reduce((ms, p) => ms + Number(p[1]) * (UNIT_MS[p[2] as string] as number), 0),
  );
}

function finite(ms: number): number | undefined {
  return Number.isFinite(ms) ? ms : undefined;
}
