/**
 * One monitor interval against a `perfgate serve`: connection checks, echo round trips,
 * a UDP probe batch, then the throughput burst (last, so its queues do not inflate the
 * round trips). Failures are counted, not thrown: a dead path is a measurement too.
 */
import { burst } from "./burst.js";
import { connectCheck } from "./connectCheck.js";
import type { Target } from "./dial.js";
import { EchoLink } from "./echo.js";
import { type FailureCounts, failureKind } from "./failure.js";
import type { IntervalPlan } from "./plan.js";
import { UdpProber } from "./udpProber.js";
import type { IntervalRaw } from "./window.js";

export interface PathTargets {
  tcp: Target;
  udp: Target;
}

export class PathSampler {
  private readonly echo: EchoLink;
  private prober: UdpProber | undefined;
  private udpError: string | undefined;

  constructor(
    private readonly targets: PathTargets,
    private readonly plan: IntervalPlan,
  ) {
    this.echo = new EchoLink(targets.tcp);
  }

  async sample(): Promise<IntervalRaw> {
    const { plan, targets } = this;
    const errors: string[] = [];
    const failures: FailureCounts = {};
    let attempts = 0;
    let successes = 0;
    const where = `${targets.tcp.host}:${targets.tcp.port}`;
    const failed = (what: string, error: unknown) => {
      errors.push(`${what} ${where}: ${(error as Error).message}`);
      const kind = failureKind(error);
      failures[kind] = (failures[kind] ?? 0) + 1;
    };

    for (let i = 0; i < plan.connectChecks; i++) {
      attempts += 1;
      try {
        await connectCheck(targets.tcp, plan.timeoutMs);
        successes += 1;
      } catch (error) {
        failed("cannot connect to", error);
      }
    }

    let rttsMs: number[] = [];
    const opening = this.echo.needsConnection;
    if (opening) attempts += 1;
    try {
      rttsMs = await this.echo.roundTrips(plan.roundTrips, plan.timeoutMs);
      if (opening) successes += 1;
    } catch (error) {
      failed("echo to", error);
    }

    let probesSent = 0;
    let probesLost = 0;
    if (!this.prober && !this.udpError) {
      // Probe the address TCP reached: "localhost" may resolve to ::1 and 127.0.0.1, and
      // a serve listens on one of them.
      const reached = targets.udp.host === targets.tcp.host ? this.echo.remoteAddress : undefined;
      this.prober = await UdpProber.open({
        ...targets.udp,
        host: reached ?? targets.udp.host,
      }).catch((error: Error) => {
        this.udpError = `cannot probe UDP ${targets.udp.host}:${targets.udp.port}: ${error.message}`;
        return undefined;
      });
    }
    if (this.udpError) errors.push(this.udpError);
    if (this.prober) {
      const batch = await this.prober.batch(plan.probes, plan.probeSpacingMs, plan.probeGraceMs);
      probesSent = batch.sent;
      probesLost = batch.lost;
    }

    let throughputGbps: number | undefined;
    attempts += 1;
    try {
      const outcome = await burst(targets.tcp, {
        durationMs: plan.burstMs,
        maxBytes: plan.burstBytes,
        timeoutMs: plan.burstMs + plan.timeoutMs,
      });
      throughputGbps = outcome.gbps;
      successes += 1;
    } catch (error) {
      failed("burst to", error);
    }

    return {
      throughputGbps,
      rttsMs,
      probesSent,
      probesLost,
      jitterMs: this.prober?.ledger.jitterMs(),
      udpAnswered: this.prober?.ledger.anyReply ?? false,
      attempts,
      successes,
      errors,
      failures,
    };
  }

  close(): void {
    this.echo.close();
    this.prober?.close();
  }
}
