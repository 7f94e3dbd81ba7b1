import { parse as parseQueryString } from "fast-querystring";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import { ROUTES, type Route } from "../provider/model/api";
import { Access } from "./access";
import { etagOfBody, SerializedItems, type Call, type Handler, type Reply } from "./call";
import { checkControlToken, controlRoutes, type ControlRoute } from "./control";
import { ApiError, validationError } from "./errors";
import type { Counters, FaultAction, Faults } from "./faults";
import { HANDLERS } from "./handlers";
import { readJsonBody } from "./http/body";
import { sendError, sendJson } from "./http/reply";
import { Router } from "./http/router";
import { idempotencyKeyOf, IdempotencyKeys, type Remembered } from "./idempotency";
import type { World } from "./world";

export interface ServerParts {
  world: World;
  faults: Faults;
  counters: Counters;
  controlToken: string;
  baseUrl: () => string;
  log: (line: string) => void;
  bodyLimit: number;
  checkAnswers: boolean;
}

/** One request and its answer, with the path's parameters and the raw query string. */
interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  params: Record<string, string>;
  query: string;
}

interface Endpoint {
  /** What an API route's requests are counted under; control endpoints are not counted. */
  template: string | null;
  serve: (exchange: Exchange) => void | Promise<void>;
}

/** Node's HTTP server answering the API of `ROUTES` and the control endpoints. */
export function buildServer(parts: ServerParts): Server {
  const router = new Router<Endpoint>();
  const keys = new IdempotencyKeys(parts.world);
  for (const route of ROUTES) {
    const handler = HANDLERS[route.operationId];
    if (!handler) throw new Error(`no emulator handler for ${route.operationId}`);
    router.add(route.method, route.path, {
      template: route.path,
      serve: (exchange) => serveApi(parts, keys, route, handler, exchange),
    });
  }
  for (const route of controlRoutes(parts)) {
    router.add(route.method, route.path, { template: null, serve: (exchange) => serveControl(parts, route, exchange) });
  }

  // No time limits on receiving a request: they guard public servers against slow clients, and Node
  // tracks every request for them, which cost the emulator's local clients about 6 % of each request.
  const server = createServer({ requestTimeout: 0, headersTimeout: 0 }, (request, response) => {
    const started = performance.now();
    const method = request.method!;
    const { path, query } = splitTarget(request.url!);
    // A request no API route took is counted under its path.
    let countedAs: string | null = path.startsWith("/v1/") ? path : null;
    // "finish" comes once per response.
    response.on("finish", () => {
      if (countedAs !== null) parts.counters.record(method, countedAs, response.statusCode);
      parts.log(`${method} ${path} ${response.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
    });
    const answered = (async () => {
      const found = router.find(method, path);
      if (found === null) throw new ApiError(404, "route_not_found", `No route ${method} ${path}`);
      if ("allow" in found) {
        const allow = found.allow.join(", ");
        return sendError(
          response,
          new ApiError(405, "method_not_allowed", `${method} is not served here; use ${allow}`),
          { allow },
        );
      }
      countedAs = found.target.template;
      await found.target.serve({ request, response, params: found.params, query });
    })();
    answered.catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : internalError(parts, error);
      if (response.headersSent) response.destroy();
      else sendError(response, apiError);
    });
  });
  // Clients keep connections open between requests for longer than Node's default of 5 s.
  server.keepAliveTimeout = 72_000;
  return server;
}

/** The request target's path and query string: the path ends at the first `?` or `#`. */
function splitTarget(url: string): { path: string; query: string } {
  const query = url.indexOf("?");
  const fragment = url.indexOf("#");
  const end = query === -1 || (fragment !== -1 && fragment < query) ? fragment : query;
  return end === -1 ? { path: url, query: "" } : { path: url.slice(0, end), query: url.slice(end + 1) };
}

function internalError(parts: ServerParts, error: unknown): ApiError {
  parts.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ApiError(500, "internal_error", "The emulator failed to handle this request");
}

async function serveControl(parts: ServerParts, route: ControlRoute, { request, response, params }: Exchange) {
  const body = await readJsonBody(request, parts.bodyLimit);
  if (!route.open) checkControlToken(parts, header(request.headers, "authorization"));
  const answer = route.handle({ params, body });
  sendJson(response, answer.status, answer.body === undefined ? null : JSON.stringify(answer.body));
}

async function serveApi(
  parts: ServerParts,
  keys: IdempotencyKeys,
  route: Route,
  handler: Handler,
  { request, response, params: rawParams, query: rawQuery }: Exchange,
) {
  const { world } = parts;
  const method = request.method!;
  const before = parts.faults.trip(method, route.path, "before");
  if (before.length > 0 && (await applyFaults(before, response))) return;

  const requestBody = await readJsonBody(request, parts.bodyLimit);
  const access = authenticate(parts, request.headers);
  const params = route.params ? route.params.safeParse(rawParams) : { success: true as const, data: {} };
  if (!params.success) throw new ApiError(404, "not_found", `No such object: ${splitTarget(request.url!).path}`);
  const call = {
    world,
    access,
    params: params.data,
    query: parseQuery(route, rawQuery),
    body: parseBody(route, requestBody),
    baseUrl: parts.baseUrl(),
    ifMatch: header(request.headers, "if-match"),
  };

  const idempotencyKey =
    route.method === "POST" ? idempotencyKeyOf(header(request.headers, "idempotency-key")) : undefined;
  const requested = { method, url: request.url!, body: requestBody };
  const answer = () => {
    if (idempotencyKey !== undefined) {
      const replay = keys.replay(access, requested, idempotencyKey, () => checkStillAllowed(world, handler, call));
      if (replay) return { ...replay, replayed: true };
    }
    const result = render(route, handler(call), parts.checkAnswers);
    if (idempotencyKey !== undefined && result.status < 300) keys.remember(access, requested, idempotencyKey, result);
    return { ...result, replayed: false };
  };
  // Requests run one at a time, synchronously: a read needs no transaction of its own.
  const outcome = route.method === "GET" ? answer() : world.db.transaction(answer);

  const after = parts.faults.trip(method, route.path, "after");
  if (after.length > 0 && (await applyFaults(after, response))) return;
  // The platform's own clock, which control endpoints move: clients judge expiry against it.
  const headers: OutgoingHttpHeaders = { date: world.clock.httpDate() };
  if (outcome.etag) headers.etag = outcome.etag;
  if (outcome.replayed) headers["idempotent-replayed"] = "true";
  sendJson(response, outcome.status, outcome.text, headers);
}

/** Serializes a handler's answer; with `check`, checks it as sent against the route's declared response, so the emulator never drifts from the contract. */
function render(route: Route, result: Reply, check: boolean): Remembered {
  if (result.status === 204) return { status: 204, text: null };
  const meta = "meta" in result ? result.meta : undefined;
  const text = answerText(result.data, meta);
  const checked = check ? route.response?.safeParse(JSON.parse(text)) : undefined;
  if (checked && !checked.success) {
    throw new Error(`${route.operationId} answered outside its schema: ${JSON.stringify(checked.error.issues)}`);
  }
  const list = meta !== undefined || Array.isArray(result.data) || result.data instanceof SerializedItems;
  return { status: result.status ?? route.status, text, ...(list ? {} : { etag: etagOfBody(text) }) };
}

/** `{"data": …, "meta": …}`; items already serialized are joined as they are. */
function answerText(data: unknown, meta: object | undefined): string {
  if (!(data instanceof SerializedItems)) return JSON.stringify(meta ? { data, meta } : { data });
  return `{"data":[${data.texts.join(",")}]${meta ? `,"meta":${JSON.stringify(meta)}` : ""}}`;
}

function authenticate(parts: ServerParts, headers: IncomingHttpHeaders): Access {
  const authorization = header(headers, "authorization");
  const secret = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : "";
  // Node trims the header's ends, so only inner whitespace or an empty secret is left to refuse.
  const token = secret === "" || /\s/.test(secret) ? null : parts.world.token(secret);
  if (!token || token.kind === "control" || !token.user_id) {
    throw new ApiError(401, "unauthorized", "Send a valid API token as `Authorization: Bearer <token>`");
  }
  return new Access(parts.world, token);
}

/** Repeated keys give arrays and `+` is a space, as in forms; the route's schema decides what it takes. */
function parseQuery(route: Route, rawQuery: string): unknown {
  const query = rawQuery.length === 0 ? {} : (parseQueryString(rawQuery) as Record<string, unknown>);
  if (!route.query) {
    const keys = Object.keys(query);
    if (keys.length === 0) return {};
    throw new ApiError(
      422,
      "validation_failed",
      `Unknown query parameters: ${keys.join(", ")}`,
      keys.map((field) => ({ field, issue: "is not a known query parameter" })),
    );
  }
  const parsed = route.query.safeParse(query);
  if (!parsed.success) throw validationError("query", parsed.error);
  return parsed.data;
}

function parseBody(route: Route, body: unknown): unknown {
  if (!route.body) {
    if (body === undefined || body === null || (typeof body === "object" && Object.keys(body).length === 0))
      return undefined;
    throw new ApiError(422, "validation_failed", `${route.method} ${route.path} takes no body`);
  }
  if (body === undefined) throw new ApiError(400, "malformed_json", `${route.method} ${route.path} needs a JSON body`);
  const parsed = route.body.safeParse(body);
  if (!parsed.success) throw validationError("request body", parsed.error);
  return parsed.data;
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Runs the request's handler and undoes it, raising what it raised only when an access check refused
 * the caller: a refusal for the state of things (the slug the first request took) is what a replay
 * is for.
 */
function checkStillAllowed(world: World, handler: Handler, call: Call<unknown, unknown, unknown>): void {
  world.db.rehearse(() => {
    try {
      handler(call);
    } catch (error) {
      if (call.access.refused) throw error;
    }
  });
}

/** Applies a request's injected faults; true when one of them answered it (an error) or dropped it. */
async function applyFaults(actions: readonly FaultAction[], response: ServerResponse): Promise<boolean> {
  for (const action of actions) {
    if (action.kind === "latency") {
      await new Promise((resolve) => setTimeout(resolve, action.ms));
    } else if (action.kind === "drop") {
      response.socket?.destroy();
      return true;
    } else {
      const code = action.status === 429 ? "rate_limited" : action.status < 500 ? "injected_refusal" : "server_error";
      const retryAfter = action.retryAfter === undefined ? {} : { "retry-after": String(action.retryAfter) };
      sendError(response, new ApiError(action.status, code, `Injected fault: ${action.status}`), retryAfter);
      return true;
    }
  }
  return false;
}
