/**
 * The GitHub client's fetch: retries, waits and deadlines, against a scripted inner fetch
 * (the network is the edge this unit talks to; the end-to-end tests use a real server).
 */
import { describe, expect, it } from "vitest";
import { askedWaitMs, patientFetch } from "../../src/util/octokit.js";

type Step = number | "stall" | "refuse" | { status: number; headers: Record<string, string> };

/** An inner fetch that answers each attempt as `script` says, and records the attempts. */
function scripted(script: Step[]) {
  const attempts: number[] = [];
  const inner = (async (_url: unknown, init: RequestInit = {}) => {
    attempts.push(Date.now());
    const step = script[Math.min(attempts.length - 1, script.length - 1)] as Step;
    if (step === "refuse") throw new TypeError("fetch failed: connect ECONNREFUSED");
    if (step === "stall") {
      return new Promise<Response>((_, reject) =>
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    }
    const { status, headers } = typeof step === "number" ? { status: step, headers: {} } : step;
    return new Response(status === 204 ? null : "{}", { status, headers });
  }) as typeof fetch;
  return { inner, attempts };
}

const URL_ = "http://127.0.0.1:1/repos/o/r/issues/2/comments";

describe("patientFetch", () => {
  it("500 three times then 201: four attempts, the answer is the 201", async () => {
    const { inner, attempts } = scripted([500, 500, 500, 201]);
    const f = patientFetch(inner, { token: "", baseUrl: "", retryBaseMs: 5 });
    expect((await f(URL_, { method: "POST" })).status).toBe(201);
    expect(attempts).toHaveLength(4);
  });

  it("stops after the retries it may make and hands back the last answer", async () => {
    const { inner, attempts } = scripted([503]);
    const f = patientFetch(inner, { token: "", baseUrl: "", retries: 2, retryBaseMs: 1 });
    expect((await f(URL_)).status).toBe(503);
    expect(attempts).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 422])("does not retry a %i", async (status) => {
    const { inner, attempts } = scripted([status, 200]);
    const f = patientFetch(inner, { token: "", baseUrl: "", retryBaseMs: 1 });
    expect((await f(URL_)).status).toBe(status);
    expect(attempts).toHaveLength(1);
  });

  it("waits what Retry-After asks before the next attempt", async () => {
    const { inner, attempts } = scripted([{ status: 429, headers: { "retry-after": "0.3" } }, 200]);
    const f = patientFetch(inner, { token: "", baseUrl: "", retryBaseMs: 1 });
    expect((await f(URL_)).status).toBe(200);
    expect((attempts[1] as number) - (attempts[0] as number)).toBeGreaterThanOrEqual(290);
  });

  it("does not start a wait that would pass the budget: a far rate-limit reset gives up at once", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const { inner, attempts } = scripted([
      { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset } },
    ]);
    const log: string[] = [];
    const f = patientFetch(inner, {
      token: "",
      baseUrl: "",
      stopAt: () => Date.now() + 5000,
      log: (m) => log.push(m),
    });
    const started = Date.now();
    expect((await f(URL_)).status).toBe(403);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(attempts).toHaveLength(1);
    expect(log.join("\n")).toMatch(/would pass the time budget/);
  });

  it("gives each attempt a deadline: a stalled answer is retried, then the error surfaces", async () => {
    const { inner, attempts } = scripted(["stall"]);
    const f = patientFetch(inner, {
      token: "",
      baseUrl: "",
      attemptMs: 100,
      retries: 1,
      retryBaseMs: 1,
    });
    const started = Date.now();
    await expect(f(URL_)).rejects.toThrow(/timeout|aborted/i);
    expect(attempts).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("retries a refused connection, and stops at once when the caller aborts", async () => {
    const refused = scripted(["refuse", 200]);
    const f = patientFetch(refused.inner, { token: "", baseUrl: "", retryBaseMs: 1 });
    expect((await f(URL_)).status).toBe(200);
    const stalled = scripted(["stall"]);
    const abort = new AbortController();
    const g = patientFetch(stalled.inner, { token: "", baseUrl: "", signal: abort.signal });
    setTimeout(() => abort.abort(new Error("budget ran out")), 50);
    await expect(g(URL_)).rejects.toThrow(/budget ran out/);
    expect(stalled.attempts).toHaveLength(1);
  });
});

describe("askedWaitMs", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it("reads Retry-After as seconds or as a date, and a used-up rate limit's reset", () => {
    expect(askedWaitMs(h({ "retry-after": "2" }), 429, 0)).toBe(2000);
    expect(askedWaitMs(h({ "retry-after": new Date(10_000).toUTCString() }), 503, 4000)).toBe(6000);
    expect(
      askedWaitMs(h({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "100" }), 403, 40_000),
    ).toBe(60_000);
    expect(
      askedWaitMs(h({ "x-ratelimit-remaining": "7", "x-ratelimit-reset": "100" }), 403, 0),
    ).toBe(undefined);
    expect(askedWaitMs(h({}), 500, 0)).toBe(undefined);
  });
});
