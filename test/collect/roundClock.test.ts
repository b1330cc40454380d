import { describe, expect, it } from "vitest";
import { startRoundClock } from "../../src/collect/roundClock.js";
import { collectionText } from "../../src/report/headline.js";

/** A clock that reads the times given, in milliseconds. */
function ticks(...ms: number[]): () => number {
  let i = 0;
  return () => ms[Math.min(i++, ms.length - 1)] as number;
}

describe("the round clock", () => {
  it("turns round starts into the seconds of each round; a round started twice (per file) is one", () => {
    // start 0; build 1.5 s; rounds start at 1500, 3500 (again later: a second file, no tick), 6000; end 9000.
    const clock = startRoundClock(ticks(0, 1500, 3500, 6000, 9000));
    clock.built(1.5);
    clock.roundStarts(1);
    clock.roundStarts(2);
    clock.roundStarts(2);
    clock.roundStarts(3);
    expect(clock.stop()).toEqual({ seconds: 9, roundSeconds: [2, 2.5, 3], buildSeconds: 1.5 });
  });

  it("no round started: the whole time, no rounds", () => {
    expect(startRoundClock(ticks(0, 250)).stop()).toEqual({ seconds: 0.25, roundSeconds: [] });
  });
});

describe("the report's line on what collecting cost", () => {
  it.each([
    [
      { seconds: 65.2, roundSeconds: [12.1, 12.4, 13, 12.2, 12.3], buildSeconds: 3.14 },
      "collected in 65 s: 5 rounds of 12 s (12 s–13 s), build 3.1 s",
    ],
    [
      { seconds: 4.4, roundSeconds: [0.8, 1.2, 2.1] },
      "collected in 4.4 s: 3 rounds of 1.2 s (0.8 s–2.1 s)",
    ],
    [{ seconds: 0.3, roundSeconds: [0.3] }, "collected in 0.3 s: 1 round of 0.3 s"],
    [{ seconds: 20.5, roundSeconds: [10.1, 10.2] }, "collected in 21 s: 2 rounds of 10 s"],
    [{ seconds: 0.05, roundSeconds: [] }, "collected in 0.1 s"],
  ])("%j → %s", (collection, text) => {
    expect(collectionText(collection)).toBe(text);
  });
});
