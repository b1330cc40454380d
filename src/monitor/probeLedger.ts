/**
 * Book-keeping for UDP probes: which sequence numbers went out when, which came back, and
 * from that the loss and the jitter. Pure: every time is passed in (ms, one monotonic clock).
 *
 * Jitter is RFC 3550 §6.4.1's interarrival jitter, applied to round-trip transit times:
 * for consecutive replies i, j in arrival order, D = (Rj − Sj) − (Ri − Si) and
 * J ← J + (|D| − J) / 16. Both send and receive times are the client's own clock, so no
 * clock sync between the ends is needed; the figure therefore covers both directions.
 *
 * Memory is bounded by the probes in flight: a reply removes its entry and `settle` removes
 * the ones given up on.
 */

/** RFC 3550's gain: the estimator's noise reduction ratio. */
const JITTER_GAIN = 1 / 16;

export interface Settled {
  sent: number;
  lost: number;
}

export class ProbeLedger {
  private readonly inFlight = new Map<number, number>();
  private lastTransit: number | undefined;
  private jitter = 0;
  private replies = 0;
  private rtts: number[] = [];

  sent(seq: number, at: number): void {
    this.inFlight.set(seq, at);
  }

  /** A reply: unknown, duplicate or already-settled sequence numbers are ignored. */
  received(seq: number, at: number): void {
    const sentAt = this.inFlight.get(seq);
    if (sentAt === undefined) return;
    this.inFlight.delete(seq);
    const transit = at - sentAt;
    if (this.lastTransit !== undefined)
      this.jitter += (Math.abs(transit - this.lastTransit) - this.jitter) * JITTER_GAIN;
    this.lastTransit = transit;
    this.replies += 1;
    this.rtts.push(transit);
  }

  /** Give up on probes sent before `before`: counts this batch since the last settle. */
  settle(before: number): Settled & { rttsMs: number[] } {
    let lost = 0;
    for (const [seq, at] of this.inFlight) {
      if (at < before) {
        this.inFlight.delete(seq);
        lost += 1;
      }
    }
    const answered = this.rtts;
    this.rtts = [];
    return { sent: answered.length + lost, lost, rttsMs: answered };
  }

  /** Running jitter in ms; undefined until two replies have arrived. */
  jitterMs(): number | undefined {
    return this.replies >= 2 ? this.jitter : undefined;
  }

  /** Whether any reply ever came back (a peer without a UDP responder sends none). */
  get anyReply(): boolean {
    return this.replies > 0;
  }
}
