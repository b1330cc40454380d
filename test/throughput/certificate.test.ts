import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { selfSignedCertificate } from "../../src/collect/throughput/certificate.js";
import { openssl, requireTool } from "../helpers/systemTools.js";

describe("the self-signed certificate made at run time", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const { cert, key } = selfSignedCertificate(now);
  const x509 = new X509Certificate(cert);

  it("is signed by its own key, for localhost and 127.0.0.1, valid around now", () => {
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.subject).toBe("CN=perfgate");
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(new Date(x509.validFrom).getTime()).toBeLessThan(now.getTime());
    expect(new Date(x509.validTo).getTime()).toBeGreaterThan(now.getTime());
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });

  it("parses every time: a random serial with a leading zero byte is encoded minimally", () => {
    // One serial in 256 starts with a zero byte, which DER must drop (OpenSSL refused those
    // with "illegal padding", failing a TLS server's start now and then): of 1,500
    // certificates, about 6 have one.
    for (let i = 0; i < 1500; i++) {
      const made = selfSignedCertificate(now);
      expect(() => new X509Certificate(made.cert)).not.toThrow();
    }
  });

  it("comes with the private key of the certified public key", () => {
    const fromKey = createPublicKey(createPrivateKey(key)).export({ type: "spki", format: "der" });
    expect(x509.publicKey.export({ type: "spki", format: "der" }).equals(fromKey)).toBe(true);
  });

  it("is accepted by openssl as a self-signed X.509 v3 certificate", (context) => {
    requireTool(context, openssl);
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cert-"));
    try {
      const file = join(dir, "cert.pem");
      writeFileSync(file, cert);
      const text = execFileSync("openssl", ["x509", "-in", file, "-noout", "-text"], {
        encoding: "utf8",
      });
      expect(text).toContain("Version: 3 (0x2)");
      expect(text).toContain("ecdsa-with-SHA256");
      expect(text).toContain("DNS:localhost, IP Address:127.0.0.1");
      const verify = execFileSync(
        "openssl",
        ["verify", "-attime", String(now.getTime() / 1000), "-CAfile", file, file],
        {
          encoding: "utf8",
        },
      );
      expect(verify.trim()).toBe(`${file}: OK`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
