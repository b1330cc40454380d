/**
 * "Did you mean" for a mistyped name, as git does for commands: the known names within a
 * small edit distance of what was typed, closest first.
 */

/**
 * Most edits a suggestion may need: two catches a dropped, doubled or swapped letter
 * (`compre`, `comapre`) without offering `db` for `ab`-sized typos of unrelated words.
 */
export const MAX_SUGGESTION_EDITS = 2;

/** Optimal string alignment distance: Levenshtein plus swapping two neighbours as one edit. */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number) => d[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  return at(a.length, b.length);
}

/**
 * The known names close to `typed`: within MAX_SUGGESTION_EDITS, and fewer edits than the
 * shorter of the two has letters (so a two-letter typo does not match every short name).
 * A name that `typed` starts (`comp` for `compare`) counts as close too.
 */
export function suggestions(typed: string, known: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  return known
    .map((name) => ({
      name,
      edits: lower.length >= 3 && name.startsWith(lower) ? 0 : editDistance(lower, name),
    }))
    .filter(
      ({ name, edits }) =>
        edits <= MAX_SUGGESTION_EDITS && edits < Math.min(name.length, lower.length),
    )
    .sort((x, y) => x.edits - y.edits || x.name.localeCompare(y.name))
    .map(({ name }) => name);
}
