import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * What the replay table keeps of a first response: sealed (AES-256-GCM) under a key derived from
 * the request's Idempotency-Key, which the table keeps only hashed. A response can carry secret
 * material (a SCIM token, shown once), and reading the store must not reveal it; a replay presents
 * the Idempotency-Key and so can open it.
 */
export interface Replay {
  fingerprint: string;
  status: number;
  /** The body as sent; null for 204. */
  text: string | null;
}

const derive = (purpose: string, scopedKey: string) => createHash("sha256").update(`${purpose}\n${scopedKey}`).digest();

/** The row's key: the Idempotency-Key, with its caller's scope, hashed. */
export const rowKeyOf = (scopedKey: string) => derive("row", scopedKey).toString("hex");

export function seal(scopedKey: string, replay: Replay): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive("seal", scopedKey), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(replay), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64");
}

export function open(scopedKey: string, text: string): Replay {
  const bytes = Buffer.from(text, "base64");
  const decipher = createDecipheriv("aes-256-gcm", derive("seal", scopedKey), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8")) as Replay;
}
