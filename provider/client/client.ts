import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type * as Undici from "undici";
import { z } from "zod";
import {
  type DerivedBody,
  ErrorBody,
  type OperationId,
  PAGE_LIMIT_MAX,
  type HttpMethod,
  type Route,
  type RouteOf,
  routeOf,
  type ROUTES,
} from "../model/api";
import { ApiContractError, ApiRequestError, ApiUnavailableError, RequestSchemaError } from "./errors";
import { Redactor } from "./redact";
import {
  DEFAULT_RETRY_POLICY,
  isRetryableNetworkError,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  retryDelay,
  type RetryPolicy,
} from "./retry";
import { Throttle } from "./throttle";

export interface ClientOptions {
  apiUrl: string;
  token: string;
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once, across everything this client does. */
  maxConcurrency?: number;
  /** Receives one line per request and retry, with secrets redacted. */
  log?: (line: string) => void;
  /**
   * Once aborted, the client sends nothing more: every attempt checks it just before it goes out,
   * requests in flight and retry waits are abandoned, and each call fails with the abort's reason.
   */
  signal?: AbortSignal;
}

interface RequestOptions {
  query?: Record<string, unknown>;
  body?: unknown;
  ifMatch?: string;
  /** Defaults to a fresh key per call for POST, reused by every retry of that call. */
  idempotencyKey?: string;
}

type Routes = (typeof ROUTES)[number];
type ListRoute = Extract<Routes, { query: { shape: { cursor: z.ZodType } } }>;
/** The operations that read a collection a page at a time. */
export type ListOperationId = ListRoute["operationId"];

/** What a call of `Op` takes: the path parameters, query and body its route's schemas accept. */
export type CallInput<Op extends OperationId> = Pick<RequestOptions, "ifMatch" | "idempotencyKey"> &
  (RouteOf<Op> extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : { params?: never }) &
  (RouteOf<Op> extends { query: infer Q extends z.ZodType } ? { query?: z.input<Q> } : { query?: never }) &
  (RouteOf<Op> extends { body: infer B extends z.ZodType } ? { body: z.input<B> | DerivedBody } : { body?: never });

/** The `data` of `Op`'s success answer; undefined for a 204. */
export type CallResult<Op extends OperationId> = RouteOf<Op>["response"] extends infer S extends z.ZodType
  ? z.output<S> extends { data: infer Data }
    ? Data
    : never
  : undefined;

/** One item of the collection `Op` lists. */
export type ListItem<Op extends ListOperationId> = CallResult<Op> extends readonly (infer Item)[] ? Item : never;

