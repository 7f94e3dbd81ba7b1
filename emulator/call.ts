import { ApiError } from "./errors";
import type { Access } from "./access";
import type { Page } from "./store/records";
import type { World } from "./world";

/** What a route handler receives: validated input and the caller's access. */
export interface Call<Params = Record<string, string>, Query = Record<string, unknown>, Body = undefined> {
  world: World;
  access: Access;
  params: Params;
  query: Query;
  body: Body;
  ifMatch: string | undefined;
  /** The emulator's own base URL, for links such as a domain's SCIM endpoint. */
  baseUrl: string;
}

export type Reply =
  { status?: 200 | 201; data: unknown; meta?: { cursor: string | null; has_more: boolean } } | { status: 204 };

// Handlers are registered by operation id; each declares its own parameter and body types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (call: Call<any, any, any>) => Reply;

/**
 * The ETag of a single-object answer: the 64-bit FNV-1a digest of its body as sent, `{"data": …}`,
 * over UTF-16 code units. An ETag only tells versions of one object apart; a SHA-256 call into
 * OpenSSL per answer cost about 7 % of a POST's CPU time under load.
 */
export function etagOfBody(text: string): string {
  // The 64-bit state in two 32-bit halves, multiplied by the prime 2^40 + 0x1b3 in 16-bit pieces so
  // that every product stays exact.
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    low = (low ^ text.charCodeAt(i)) >>> 0;
    const bottom = (low & 0xffff) * 0x1b3;
    const top = (low >>> 16) * 0x1b3;
    const carry = (top + (bottom >>> 16)) >>> 16;
    high = (Math.imul(high, 0x1b3) + carry + (low << 8)) >>> 0;
    low = (bottom + (top << 16)) >>> 0;
  }
  return `"${hex8(high)}${hex8(low)}"`;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

const hex8 = (value: number) =>
  HEX_BYTES[value >>> 24]! +
  HEX_BYTES[(value >>> 16) & 0xff]! +
  HEX_BYTES[(value >>> 8) & 0xff]! +
  HEX_BYTES[value & 0xff]!;

export const etagOf = (data: unknown) => etagOfBody(JSON.stringify({ data }));

/** Refuses a write made against a version of the object other than the current one. */
export function checkIfMatch(call: Call<unknown, unknown, unknown>, current: unknown): void {
  if (call.ifMatch === undefined || call.ifMatch === "*") return;
  const tags = call.ifMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (!tags.includes(etagOf(current))) {
    throw new ApiError(
      412,
      "precondition_failed",
      "The object changed since you read it (If-Match does not match its ETag)",
    );
  }
}

const CURSOR_PREFIX = "c1.";

export const encodeCursor = (seq: number) => CURSOR_PREFIX + Buffer.from(String(seq)).toString("base64url");

/** The `seq` a cursor continues after; 0 for the first page. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const digits = cursor.startsWith(CURSOR_PREFIX)
    ? Buffer.from(cursor.slice(CURSOR_PREFIX.length), "base64url").toString()
    : "";
  const seq = /^\d{1,15}$/.test(digits) ? Number(digits) : NaN;
  if (Number.isNaN(seq) || encodeCursor(seq) !== cursor) {
    throw new ApiError(422, "invalid_cursor", "The cursor is not one this API issued", [
      { field: "cursor", issue: "is not a cursor from a previous page's meta.cursor" },
    ]);
  }
  return seq;
}

export function listReply<T>(page: Page<T>, serialize: (record: T) => unknown): Reply {
  return { data: page.items.map((item) => serialize(item.body)), meta: metaOf(page) };
}

/** A page whose items are answered with `serializedOnce` serializers. */
export function serializedListReply<T>(page: Page<T>, text: (record: T) => string): Reply {
  return { data: new SerializedItems(page.items.map((item) => text(item.body))), meta: metaOf(page) };
}

const metaOf = (page: Page<unknown>) => ({
  cursor: page.next === null ? null : encodeCursor(page.next),
  has_more: page.next !== null,
});

/** A list's items already serialized, which the answer joins as they are. */
export class SerializedItems {
  constructor(readonly texts: string[]) {}
}

/**
 * Serializes a stored record's answer once, and keeps the JSON as long as the record lives: for
 * answers that depend on nothing but the record (and a context that is the same for all its
 * answers). Stored bodies are frozen, so a change to a record makes a new one.
 */
export function serializedOnce<T extends object, Context extends unknown[]>(
  serialize: (record: T, ...context: Context) => unknown,
): (record: T, ...context: Context) => string {
  const texts = new WeakMap<T, string>();
  return (record, ...context) => {
    let text = texts.get(record);
    if (text === undefined) texts.set(record, (text = JSON.stringify(serialize(record, ...context))));
    return text;
  };
}
