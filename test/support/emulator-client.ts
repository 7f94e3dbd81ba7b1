/**
 * A small HTTP client for the emulator's tests: real requests over Node's global `fetch`, answers
 * as `{status, headers, body}`, plus the `/_emulator/*` control endpoints and token minting.
 */
import { start, type EmulatorOptions, type RunningEmulator } from "../../emulator";

/** A parsed JSON answer: tests read it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; the raw text when it is not JSON; null when empty. */
  body: Json;
}

export interface RequestOptions {
  /** The bearer token; the client's default token when absent, no Authorization header when null. */
  token?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent exactly as given (for malformed bodies), as `application/json` unless `contentType` says otherwise. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface MintOptions {
  kind: "user" | "service";
  user_id?: string;
  email?: string;
  organization_id?: string;
  workspace_id?: string;
  sso_session?: boolean;
}

export type Scope = { organization_id?: string; workspace_id?: string; sso_session?: boolean };

export class EmulatorClient {
  constructor(
    readonly url: string,
    /** The bootstrap service token: unscoped, the emulator admin's. */
    readonly token: string,
    readonly controlToken: string,
    /** The emulator admin's user id. */
    readonly userId: string,
  ) {}

  static of(emulator: Pick<RunningEmulator, "url" | "token" | "controlToken" | "userId">): EmulatorClient {
    return new EmulatorClient(emulator.url, emulator.token, emulator.controlToken, emulator.userId);
  }

  /** A request to the public API. */
  async api(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const token = options.token === undefined ? this.token : options.token;
    return send(this.url, method, path, token, options);
  }

  /** A request to a `/_emulator/*` control endpoint, with the control token. */
  async control(
    method: string,
    path: string,
    body?: unknown,
    token: string | null = this.controlToken,
  ): Promise<ApiResponse> {
    return send(this.url, method, `/_emulator${path}`, token, body === undefined ? {} : { body });
  }

  /** Mints a token through the control API and returns it. */
  async mint(options: MintOptions): Promise<string> {
    const res = await this.control("POST", "/tokens", options);
    if (res.status !== 201)
      throw new Error(`minting ${JSON.stringify(options)} answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.token as string;
  }

  userToken(userId: string, scope: Scope = {}): Promise<string> {
    return this.mint({ kind: "user", user_id: userId, ...scope });
  }

  serviceToken(userId: string, scope: Scope = {}): Promise<string> {
    return this.mint({ kind: "service", user_id: userId, ...scope });
  }
}

async function send(
  base: string,
  method: string,
  path: string,
  token: string | null,
  options: RequestOptions,
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers["content-type"] ??= options.contentType ?? "application/json";
  const response = await fetch(base + path, { method, headers, body: payload });
  const text = await response.text();
  let body: Json = null;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

/** An emulator for one test file: in memory unless a `dataDir` is given. */
export interface TestEmulator {
  emulator: RunningEmulator;
  client: EmulatorClient;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await start({ port: 0, ...options });
  return { emulator, client: EmulatorClient.of(emulator) };
}

/** `{status, code}` of an answer, to compare in one `expect` that shows both on failure. */
export const outcome = (res: ApiResponse) => ({
  status: res.status,
  code: res.body?.error?.code as string | undefined,
});

/** Asserts an error answer: its status, its `error.code`, and a message. */
export function expectError(res: ApiResponse, status: number, code: string): void {
  expect(outcome(res)).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe("string");
  expect(res.body.error.message.length).toBeGreaterThan(0);
}

/** The fields an error's `details` name, sorted. */
export const detailFields = (res: ApiResponse): string[] =>
  ((res.body?.error?.details ?? []) as { field: string }[]).map((d) => d.field).sort();

export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
export const idPatternOf = (prefix: string) => new RegExp(`^${prefix}-\\d{2}-\\d{6}$`);
export const ORG_ID = idPatternOf("ORG");
export const WS_ID = idPatternOf("WS");
export const USR_ID = idPatternOf("USR");
export const DOM_ID = idPatternOf("DOM");
export const INT_ID = idPatternOf("INT");

let counter = 0;
/** A slug (or name part) no other test in this process uses. */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;
