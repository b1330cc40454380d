/**
 * Ending the process without losing output. `process.exit` ends at once, and on a pipe
 * Node hands stdout to the kernel only as fast as the reader takes it: whatever did not
 * fit in the pipe's buffer (64 KiB on Linux) is still queued and is thrown away. So an
 * entry point waits until both streams have flushed what was written to them, then exits.
 * (Letting the process end on its own would flush too, but a pending HTTP retry, timer or
 * child can keep it alive after the work is done.)
 */

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) {
      resolve();
      return;
    }
    // Writes complete in order, so the callback of an empty write comes after every earlier
    // write has. It is called with an error, not left pending, if the reader has gone.
    stream.write("", () => resolve());
  });
}

/** Ends the process with `code` once stdout and stderr have flushed. */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/**
 * A reader that stops early (`perfgate … | head`) closes the pipe: later writes fail with
 * EPIPE. That is the reader's choice, not a perfgate failure, so it ends nothing and prints
 * nothing; any other stream error still surfaces.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}
