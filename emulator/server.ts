import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { ROUTES, type Route } from "../provider/model/api";
import { Access } from "./access";
import { etagOfBody, SerializedItems, type Call, type Handler, type Reply } from "./call";
import { registerControlRoutes } from "./control";
import { ApiError, validationError } from "./errors";
import type { Counters, Faults } from "./faults";
import { type FaultAction } from "./faults";
import { HANDLERS } from "./handlers";
import { idempotencyKeyOf, IdempotencyKeys, type Remembered } from "./idempotency";
import { allowedMethods } from "./methods";
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

export function buildServer(parts: ServerParts): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: parts.bodyLimit,
    forceCloseConnections: true,
    // The router's own refusals (undecodable or over-long path segments) answer in the API's error shape too.
    frameworkErrors: (error, request, reply) => {
      const apiError =
        error.code === "FST_ERR_MAX_PARAM_LENGTH"
          ? new ApiError(404, "not_found", "No such object: a path segment is longer than any id")
          : new ApiError(400, "bad_url", `The URL cannot be decoded: ${pathOf(request).slice(0, 200)}`);
      sendError(reply as FastifyReply, apiError);
    },
  });

  // JSON only: other media types get 415 rather than reaching validation as strings.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, bytes, done) => {
    try {
      done(null, parseJsonBody(header(request, "content-type")!, bytes as Buffer));
    } catch (error) {
      done(error as ApiError, undefined);
    }
  });

  const allowedAt = allowedMethods(ROUTES);
  // A path that is served, but not with this method, is answered 405 with the methods it takes.
  app.addHook("onRequest", (request, reply, done) => {
    if (request.is404) {
      const allow = allowedAt(pathOf(request));
      if (allow.length > 0) {
        void reply.header("allow", allow.join(", "));
        sendError(
          reply,
          new ApiError(405, "method_not_allowed", `${request.method} is not served here; use ${allow.join(", ")}`),
        );
      }
    }
    done();
  });

  app.addHook("onResponse", (request, reply, done) => {
    // API routes count their own requests (below); one that no route took is counted under its path.
    if (request.is404) {
      const path = pathOf(request);
      if (path.startsWith("/v1/")) parts.counters.record(request.method, path, reply.statusCode);
    }
    parts.log(`${request.method} ${pathOf(request)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
    done();
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const apiError = error instanceof ApiError ? error : fromFrameworkError(error);
    if (apiError.status >= 500) parts.log(`internal error: ${error.stack ?? error.message}`);
    sendError(reply, apiError);
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, new ApiError(404, "route_not_found", `No route ${request.method} ${pathOf(request)}`));
  });

  const keys = new IdempotencyKeys(parts.world);
  for (const route of ROUTES) {
    const handler = HANDLERS[route.operationId];
    if (!handler) throw new Error(`no emulator handler for ${route.operationId}`);
    // The route's own hooks know its template without asking Fastify to build the route's options per
    // request. Callback hooks rather than async ones: most requests trip no fault, and then need no promise.
    app.route({
      method: route.method,
      url: route.path,
      onRequest: (request, reply, done) => {
        const faults = parts.faults.trip(request.method, route.path, "before");
        if (faults.length === 0) return done();
        applyFaults(faults, reply).then(() => done(), done);
      },
      onResponse: (request, reply, done) => {
        parts.counters.record(request.method, route.path, reply.statusCode);
        done();
      },
      handler: (request, reply) => serve(parts, keys, route, handler, request, reply),
    });
  }
  registerControlRoutes(app, parts);
  return app;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A JSON body in UTF-8, the only encoding the API takes. An empty body is no body: body-less POSTs often still say application/json. */
function parseJsonBody(contentType: string, bytes: Buffer): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new ApiError(415, "unsupported_media_type", `Send the body as application/json in UTF-8, not ${charset}`);
  }
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

const sendError = (reply: FastifyReply, error: ApiError) => void reply.status(error.status).send(error.toBody());

/** The request's path, without its query. */
function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf("?");
  return query === -1 ? request.url : request.url.slice(0, query);
}

async function serve(
  parts: ServerParts,
  keys: IdempotencyKeys,
  route: Route,
  handler: Handler,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const { world } = parts;
  const access = authenticate(parts, request);
  const params = route.params ? route.params.safeParse(request.params) : { success: true as const, data: {} };
  if (!params.success) throw new ApiError(404, "not_found", `No such object: ${pathOf(request)}`);
  const query = parseQuery(route, request.query as Record<string, unknown>);
  const body = parseBody(route, request.body);
  const call = {
    world,
    access,
    params: params.data,
    query,
    body,
    baseUrl: parts.baseUrl(),
    ifMatch: header(request, "if-match"),
  };

  const idempotencyKey = route.method === "POST" ? idempotencyKeyOf(header(request, "idempotency-key")) : undefined;
  const answer = () => {
    if (idempotencyKey !== undefined) {
      const replay = keys.replay(access, request, idempotencyKey, () => checkStillAllowed(world, handler, call));
      if (replay) return { ...replay, replayed: true };
    }
    const result = render(route, handler(call), parts.checkAnswers);
    if (idempotencyKey !== undefined && result.status < 300) keys.remember(access, request, idempotencyKey, result);
    return { ...result, replayed: false };
  };
  // Requests run one at a time, synchronously: a read needs no transaction of its own.
  const outcome = route.method === "GET" ? answer() : world.db.transaction(answer);

  const faults = parts.faults.trip(request.method, route.path, "after");
  if (faults.length > 0) await applyFaults(faults, reply);
  if (reply.sent) return;
  if (outcome.replayed) void reply.header("idempotent-replayed", "true");
  if (outcome.etag) void reply.header("etag", outcome.etag);
  // The platform's own clock, which control endpoints move: clients judge expiry against it.
  void reply.header("date", parts.world.clock.now().toUTCString());
  if (outcome.text === null) return reply.status(outcome.status).send();
  // Serialized once, in render: the ETag is the digest of these very bytes.
  return reply.status(outcome.status).type("application/json; charset=utf-8").send(outcome.text);
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

function authenticate(parts: ServerParts, request: FastifyRequest): Access {
  const match = /^Bearer (\S+)$/.exec(header(request, "authorization") ?? "");
  const token = match ? parts.world.token(match[1]!) : null;
  if (!token || token.kind === "control" || !token.user_id) {
    throw new ApiError(401, "unauthorized", "Send a valid API token as `Authorization: Bearer <token>`");
  }
  return new Access(parts.world, token);
}

function parseQuery(route: Route, query: Record<string, unknown>): unknown {
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

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
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

async function applyFaults(actions: FaultAction[], reply: FastifyReply): Promise<void> {
  for (const action of actions) {
    if (action.kind === "latency") {
      await new Promise((resolve) => setTimeout(resolve, action.ms));
    } else if (action.kind === "drop") {
      reply.hijack();
      reply.raw.socket?.destroy();
      return;
    } else {
      if (action.retryAfter !== undefined) void reply.header("retry-after", String(action.retryAfter));
      const code = action.status === 429 ? "rate_limited" : action.status < 500 ? "injected_refusal" : "server_error";
      sendError(reply, new ApiError(action.status, code, `Injected fault: ${action.status}`));
      return;
    }
  }
}

function fromFrameworkError(error: FastifyError): ApiError {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiError(400, "malformed_json", "The request body is not valid JSON");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError(413, "body_too_large", "The request body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError(415, "unsupported_media_type", "Send the body as application/json");
  }
  if (error instanceof SyntaxError) return new ApiError(400, "malformed_json", "The request body is not valid JSON");
  const status = error.statusCode ?? 500;
  if (status < 500) return new ApiError(status, "bad_request", error.message);
  return new ApiError(500, "internal_error", "The emulator failed to handle this request");
}
