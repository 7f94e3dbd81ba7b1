/**
 * The provider's side of go-plugin's AutoMTLS: a fresh self-signed certificate for `localhost`,
 * made with node:crypto and a few lines of DER so a launch pays no certificate library's load time.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

const OIDS = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  organizationName: "2.5.4.10",
  commonName: "2.5.4.3",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const octets = (content: Buffer) => tlv(0x04, content);
const bits = (content: Buffer, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), content);
const TRUE = tlv(0x01, Buffer.from([0xff]));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));
const explicit = (n: number, content: Buffer) => tlv(0xa0 | n, content);

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [first! * 40 + second!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const digits = date.toISOString().replace(/[-:T]/g, "").slice(2, 14);
  return tlv(0x17, Buffer.from(`${digits}Z`, "ascii"));
}

function integer(content: Buffer): Buffer {
  return tlv(0x02, content[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), content]) : content);
}

const extension = (id: string, critical: boolean, value: Buffer) =>
  sequence(oid(id), ...(critical ? [TRUE] : []), octets(value));

export interface Certificate {
  /** The certificate, DER. */
  der: Buffer;
  certificatePem: string;
  privateKeyPem: string;
}

const pem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der
    .toString("base64")
    .match(/.{1,64}/g)!
    .join("\n")}\n-----END ${label}-----\n`;

/** A P-256 certificate for `localhost` and 127.0.0.1, its own issuer, valid for server and client authentication. */
export function selfSignedCertificate(now = new Date()): Certificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const name = sequence(
    set(sequence(oid(OIDS.organizationName), utf8("scrums-iac"))),
    set(sequence(oid(OIDS.commonName), utf8("localhost"))),
  );
  const algorithm = sequence(oid(OIDS.ecdsaWithSha256));
  const serial = randomBytes(16);
  // Positive and minimal in DER: the first byte neither has its top bit set nor is zero.
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  // digitalSignature, keyEncipherment and keyCertSign: bits 0, 2 and 5, so two unused bits.
  const keyUsage = bits(Buffer.from([0xa4]), 2);
  const altNames = sequence(tlv(0x82, Buffer.from("localhost", "ascii")), tlv(0x87, Buffer.from([127, 0, 0, 1])));
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(utcTime(new Date(now.getTime() - 60_000)), utcTime(new Date(now.getTime() + 365 * 24 * 3600_000))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      sequence(
        extension(OIDS.basicConstraints, true, sequence(TRUE)),
        extension(OIDS.keyUsage, true, keyUsage),
        extension(OIDS.extKeyUsage, false, sequence(oid(OIDS.serverAuth), oid(OIDS.clientAuth))),
        extension(OIDS.subjectAltName, false, altNames),
      ),
    ),
  );
  const signature = sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
  const der = sequence(tbs, algorithm, bits(signature));
  return {
    der,
    certificatePem: pem("CERTIFICATE", der),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
