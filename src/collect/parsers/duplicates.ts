/**
 * Names a tool printed more than once in one file. In formats with one entry per benchmark
 * (hyperfine, tinybench) a repeated name is usually two different benchmarks that happen to
 * share a label (hyperfine names a benchmark after its command); perfgate still merges them
 * as rounds of one benchmark, and says so, naming them, so the user can tell them apart.
 */

/** "'a' (3 times), 'b' (2 times)": each name seen more than once, in first-seen order. */
function repeated(names: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const many = [...counts].filter(([, n]) => n > 1);
  if (many.length === 0) return undefined;
  return many.map(([name, n]) => `'${name}' (${n} times)`).join(", ");
}

/** The warning for `names` read from `source`, or undefined when every name is unique.
 *  `howToName` says how the tool gives a benchmark its own name. */
export function duplicateNamesWarning(
  names: readonly string[],
  source: string,
  howToName: string,
): string | undefined {
  const list = repeated(names);
  if (!list) return undefined;
  return `${source}: the same benchmark name appears more than once, merged as rounds of one benchmark: ${list}; if they are different benchmarks, ${howToName}`;
}
