/** Loss and RFC 3550 jitter from probe send and reply times. */
import { describe, expect, it } from "vitest";
import { ProbeLedger } from "../../src/monitor/probeLedger.js";

describe("ProbeLedger", () => {
  it("counts unanswered probes as lost when settled, and ignores duplicates and strangers", () => {
    const ledger = new ProbeLedger();
    for (let seq = 0; seq < 10; seq++) ledger.sent(seq, seq * 10);
    for (const seq of [0, 1, 2, 4, 5, 7, 8]) ledger.received(seq, seq * 10 + 1);
    ledger.received(1, 50); // duplicate
    ledger.received(99, 60); // never sent
    const batch = ledger.settle(1000);
    expect(batch).toMatchObject({ sent: 10, lost: 3 });
    expect(batch.rttsMs).toEqual([1, 1, 1, 1, 1, 1, 1]);
    ledger.received(3, 2000); // too late: already counted lost
    expect(ledger.settle(3000)).toMatchObject({ sent: 0, lost: 0 });
  });

  it("keeps probes sent after the settle point in flight", () => {
    const ledger = new ProbeLedger();
    ledger.sent(0, 0);
    ledger.sent(1, 100);
    expect(ledger.settle(50)).toMatchObject({ sent: 1, lost: 1 });
    ledger.received(1, 102);
    expect(ledger.settle(200)).toMatchObject({ sent: 1, lost: 0, rttsMs: [2] });
  });

  it("computes RFC 3550 interarrival jitter, J += (|D| − J)/16", () => {
    const ledger = new ProbeLedger();
    // transits 10, 14, 12, 12 ms: |D| = 4, 2, 0
    const transits = [10, 14, 12, 12];
    transits.forEach((t, i) => {
      ledger.sent(i, i * 100);
      ledger.received(i, i * 100 + t);
    });
    // by hand: 4/16 = 0.25; 0.25 + (2 − 0.25)/16 = 0.359375; 0.359375 − 0.359375/16
    expect(ledger.jitterMs()).toBeCloseTo(0.3369140625, 12);
  });

  it("has no jitter before two replies, and says when any reply came", () => {
    const ledger = new ProbeLedger();
    expect(ledger.anyReply).toBe(false);
    ledger.sent(0, 0);
    ledger.received(0, 5);
    expect(ledger.anyReply).toBe(true);
    expect(ledger.jitterMs()).toBeUndefined();
  });
});
