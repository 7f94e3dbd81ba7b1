import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { ApiError } from "../errors";

const JSON_TYPE = "application/json; charset=utf-8";

/** Sends a serialized JSON answer, or none for `text === null` (a 204). A HEAD request gets the headers alone. */
export function sendJson(
  response: ServerResponse,
  status: number,
  text: string | null,
  headers: OutgoingHttpHeaders = {},
): void {
  if (text === null) {
    response.writeHead(status, headers).end();
    return;
  }
  response
    .writeHead(status, { ...headers, "content-type": JSON_TYPE, "content-length": Buffer.byteLength(text) })
    .end(text);
}

export const sendError = (response: ServerResponse, error: ApiError, headers?: OutgoingHttpHeaders) =>
  sendJson(response, error.status, JSON.stringify(error.toBody()), headers);