/** `route`'s path with its `:name` parameters filled in, URL-encoded. */
function pathOf(route: Route, params: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RequestSchemaError(route.operationId, `the path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}

/** The path a call of `operationId` with `input` is sent to. */
export const callPath = <Op extends OperationId>(operationId: Op, input: CallInput<Op>): string =>
  pathOf(routeOf(operationId), (input as { params?: Record<string, string> }).params);

/** Every item of a collection, with the server's clock when its first page was read. */
export interface Listing<T> {
  items: T[];
  date: Date;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | undefined;
  /** The server's clock (its `Date` header), which expiry times are judged against. */
  date: Date;
  /** The platform answered a POST with the response it gave earlier to the same Idempotency-Key. */
  replayed: boolean;
}

interface RawResponse {
  status: number;
  body: unknown;
  etag: string | undefined;
  date: Date;
  replayed: boolean;
}

/**
 * The only code that speaks HTTP to the platform: pooled keep-alive connections, one throttle for
 * every request (slowing down on 429), bounded retries with backoff and jitter on 429 and 5xx
 * and dropped connections (honouring Retry-After), concurrent identical GETs sent once, an
 * Idempotency-Key on every POST, cursor pagination. Callers name the API's operations (`ROUTES`):
 * bodies are checked against the contract before they are sent, and responses when they arrive.
 */
let undici: typeof Undici | undefined;

/**
 * undici, loaded by the first client: a provider process that only answers Terraform's schema and
 * validation calls (most of its launches) never pays for loading it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadUndici = () => (undici ??= require("undici") as typeof Undici);

export class ScrumsClient {
  readonly redactor = new Redactor();
  private readonly agent: Undici.Agent;
  private readonly throttle: Throttle;
  private readonly retry: RetryPolicy;
  private readonly baseUrl: string;
  private readonly readsInFlight = new Map<string, Promise<RawResponse>>();
  private readonly writeListeners: Array<(path: string) => void> = [];

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.apiUrl.replace(/\/+$/, "");
    this.redactor.add(options.token);
    const concurrency = options.maxConcurrency ?? 16;
    this.agent = new (loadUndici().Agent)({ connections: concurrency, keepAliveTimeout: 30_000, pipelining: 1 });
    this.throttle = new Throttle(concurrency);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /**
   * Calls an operation of the API by its id: the body is checked against the route's schema before
   * anything is sent, and the answer against its response schema, which gives the answer's `data`.
   */
  async call<Op extends OperationId>(operationId: Op, input: CallInput<Op>): Promise<ApiResponse<CallResult<Op>>> {
    const route: Route = routeOf(operationId);
    const options = input as RequestOptions;
    if (options.body !== undefined) checkBody(route, options.body);
    const path = callPath(operationId, input);
    const raw = route.method === "GET" ? await this.read(path, options) : await this.write(route.method, path, options);
    const { status, etag, date, replayed } = raw;
    if (route.response === null) return { status, data: undefined as CallResult<Op>, etag, date, replayed };
    const parsed = route.response.safeParse(raw.body);
    if (!parsed.success) throw new ApiContractError(route.method, path, z.prettifyError(parsed.error));
    return { status, data: (parsed.data as { data: CallResult<Op> }).data, etag, date, replayed };
  }

  /** Every item of the collection `Op` lists, fetching pages of `limit` as the caller iterates. */
  async *paginate<Op extends ListOperationId>(
    operationId: Op,
    input: CallInput<Op>,
    limit = PAGE_LIMIT_MAX,
  ): AsyncGenerator<ListItem<Op>> {
    for await (const page of this.pages(operationId, input, limit)) yield* page.items;
  }

  /** Every item of the collection `Op` lists, read in pages of the largest size the API allows. */
  async list<Op extends ListOperationId>(operationId: Op, input: CallInput<Op>): Promise<Listing<ListItem<Op>>> {
    const listing: Listing<ListItem<Op>> = { items: [], date: new Date() };
    let first = true;
    for await (const page of this.pages(operationId, input, PAGE_LIMIT_MAX)) {
      listing.items.push(...page.items);
      if (first) listing.date = page.date;
      first = false;
    }
    return listing;
  }

  /** Called with the path of every request that may have changed something, once it has an outcome. */
  onWrite(listener: (path: string) => void): void {
    this.writeListeners.push(listener);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async *pages<Op extends ListOperationId>(
    operationId: Op,
    input: CallInput<Op>,
    limit: number,
  ): AsyncGenerator<Listing<ListItem<Op>>> {
    const route: ListRoute = routeOf(operationId);
    const { query } = input as RequestOptions;
    const path = callPath(operationId, input);
    let cursor: string | undefined;
    do {
      const raw = await this.read(path, { query: { ...query, limit, cursor } });
      const parsed = route.response.safeParse(raw.body);
      if (!parsed.success) throw new ApiContractError("GET", path, z.prettifyError(parsed.error));
      yield { items: parsed.data.data as ListItem<Op>[], date: raw.date };
      cursor = parsed.data.meta.has_more ? (parsed.data.meta.cursor ?? undefined) : undefined;
    } while (cursor);
  }

  /** A GET; callers asking for the same URL while it is in flight share its answer. */
  private read(path: string, options: RequestOptions): Promise<RawResponse> {
    const url = this.url(path, options);
    const inFlight = this.readsInFlight.get(url.href);
    if (inFlight) return inFlight;
    const answer = this.exchange("GET", path, url, options).finally(() => this.readsInFlight.delete(url.href));
    this.readsInFlight.set(url.href, answer);
    return answer;
  }

  private async write(method: HttpMethod, path: string, options: RequestOptions): Promise<RawResponse> {
    try {
      return await this.exchange(method, path, this.url(path, options), options);
    } finally {
      for (const listener of this.writeListeners) listener(path);
    }
  }

  private url(path: string, options: RequestOptions): URL {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  private async exchange(method: HttpMethod, path: string, url: URL, options: RequestOptions): Promise<RawResponse> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: "application/json",
    };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch) headers["if-match"] = options.ifMatch;
    if (method === "POST") headers["idempotency-key"] = options.idempotencyKey ?? randomUUID();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const started = Date.now();
    const { signal } = this.options;

    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      let reason: string;
      try {
        const { response, text } = await this.throttle.use(async () => {
          signal?.throwIfAborted();
          const answer = await loadUndici().request(url, { method, headers, body, dispatcher: this.agent, signal });
          return { response: answer, text: await answer.body.text() };
        });
        const etag = typeof response.headers.etag === "string" ? response.headers.etag : undefined;
        this.log(`${method} ${path} ${response.statusCode}${attempt ? ` (attempt ${attempt + 1})` : ""}`);
        const date = typeof response.headers.date === "string" ? new Date(response.headers.date) : new Date();
        if (response.statusCode < 300) {
          this.throttle.succeeded();
          const replayed = response.headers["idempotent-replayed"] === "true";
          return { status: response.statusCode, body: parseJson(text), etag, date, replayed };
        }
        if (!RETRYABLE_STATUSES.has(response.statusCode)) {
          const error = ErrorBody.safeParse(parseJson(text));
          throw this.redacted(
            new ApiRequestError(method, path, response.statusCode, error.success ? error.data : undefined),
          );
        }
        const header = response.headers["retry-after"];
        retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header);
        if (response.statusCode === 429) this.throttle.rateLimited(retryAfterMs);
        reason = `${response.statusCode}`;
      } catch (error) {
        signal?.throwIfAborted();
        if (!isRetryableNetworkError(error)) throw error;
        reason = (error as Error).message;
      }
      const delay = retryDelay(this.retry, attempt, retryAfterMs);
      if (Date.now() + delay - started > this.retry.budgetMs) {
        throw new ApiUnavailableError(
          method,
          path,
          `${reason}, still failing after ${attempt + 1} attempts in ${Date.now() - started} ms`,
        );
      }
      this.log(`${method} ${path} ${reason}: retrying in ${delay} ms`);
      await sleep(delay, undefined, { signal }).catch((error: unknown) => {
        throw signal?.reason ?? error;
      });
    }
  }

  private redacted<E extends Error>(error: E): E {
    error.message = this.redactor.redact(error.message);
    return error;
  }

  private log(line: string): void {
    this.options.log?.(this.redactor.redact(line));
  }
}

/** Throws a RequestSchemaError naming the operation and every field unless the route's body schema accepts `body`. */
function checkBody(route: Route, body: unknown): void {
  if (!route.body) throw new RequestSchemaError(route.operationId, "it takes no body");
  const parsed = route.body.safeParse(body);
  if (!parsed.success)
    throw new RequestSchemaError(
      route.operationId,
      `its body does not match the API's schema:\n${z.prettifyError(parsed.error)}`,
    );
}

const parseJson = (text: string): unknown => {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
