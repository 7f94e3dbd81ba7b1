import { createHash } from "node:crypto";
import { IDEMPOTENCY_KEY_MAX_LENGTH } from "../provider/model/api";
import type { Access } from "./access";
import { etagOfBody } from "./call";
import { ApiError } from "./errors";
import { open, rowKeyOf, seal } from "./store/replays";
import type { World } from "./world";

const WINDOW_MS = 24 * 3600 * 1000;

/** An answer as sent (its body serialized, null for 204): what a replay sends again. */
export interface Remembered {
  status: number;
  text: string | null;
  etag?: string;
}

/** The request's `Idempotency-Key`, refused when longer than the contract allows. */
export function idempotencyKeyOf(value: string | undefined): string | undefined {
  if (value !== undefined && value.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw new ApiError(422, "validation_failed", "The Idempotency-Key header is too long", [
      { field: "Idempotency-Key", issue: `must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters` },
    ]);
  }
  return value;
}

/** What makes two requests under one key the same request: method, target and body as parsed. */
export interface KeyedRequest {
  method: string;
  url: string;
  body: unknown;
}

const fingerprintOf = (request: KeyedRequest) =>
  createHash("sha256")
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest("hex");

/**
 * POST answers remembered per caller (user and token scope) and key for 24 hours of the emulator's
 * clock, sealed under the key (see ./store/replays): an answer may carry a secret shown once.
 */
export class IdempotencyKeys {
  constructor(private readonly world: World) {}

  /**
   * The remembered answer to a repeated key, or null. `checkAllowed` runs first: a key never lets a
   * caller past access checks that the same request would fail now.
   */
  replay(access: Access, request: KeyedRequest, key: string, checkAllowed: () => void): Remembered | null {
    const scopedKey = `${access.scopeKey}:${key}`;
    const row = this.world.db.tables.replay(rowKeyOf(scopedKey));
    if (!row || row.created_at < this.world.clock.now().getTime() - WINDOW_MS) return null;
    checkAllowed();
    const first = open(scopedKey, row.sealed);
    if (first.fingerprint !== fingerprintOf(request)) {
      throw new ApiError(
        422,
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request",
        [{ field: "Idempotency-Key", issue: "was used with another method, path or body" }],
      );
    }
    const { text } = first;
    const data = text === null ? undefined : (JSON.parse(text) as { data?: unknown }).data;
    const single = typeof data === "object" && data !== null && !Array.isArray(data);
    return { status: first.status, text, ...(single ? { etag: etagOfBody(text!) } : {}) };
  }

  remember(access: Access, request: KeyedRequest, key: string, answer: Remembered): void {
    const scopedKey = `${access.scopeKey}:${key}`;
    const sealed = seal(scopedKey, { fingerprint: fingerprintOf(request), status: answer.status, text: answer.text });
    this.world.db.tables.saveReplay(rowKeyOf(scopedKey), { sealed, created_at: this.world.clock.now().getTime() });
  }
}
