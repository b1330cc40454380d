/** Why a connection failed, as the monitor line and its JSON name it. */
import { describe, expect, it } from "vitest";
import { describeFailures, failureKind, PathError, pathError } from "../../src/monitor/failure.js";

const errno = (code: string, extra: object = {}) =>
  Object.assign(new Error(`connect ${code}`), { code }, extra);

describe("failureKind", () => {
  it.each([
    ["ECONNREFUSED", "refused"],
    ["ETIMEDOUT", "timed out"],
    ["EHOSTUNREACH", "unreachable"],
    ["ENETUNREACH", "unreachable"],
    ["ENOTFOUND", "name not found"],
    ["ECONNRESET", "reset"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "TLS error"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "TLS error"],
    ["EWHATEVER", "other"],
  ])("%s is %s", (code, kind) => {
    expect(failureKind(errno(code))).toBe(kind);
  });

  it("knows OpenSSL's errors by their library when the code is not ERR_SSL_", () => {
    expect(failureKind(errno("ERR_OSSL_X", { library: "SSL routines" }))).toBe("TLS error");
  });

  it("keeps the kind of an error that already knows it", () => {
    const timeout = new PathError("timed out", "no answer within 5 ms");
    expect(failureKind(timeout)).toBe("timed out");
    expect(pathError(timeout)).toBe(timeout);
    expect(pathError(errno("ECONNREFUSED")).message).toBe("ECONNREFUSED");
  });
});

describe("describeFailures", () => {
  it("lists the kinds seen in a fixed order, without counts of zero", () => {
    expect(describeFailures({ "TLS error": 2, refused: 1, reset: 0 })).toBe("refused, TLS error");
    expect(describeFailures({})).toBe("");
  });
});
