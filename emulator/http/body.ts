import type { IncomingMessage } from "node:http";
import { ApiError } from "../errors";

/** Methods whose body is never read, whatever the request sends. */
const BODYLESS = new Set(["GET", "HEAD", "TRACE"]);

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** `type/subtype` and parameters, as RFC 9110 spells a media type; anything else is no media type at all. */
const MEDIA_TYPE = /^\s*([\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+)\s*(?:;|$)/;

const unsupported = (why: string) => new ApiError(415, "unsupported_media_type", why);

/**
 * The request's JSON body, undefined when it has none. The API takes JSON in UTF-8 only: another media
 * type is 415, a body over `limit` bytes 413, bytes that are not UTF-8 or not JSON 400. An empty
 * body is no body: body-less POSTs often still say application/json.
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (BODYLESS.has(request.method!)) return undefined;
  const contentType = request.headers["content-type"];
  if (contentType === undefined) {
    const length = request.headers["content-length"];
    if (request.headers["transfer-encoding"] === undefined && (length === undefined || length === "0")) {
      return undefined;
    }
    throw unsupported("Send the body as application/json");
  }
  checkMediaType(contentType);
  if (Number(request.headers["content-length"]) > limit) throw tooLarge();
  const bytes = await readBytes(request, limit);
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new ApiError(400, "malformed_json", "The request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "malformed_json", "The request body is not valid JSON");
  }
}

/** What clients send nearly always, taken without parsing. */
const PLAIN_JSON = new Set(["application/json", "application/json; charset=utf-8", "application/json;charset=utf-8"]);

function checkMediaType(contentType: string): void {
  if (PLAIN_JSON.has(contentType)) return;
  const mediaType = MEDIA_TYPE.exec(contentType)?.[1]?.toLowerCase();
  if (mediaType !== "application/json") throw unsupported("Send the body as application/json");
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw unsupported(`Send the body as application/json in UTF-8, not ${charset}`);
  }
}

const tooLarge = () => new ApiError(413, "body_too_large", "The request body is too large");

function readBytes(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return void chunks.push(chunk);
      // The rest is left unread; Node discards it once the answer is sent.
      request.off("data", onData).off("end", onEnd).off("error", onError);
      reject(tooLarge());
    };
    const onEnd = () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    const onError = () => reject(new ApiError(400, "malformed_json", "The request body was cut off"));
    request.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
