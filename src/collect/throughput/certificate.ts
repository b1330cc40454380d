/**
 * A self-signed X.509 certificate made at run time, in plain TypeScript: node:crypto makes
 * keys and signatures but not certificates, and shelling out to `openssl req` would make the
 * suite depend on a binary that Windows and macOS runners may not have. The certificate is
 * the smallest one TLS 1.3 accepts: v3, ECDSA P-256 with SHA-256, CN=perfgate, a
 * subjectAltName for localhost and 127.0.0.1, valid from an hour ago for two days.
 *
 * DER encoding per ITU-T X.690; certificate structure per RFC 5280 §4.1.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

export const KEY_TYPE = "ECDSA P-256";

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.of(tag), length(body.length), body]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer) => tlv(0x03, Buffer.of(0), content);
const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));
/** context-specific, constructed: [n] EXPLICIT */
const explicit = (n: number, content: Buffer) => tlv(0xa0 | n, content);

function positiveInteger(bytes: Buffer): Buffer {
  // DER integers are minimal: no leading zero bytes (OpenSSL rejects a random serial that
  // starts with one, "illegal padding", 1 in 256 certificates) …
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const minimal = bytes.subarray(start);
  // … and signed: a leading 1 bit needs a zero byte in front.
  const body = (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), minimal]) : minimal;
  return tlv(0x02, body);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128))
      base128.unshift(0x80 | (v & 0x7f));
    out.push(...base128);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime (years 1950–2049), as RFC 5280 §4.1.2.5.1 requires for those years. */
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14);
  return tlv(0x17, Buffer.from(`${text}Z`, "latin1"));
}

const ECDSA_WITH_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));
const SUBJECT_ALT_NAME = "2.5.29.17";
const COMMON_NAME = "2.5.4.3";

/** A fresh key pair and a certificate for it, both PEM. */
export function selfSignedCertificate(now = new Date()): { cert: string; key: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String("perfgate"))));
  const hour = 3600_000;
  const altNames = sequence(
    tlv(0x82, Buffer.from("localhost", "latin1")), // dNSName [2]
    tlv(0x87, Buffer.of(127, 0, 0, 1)), // iPAddress [7]
  );
  const extensions = explicit(3, sequence(sequence(oid(SUBJECT_ALT_NAME), octetString(altNames))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // keep it positive, at most 16 bytes long
  const tbs = sequence(
    explicit(0, positiveInteger(Buffer.of(2))), // version v3
    positiveInteger(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(new Date(now.getTime() - hour)), utcTime(new Date(now.getTime() + 48 * hour))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    extensions,
  );
  const signature = sign("sha256", tbs, privateKey); // DER ECDSA-Sig-Value
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  const body = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${body.trimEnd()}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  };
}
