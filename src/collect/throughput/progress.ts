/**
 * What a person sees while the suite runs, on stderr (stdout may carry the results JSON):
 * on a terminal one line rewritten in place; in GitHub Actions one log group per round
 * with a one-line summary; elsewhere (a pipe, a file) nothing.
 */
import type { ProgressEvent } from "./options.js";

export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

/** The headline figures of a round: "tcp 23.4 Gbit/s · tls 2.41 Gbit/s · tcp p50 41.2 µs". */
export function roundSummary(event: Extract<ProgressEvent, { kind: "round-end" }>): string {
  const find = (benchmark: string, metric: string) =>
    event.outcome.observations.find((o) => o.benchmark === benchmark && o.metric === metric)?.value;
  const parts: string[] = [];
  for (const transport of ["tcp", "tls"]) {
    const rate = find(`${transport}/throughput`, "throughput");
    if (rate !== undefined) parts.push(`${transport} ${rate.toPrecision(3)} Gbit/s`);
  }
  const p50 = find("tcp/latency", "p50");
  if (p50 !== undefined) parts.push(`tcp p50 ${(p50 * 1e6).toPrecision(3)} µs`);
  return parts.join(" · ");
}

export function progressReporter(
  sink: ProgressSink,
  env: Record<string, string | undefined>,
): ((event: ProgressEvent) => void) | undefined {
  if (env.GITHUB_ACTIONS === "true") {
    return (event) => {
      const label = `round ${event.round}/${event.rounds}`;
      if (event.kind === "round-start") sink.write(`::group::perfgate throughput ${label}\n`);
      if (event.kind === "step") sink.write(`${event.step}\n`);
      if (event.kind === "round-end")
        sink.write(`${label}: ${roundSummary(event)}\n::endgroup::\n`);
    };
  }
  if (!sink.isTTY) return undefined;
  return (event) => {
    const label = `perfgate throughput: round ${event.round}/${event.rounds}`;
    if (event.kind === "step") sink.write(`\r\x1b[K${label}: ${event.step}…`);
    if (event.kind === "round-end") sink.write(`\r\x1b[K${label}: ${roundSummary(event)}\n`);
  };
}
