import { describe, expect, it } from "vitest";
import { DeadlineError } from "../../src/util/deadline.js";
import { describeApiFailure, formatReset } from "../../src/util/httpFailure.js";

/** The shape Octokit's RequestError has: a status, a message, the answer's headers. */
const answered = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers } });

const NOW = Date.UTC(2026, 11, 7, 18, 0, 0);

describe("the cause of a failed GitHub API call, in words that send people the right way", () => {
  it.each([
    [
      answered(403, "Resource not accessible by integration"),
      "permission",
      /GitHub answered 403 \(Resource not accessible/,
    ],
    [
      answered(403, "API rate limit exceeded", {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(NOW / 1000 + 750),
      }),
      "rate-limit",
      /rate limit for this token is used up \(403 .*\); it resets at 18:12:30 UTC \(in 13 min\)/,
    ],
    [
      answered(403, "You have exceeded a secondary rate limit", { "retry-after": "60" }),
      "rate-limit",
      /used up .*GitHub asks to wait 60 s/,
    ],
    [answered(429, "Too Many Requests"), "rate-limit", /rate limit .*429/],
    [answered(401, "Bad credentials"), "permission", /did not accept the token \(401/],
    [answered(404, "Not Found"), "not-found", /GitHub answered 404 \(Not Found\)/],
    [answered(422, "Validation Failed"), "invalid", /GitHub answered 422/],
    [answered(502, "Bad Gateway"), "service", /GitHub's API failed \(502 Bad Gateway\)/],
    [answered(500, "connect ECONNREFUSED 127.0.0.1:9"), "unreachable", /could not be reached/],
    [
      answered(500, "The operation was aborted due to timeout"),
      "timeout",
      /did not answer in time/,
    ],
    [new DeadlineError("No PR comment", 4000), "timeout", /did not answer in time .*4 s/],
  ])("%s is %s", (error, kind, text) => {
    const failure = describeApiFailure(error, NOW);
    expect(failure.kind).toBe(kind);
    expect(failure.text).toMatch(text);
  });

  it("a 403 without rate-limit headers is a permission, not a rate limit (and the reverse)", () => {
    expect(describeApiFailure(answered(403, "Forbidden"), NOW).kind).toBe("permission");
    expect(
      describeApiFailure(answered(403, "Forbidden", { "x-ratelimit-remaining": "0" }), NOW).kind,
    ).toBe("rate-limit");
  });

  it("says a reset in seconds when it is near, in minutes when it is not", () => {
    expect(formatReset(NOW / 1000 + 45, NOW)).toBe("18:00:45 UTC (in 45 s)");
    expect(formatReset(NOW / 1000 + 3600, NOW)).toBe("19:00:00 UTC (in 60 min)");
  });
});
