/**
 * What perfgate keeps of a benchmark process's output for its error messages: the tail of
 * a stream (enough to hold the reason a tool prints last, bounded so a chatty process
 * cannot fill memory) and the last line of it, where tools put that reason.
 */
import type { Readable } from "node:stream";

/** Collects the last `maxChars` characters `stream` carries; call the result to read them.
 *  A child started without that stream piped has none (null): its tail stays empty. */
export function keepTail(stream: Readable | null, maxChars: number): () => string {
  let tail = "";
  stream?.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-maxChars);
  });
  return () => tail;
}

/** The last non-empty line of a process's output, trimmed; undefined when there is none. */
export function lastLine(text: string): string | undefined {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
}
