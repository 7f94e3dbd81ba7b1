/**
 * How state remembers a write-only secret the platform never returns: a salted, deliberately slow
 * hash (scrypt, a fresh salt per value), so that state tells a changed declaration apart without
 * letting whoever reads it test guesses of the secret offline.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

const COST = 2 ** 14;
const BLOCK_SIZE = 8;
const SCHEME = `scrypt$${COST}$${BLOCK_SIZE}$1`;

const derive = (text: string, salt: Buffer) => scryptSync(text, salt, 32, { N: COST, r: BLOCK_SIZE, p: 1 });

/** Verdicts already reached in this process: a plan asks the same question of every resource more than once. */
const verdicts = new Map<string, boolean>();

/** `scrypt$N$r$p$<salt>$<digest>` of `text`, under a new salt. */
export function hashSecret(text: string): string {
  const salt = randomBytes(16);
  return `${SCHEME}$${salt.toString("base64url")}$${derive(text, salt).toString("base64url")}`;
}

/** Whether `hash` (as `hashSecret` wrote it) is the hash of `text`; false for anything else. */
export function matchesSecretHash(text: string, hash: unknown): boolean {
  if (typeof hash !== "string" || !hash.startsWith(`${SCHEME}$`)) return false;
  const asked = `${hash}\n${text}`;
  let verdict = verdicts.get(asked);
  if (verdict === undefined) {
    const [salt, digest] = hash
      .slice(SCHEME.length + 1)
      .split("$")
      .map((part) => Buffer.from(part ?? "", "base64url"));
    verdict = digest!.length === 32 && timingSafeEqual(derive(text, salt!), digest!);
    verdicts.set(asked, verdict);
  }
  return verdict;
}
