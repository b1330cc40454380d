/**
 * Bad input from the user: a file that is not what it should be, a flag that makes no
 * sense. The CLI prints `perfgate: <message>` on one line and exits 2; no stack trace.
 *
 * `file` names the file at fault and `where` the place inside it (a JSON path such as
 * `$.benchmarks[3].metrics.time.samples[0]`, or `line 12`).
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly where?: string,
  ) {
    super([file, where, message].filter(Boolean).join(": "));
    this.name = "InputError";
  }
}

/** A flag or argument the command does not accept (also exit 2). */
export class UsageError extends Error {
  override name = "UsageError";
}
