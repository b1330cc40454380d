/**
 * The README shows the example workflows of examples/workflows/ as they are in the files
 * (issue 21 §2): each copy follows a marker line naming its file,
 *
 *   <!-- example: examples/workflows/fork-pr.yml -->
 *   ```yaml
 *   …the file, byte for byte…
 *   ```
 *
 * GitHub cannot include a file in a README, so the copy is checked instead
 * (test/examples/workflows.test.ts) and rewritten by this script:
 *
 *   npx tsx scripts/readme-examples.ts          rewrites README.md's copies from the files
 *   npx tsx scripts/readme-examples.ts --check  exit 1 naming each copy that differs
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = /^<!-- example: (\S+) -->\n```yaml\n([\s\S]*?)```\n/gm;

export interface Embedded {
  /** The path the marker names, relative to the repository root. */
  file: string;
  /** The text of the README's copy. */
  shown: string;
}

/** Every marked copy in the README, in order. */
export function embeddedExamples(readme: string): Embedded[] {
  return [...readme.matchAll(MARKER)].map((m) => ({ file: m[1] as string, shown: m[2] as string }));
}

/** The README with each marked copy replaced by the text `read` gives for its file. */
export function withExamples(readme: string, read: (file: string) => string): string {
  return readme.replace(MARKER, (_all, file: string) => {
    const text = read(file);
    return `<!-- example: ${file} -->\n\`\`\`yaml\n${text.endsWith("\n") ? text : `${text}\n`}\`\`\`\n`;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const readmePath = join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const updated = withExamples(readme, (file) => readFileSync(join(root, file), "utf8"));
  if (process.argv.includes("--check")) {
    const stale = embeddedExamples(readme).filter(
      (e) => e.shown !== readFileSync(join(root, e.file), "utf8"),
    );
    for (const e of stale) console.error(`README.md: the copy of ${e.file} differs from the file`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else if (updated !== readme) {
    writeFileSync(readmePath, updated);
    console.log("README.md: examples rewritten from examples/workflows/");
  }
}
