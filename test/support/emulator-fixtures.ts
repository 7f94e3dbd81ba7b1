/**
 * Setup steps the emulator's tests share: each makes one object through the public API (or a
 * control endpoint) and fails loudly, with the answer, when the emulator refuses it. `useEmulator`
 * gives a test file its emulator, client and fixtures.
 */
import type { EmulatorOptions } from "../../emulator";
import {
  startEmulator,
  unique,
  type ApiResponse,
  type EmulatorClient,
  type Json,
  type TestEmulator,
} from "./emulator-client";

/** The answer's `data` when its status is the expected one; throws with the whole answer otherwise. */
export function must(res: ApiResponse, status: number, what: string): Json {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body?.data;
}

export const TEST_CERT = [
  "-----BEGIN CERTIFICATE-----",
  "MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVGb3JUZXN0czAKBggqhkjOPQQDAjAT",
  "MREwDwYDVQQDDAhpZHAudGVzdDAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAw",
  "-----END CERTIFICATE-----",
  "",
].join("\n");

/** A domain's SAML block, with the test certificate, as declarations in Pulumi's names give it. */
export const testSaml = (domain: string) => ({
  entityId: `https://idp.${domain}/metadata`,
  acsUrl: `https://idp.${domain}/acs`,
  certificate: TEST_CERT,
});

export interface JoinedMember {
  userId: string;
  email: string;
  /** A user token of this member (no SSO session), unscoped. */
  token: string;
}

export class Fixtures {
  constructor(readonly client: EmulatorClient) {}

  async org(overrides: Record<string, unknown> = {}, token?: string): Promise<Json> {
    const slug = unique("org");
    const res = await this.client.api("POST", "/v1/orgs", { token, body: { name: `Org ${slug}`, slug, ...overrides } });
    return must(res, 201, "create organization");
  }

  async workspace(organizationId: string, overrides: Record<string, unknown> = {}, token?: string): Promise<Json> {
    const slug = unique("ws");
    const res = await this.client.api("POST", "/v1/workspaces", {
      token,
      body: { organization_id: organizationId, name: `Workspace ${slug}`, slug, ...overrides },
    });
    return must(res, 201, "create workspace");
  }

  async invite(organizationId: string, role: string, email = `${unique("user")}@example.com`): Promise<Json> {
    const res = await this.client.api("POST", `/v1/orgs/${organizationId}/members`, { body: { email, role } });
    return must(res, 201, `invite ${email} as ${role}`);
  }

  async accept(organizationId: string, userId: string): Promise<Json> {
    const res = await this.client.control("POST", "/invitations/accept", {
      organization_id: organizationId,
      user_id: userId,
    });
    return must(res, 200, `accept the invitation of ${userId}`);
  }

  /** An active member with the given org role, and a user token of theirs. */
  async member(organizationId: string, role: string): Promise<JoinedMember> {
    const invited = await this.invite(organizationId, role);
    await this.accept(organizationId, invited.user_id);
    return { userId: invited.user_id, email: invited.email, token: await this.client.userToken(invited.user_id) };
  }

  async domain(organizationId: string, domain = `${unique("d")}.example.com`): Promise<Json> {
    const res = await this.client.api("POST", `/v1/orgs/${organizationId}/domains`, { body: { domain } });
    return must(res, 201, `claim ${domain}`);
  }

  /** A domain claimed, its TXT record published, and verified. */
  async verifiedDomain(organizationId: string, domain?: string): Promise<Json> {
    const claimed = await this.domain(organizationId, domain);
    must(await this.client.control("POST", `/domains/${claimed.id}/publish-txt`), 200, "publish the TXT record");
    const res = await this.client.api("POST", `/v1/orgs/${organizationId}/domains/${claimed.id}/verify`);
    return must(res, 200, `verify ${claimed.domain}`);
  }

  async integration(body: Record<string, unknown>): Promise<Json> {
    return must(await this.client.api("POST", "/v1/integrations", { body }), 201, `connect ${String(body.type)}`);
  }

  /** Every item of a list endpoint, following cursors. */
  async all(path: string, token?: string): Promise<Json[]> {
    const items: Json[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const res = await this.client.api(
        "GET",
        `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { token },
      );
      const data = must(res, 200, `list ${path}`) as Json[];
      items.push(...data);
      cursor = res.body.meta.cursor;
    } while (cursor);
    return items;
  }
}

/** A test file's emulator, as `useEmulator` gives it: readable once its `beforeAll` hook has run. */
export interface EmulatorContext {
  readonly env: TestEmulator;
  readonly client: EmulatorClient;
  readonly fx: Fixtures;
}

/**
 * Starts an emulator for the calling test file in a `beforeAll` hook and closes it in an `afterAll`
 * hook. Call it at the top of the file, before any `beforeAll` that uses it: Jest runs hooks in the
 * order they were registered. Reading the answer's fields before the emulator has started throws.
 */
export function useEmulator(options: EmulatorOptions = {}): EmulatorContext {
  let started: { env: TestEmulator; fx: Fixtures } | undefined;
  const get = () => {
    if (!started) throw new Error("useEmulator: the emulator is read before its beforeAll hook has run");
    return started;
  };
  beforeAll(async () => {
    const env = await startEmulator(options);
    started = { env, fx: new Fixtures(env.client) };
  });
  afterAll(() => started?.env.emulator.close());
  return {
    get env() {
      return get().env;
    },
    get client() {
      return get().env.client;
    },
    get fx() {
      return get().fx;
    },
  };
}
