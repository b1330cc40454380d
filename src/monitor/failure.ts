/**
 * Why a connection to the serve failed, in the words a user acts on: "refused" (nothing
 * listens there: wrong port, or a serve on another address family), "timed out" (a
 * firewall or a black hole), "TLS error" (--tls against a plain port, or a TLS 1.2-only
 * peer). Pure: the sockets' errors are classified where they are caught.
 */

export const FAILURE_KINDS = [
  "refused",
  "timed out",
  "TLS error",
  "unreachable",
  "name not found",
  "reset",
  "not a perfgate serve",
  "other",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** An error from the monitor's network edge that knows its kind. */
export class PathError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

const BY_CODE: Record<string, FailureKind> = {
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ENOTFOUND: "name not found",
  EAI_AGAIN: "name not found",
  ECONNRESET: "reset",
  EPIPE: "reset",
};

/** The kind of a socket error (Node's `code`, or OpenSSL's reason for TLS failures). */
export function failureKind(error: unknown): FailureKind {
  if (error instanceof PathError) return error.kind;
  const e = error as NodeJS.ErrnoException & { library?: string };
  const code = e?.code ?? "";
  if (BY_CODE[code]) return BY_CODE[code];
  if (/^ERR_(SSL|TLS)_/.test(code) || e?.library === "SSL routines") return "TLS error";
  return "other";
}

/** A socket error as a PathError: its kind, and the code (or message) as the text. */
export function pathError(error: unknown): PathError {
  if (error instanceof PathError) return error;
  const e = error as NodeJS.ErrnoException;
  return new PathError(failureKind(error), e?.code ?? e?.message ?? String(error));
}

/** How many failures of each kind, in FAILURE_KINDS order (for a stable line). */
export type FailureCounts = Partial<Record<FailureKind, number>>;

export function describeFailures(counts: FailureCounts): string {
  return FAILURE_KINDS.filter((k) => (counts[k] ?? 0) > 0).join(", ");
}
