import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import { z } from "zod";
import { ErrorBody, list, PAGE_LIMIT_MAX, single } from "../model/api";
import { ApiContractError, ApiRequestError, ApiUnavailableError } from "./errors";
import { Redactor } from "./redact";
import { DEFAULT_RETRY_POLICY, isRetryableNetworkError, parseRetryAfter, RETRYABLE_STATUSES, retryDelay, type RetryPolicy } from "./retry";
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

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  ifMatch?: string;
  /** Defaults to a fresh key per call for POST, reused by every retry of that call. */
  idempotencyKey?: string;
}

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

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The only code that speaks HTTP to the platform: pooled keep-alive connections, one throttle for
 * every request (slowing down on 429), bounded retries with backoff and jitter on 429 and 5xx
 * and dropped connections (honouring Retry-After), concurrent identical GETs sent once, an
 * Idempotency-Key on every POST, cursor pagination, and responses checked against the contract.
 */
export class ScrumsClient {
  readonly redactor = new Redactor();
  private readonly agent: Agent;
  private readonly throttle: Throttle;
  private readonly retry: RetryPolicy;
  private readonly baseUrl: string;
  private readonly readsInFlight = new Map<string, Promise<RawResponse>>();
  private readonly writeListeners: Array<(path: string) => void> = [];

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.apiUrl.replace(/\/+$/, "");
    this.redactor.add(options.token);
    const concurrency = options.maxConcurrency ?? 16;
    this.agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000, pipelining: 1 });
    this.throttle = new Throttle(concurrency);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** Sends a request whose success body is `{"data": item}` (or nothing, for 204). */
  async send<T>(method: Method, path: string, item: z.ZodType<T> | null, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const raw = method === "GET" ? await this.read(path, options) : await this.write(method, path, options);
    const { status, etag, date, replayed } = raw;
    if (status === 204 || item === null) return { status, data: undefined as T, etag, date, replayed };
    const parsed = single(item).safeParse(raw.body);
    if (!parsed.success) throw new ApiContractError(method, path, z.prettifyError(parsed.error));
    return { status, data: parsed.data.data as T, etag, date, replayed };
  }

  /** Every item of a paged collection, fetching pages of `limit` as the caller iterates. */
  async *paginate<T>(path: string, item: z.ZodType<T>, query: Record<string, string | undefined> = {}, limit = PAGE_LIMIT_MAX): AsyncGenerator<T> {
    for await (const page of this.pages(path, item, query, limit)) yield* page.items;
  }

  /** Every item of a paged collection, read in pages of the largest size the API allows. */
  async list<T>(path: string, item: z.ZodType<T>, query: Record<string, string | undefined> = {}): Promise<Listing<T>> {
    const listing: Listing<T> = { items: [], date: new Date() };
    let first = true;
    for await (const page of this.pages(path, item, query, PAGE_LIMIT_MAX)) {
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

  private async *pages<T>(path: string, item: z.ZodType<T>, query: Record<string, string | undefined>, limit: number): AsyncGenerator<Listing<T>> {
    let cursor: string | undefined;
    do {
      const raw = await this.read(path, { query: { ...query, limit, cursor } });
      const parsed = list(item).safeParse(raw.body);
      if (!parsed.success) throw new ApiContractError("GET", path, z.prettifyError(parsed.error));
      yield { items: parsed.data.data as T[], date: raw.date };
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

  private async write(method: Method, path: string, options: RequestOptions): Promise<RawResponse> {
    try {
      return await this.exchange(method, path, this.url(path, options), options);
    } finally {
      for (const listener of this.writeListeners) listener(path);
    }
  }

  private url(path: string, options: RequestOptions): URL {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  private async exchange(method: Method, path: string, url: URL, options: RequestOptions): Promise<RawResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: "application/json" };
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
          const answer = await request(url, { method, headers, body, dispatcher: this.agent, signal });
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
          throw this.redacted(new ApiRequestError(method, path, response.statusCode, error.success ? error.data : undefined));
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
        throw new ApiUnavailableError(method, path, `${reason}, still failing after ${attempt + 1} attempts in ${Date.now() - started} ms`);
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

const parseJson = (text: string): unknown => {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
