import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import { z } from "zod";
import { ErrorBody, list, PAGE_LIMIT_MAX, single } from "../model/api";
import { ApiContractError, ApiRequestError, ApiUnavailableError } from "./errors";
import { Redactor } from "./redact";
import { DEFAULT_RETRY_POLICY, isRetryableNetworkError, parseRetryAfter, RETRYABLE_STATUSES, retryDelay, type RetryPolicy } from "./retry";
import { Semaphore } from "./semaphore";

export interface ClientOptions {
  apiUrl: string;
  token: string;
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once, across everything this client does. */
  maxConcurrency?: number;
  /** Receives one line per request and retry, with secrets redacted. */
  log?: (line: string) => void;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  ifMatch?: string;
  /** Defaults to a fresh key per call for POST, reused by every retry of that call. */
  idempotencyKey?: string;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  etag: string | undefined;
  /** The server's clock (its `Date` header), which expiry times are judged against. */
  date: Date;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The only code that speaks HTTP to the platform: pooled keep-alive connections, bounded retries
 * with backoff and jitter on 429/502/503/504 and dropped connections (honouring Retry-After),
 * an Idempotency-Key on every POST, cursor pagination, and responses checked against the contract.
 */
export class ScrumsClient {
  readonly redactor = new Redactor();
  private readonly agent: Agent;
  private readonly limiter: Semaphore;
  private readonly retry: RetryPolicy;
  private readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.apiUrl.replace(/\/+$/, "");
    this.redactor.add(options.token);
    const concurrency = options.maxConcurrency ?? 16;
    this.agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000, pipelining: 1 });
    this.limiter = new Semaphore(concurrency);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** Sends a request whose success body is `{"data": item}` (or nothing, for 204). */
  async send<T>(method: Method, path: string, item: z.ZodType<T> | null, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const raw = await this.exchange(method, path, options);
    if (raw.status === 204 || item === null) return { status: raw.status, data: undefined as T, etag: raw.etag, date: raw.date };
    const parsed = single(item).safeParse(raw.body);
    if (!parsed.success) throw new ApiContractError(method, path, z.prettifyError(parsed.error));
    return { status: raw.status, data: parsed.data.data as T, etag: raw.etag, date: raw.date };
  }

  /** Every item of a paged collection, fetching pages of `limit` as the caller iterates. */
  async *paginate<T>(path: string, item: z.ZodType<T>, query: Record<string, string | undefined> = {}, limit = PAGE_LIMIT_MAX): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const raw = await this.exchange("GET", path, { query: { ...query, limit, cursor } });
      const parsed = list(item).safeParse(raw.body);
      if (!parsed.success) throw new ApiContractError("GET", path, z.prettifyError(parsed.error));
      yield* parsed.data.data as T[];
      cursor = parsed.data.meta.has_more ? (parsed.data.meta.cursor ?? undefined) : undefined;
    } while (cursor);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async exchange(method: Method, path: string, options: RequestOptions) {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch) headers["if-match"] = options.ifMatch;
    if (method === "POST") headers["idempotency-key"] = options.idempotencyKey ?? randomUUID();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const started = Date.now();

    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      let reason: string;
      try {
        const response = await this.limiter.use(() => request(url, { method, headers, body, dispatcher: this.agent }));
        const text = await response.body.text();
        const etag = typeof response.headers.etag === "string" ? response.headers.etag : undefined;
        this.log(`${method} ${path} ${response.statusCode}${attempt ? ` (attempt ${attempt + 1})` : ""}`);
        const date = typeof response.headers.date === "string" ? new Date(response.headers.date) : new Date();
        if (response.statusCode < 300) return { status: response.statusCode, body: parseJson(text), etag, date };
        if (!RETRYABLE_STATUSES.has(response.statusCode)) {
          const error = ErrorBody.safeParse(parseJson(text));
          throw this.redacted(new ApiRequestError(method, path, response.statusCode, error.success ? error.data : undefined));
        }
        const header = response.headers["retry-after"];
        retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header);
        reason = `${response.statusCode}`;
      } catch (error) {
        if (!isRetryableNetworkError(error)) throw error;
        reason = (error as Error).message;
      }
      const delay = retryDelay(this.retry, attempt, retryAfterMs);
      if (Date.now() + delay - started > this.retry.budgetMs) {
        throw new ApiUnavailableError(method, path, `${reason}, still failing after ${attempt + 1} attempts in ${Date.now() - started} ms`);
      }
      this.log(`${method} ${path} ${reason}: retrying in ${delay} ms`);
      await sleep(delay);
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
