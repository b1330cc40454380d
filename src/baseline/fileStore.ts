/**
 * A history file on disk as a store: what `perfgate history import|export` reads and writes
 * when the source or target is `file:<path>`. Written compact (history v2) in one rename, so
 * a reader never sees half a file.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { parseHistory, serializeHistory } from "./history.js";
import type { BaselineStore, LoadResult, SaveResult, Update } from "./store.js";

export class FileStore implements BaselineStore {
  readonly description: string;

  constructor(private readonly path: string) {
    this.description = path;
  }

  async load(): Promise<LoadResult> {
    const source = this.path;
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none", source };
      return {
        kind: "unreadable",
        source,
        cause: { what: "unreachable", problem: (error as Error).message },
      };
    }
    const parsed = parseHistory(text, source);
    if ("problem" in parsed)
      return { kind: "unreadable", source, cause: { what: "corrupt", problem: parsed.problem } };
    return { kind: "found", history: parsed.history, source };
  }

  async save(update: Update): Promise<SaveResult> {
    const stored = await this.load();
    if (stored.kind === "unreadable")
      return { saved: false, reason: `${stored.source}: ${stored.cause.problem}; left as it is` };
    const next = update(stored.kind === "found" ? stored.history : undefined);
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, serializeHistory(next));
    await rename(temp, this.path);
    return { saved: true, where: this.path };
  }
}
