/**
 * A deterministic fuzz of every route in ROUTES: random and malformed bodies, path ids, query
 * parameters and headers, sent with a valid token. No answer may be a 5xx, every error must use the
 * error envelope, and a request answered with a 4xx must leave stored data exactly as it was.
 */
import { ROUTES, type Route } from "../../../provider/model/api";
import type { ApiResponse, Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const SEED = Number(process.env.FUZZ_SEED ?? 0x5c0de);
const REQUESTS_PER_ROUTE = Number(process.env.FUZZ_REQUESTS_PER_ROUTE ?? 12);

jest.setTimeout(60_000);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  private readonly next: () => number;
  private serial = 0;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A counter for values that should be fresh (slugs, emails) so some requests can succeed. */
  fresh(): number {
    return ++this.serial;
  }

  string(): string {
    switch (this.int(9)) {
      case 0:
        return "";
      case 1:
        return " ";
      case 2:
        return "x".repeat(this.pick([64, 201, 255, 1_000, 70_000]));
      case 3:
        return "Ωmega 🚀 ünïcödé \u202e rtl \u0000 nul";
      case 4:
        return "'; DROP TABLE objects; --";
      case 5:
        return "../../etc/passwd";
      case 6:
        return this.pick([
          "apex",
          "APEX",
          "apex-digital",
          "a",
          "-",
          "admin@",
          "@x",
          "USD",
          "usd",
          "ZA",
          "null",
          "true",
          "0",
        ]);
      case 7:
        return "\ud800";
      default:
        return Array.from({ length: this.int(20) }, () => String.fromCharCode(32 + this.int(95))).join("");
    }
  }

  json(depth = 0): unknown {
    const kinds = depth > 3 ? 6 : 8;
    switch (this.int(kinds)) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([0, -1, 1, 1.5, 2 ** 53, -(2 ** 63), 1e308, 201, 100, 7]);
      case 3:
        return this.string();
      case 4:
        return this.string();
      case 5:
        return this.pick(["owner", "admin", "viewer", "member", "github", "vercel", "saml", "none", "production"]);
      case 6:
        return Array.from({ length: this.int(4) }, () => this.json(depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--)
          object[this.pick(["name", "slug", "role", "email", "config", "x", "__proto__", "constructor", "🙂"])] =
            this.json(depth + 1);
        return object;
      }
    }
  }

  deep(levels: number): unknown {
    let value: unknown = "bottom";
    for (let i = 0; i < levels; i++) value = this.chance(0.5) ? [value] : { nested: value };
    return value;
  }
}

const emu = useEmulator();
const pools: Record<string, string[]> = { org_id: [], ws_id: [], user_id: [], domain_id: [], integration_id: [] };
const PREFIX: Record<string, string> = {
  org_id: "ORG",
  ws_id: "WS",
  user_id: "USR",
  domain_id: "DOM",
  integration_id: "INT",
};

beforeAll(async () => {
  const orgA = await emu.fx.org({ billing_email: "billing@example.com" });
  const orgB = await emu.fx.org();
  const wsA = await emu.fx.workspace(orgA.id);
  const wsB = await emu.fx.workspace(orgB.id);
  const invited = await emu.fx.invite(orgA.id, "billing");
  const active = await emu.fx.member(orgA.id, "admin");
  must(
    await emu.client.api("POST", `/v1/workspaces/${wsA.id}/members`, {
      body: { user_id: active.userId, role: "member" },
    }),
    201,
    "ws member",
  );
  const domain = await emu.fx.verifiedDomain(orgA.id);
  must(
    await emu.client.api("PATCH", `/v1/orgs/${orgA.id}/domains/${domain.id}`, { body: { scim_enabled: true } }),
    200,
    "scim on",
  );
  const unverified = await emu.fx.domain(orgB.id);
  const github = await emu.fx.integration({
    workspace_id: wsA.id,
    type: "github",
    config: { org: "apex", webhook_secret: "s" },
  });
  const vercel = await emu.fx.integration({
    organization_id: orgA.id,
    type: "vercel",
    config: { team_id: "t", access_token: "s" },
  });
  must(
    await emu.client.api("PUT", `/v1/orgs/${orgA.id}/address`, {
      body: { line1: "1 Long St", city: "Cape Town", postal_code: "8001", country: "ZA" },
    }),
    200,
    "address",
  );
  pools.org_id!.push(orgA.id, orgB.id);
  pools.ws_id!.push(wsA.id, wsB.id);
  pools.user_id!.push(emu.client.userId, invited.user_id, active.userId);
  pools.domain_id!.push(domain.id, unverified.id);
  pools.integration_id!.push(github.id, vercel.id);
});

/** A plausible valid body per operation, which the fuzz then breaks in various ways. */
const TEMPLATES: Record<string, (g: Gen) => Record<string, unknown>> = {
  createOrganization: (g) => ({
    name: "Fuzz Org",
    slug: `fuzz-org-${g.fresh()}`,
    billing_email: "b@example.com",
    settings: { require_mfa: true },
  }),
  updateOrganization: () => ({ name: "Fuzzed Name", settings: { default_currency: "EUR" } }),
  putOrganizationAddress: () => ({
    line1: "2 Short St",
    city: "Durban",
    postal_code: "4001",
    country: "ZA",
    tax_id_type: "za_vat",
  }),
  inviteMember: (g) => ({ email: `fuzz${g.fresh()}@example.com`, role: "viewer" }),
  bulkInviteMembers: (g) => ({ invitations: [{ email: `bulk${g.fresh()}@example.com`, role: "billing" }] }),
  updateMember: () => ({ role: "viewer" }),
  createWorkspace: (g) => ({ organization_id: g.pick(pools.org_id!), name: "Fuzz Ws", slug: `fuzz-ws-${g.fresh()}` }),
  updateWorkspace: () => ({ name: "Fuzzed Ws", settings: { require_task_service_line: true } }),
  addWorkspaceMember: (g) => ({ user_id: g.pick(pools.user_id!), role: "viewer" }),
  updateWorkspaceMember: () => ({ role: "viewer" }),
  createDomain: (g) => ({ domain: `fuzz${g.fresh()}.example.com` }),
  updateDomain: () => ({ jit_provisioning_enabled: true }),
  createIntegration: (g) => ({ workspace_id: g.pick(pools.ws_id!), type: "github", config: { org: "apex" } }),
  updateIntegration: () => ({ config: { org: "apex-fuzz" } }),
  updateEnvironmentMapping: () => ({ environment_mapping: { production: "prod" } }),
};

/** Percent-encodes a value; a lone surrogate becomes the invalid UTF-8 sequence %ED%A0%80, itself a fuzz input. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
};

const WRONG_IDS = [
  "",
  "abc",
  "ORG-26-1",
  "org-26-000001",
  "ORG-26-0000001",
  "ORG\u201026\u2010000001",
  "🙂",
  "x".repeat(300),
  "..",
  "%00",
  "null",
  "0",
  "-1",
  "ORG-26-000001;DROP TABLE objects",
  " ORG-26-000001",
  "USR-26-000001\n",
  "WS-26-00000a",
];

function pathParam(g: Gen, name: string): string {
  const roll = g.int(10);
  if (roll < 5) return encode(g.pick(pools[name]!));
  if (roll < 7) return `${PREFIX[name]}-26-${String(g.int(1_000_000)).padStart(6, "0")}`;
  if (roll < 8) return encode(g.pick(Object.values(pools).flat()));
  if (roll < 9 && g.chance(0.3)) return g.pick(["%E0%A4%A", "%", "%ZZ"]);
  return encode(g.pick(WRONG_IDS));
}

function query(g: Gen, route: Route): string {
  if (!route.query && !g.chance(0.15)) return "";
  const parts: string[] = [];
  for (let i = g.int(4); i > 0; i--) {
    const key = g.pick([
      "limit",
      "limit",
      "cursor",
      "cursor",
      "organization_id",
      "workspace_id",
      "foo",
      "limit[]",
      "__proto__",
      "🙂",
    ]);
    const value = g.pick([
      "0",
      "1",
      "50",
      "200",
      "201",
      "-5",
      "abc",
      "1e2",
      "",
      "99999999999999999999",
      "c1.",
      "c1.MQ",
      "c1.!!",
      "garbage",
      ...pools.org_id!,
      ...pools.ws_id!,
      "ORG-26-999999",
      g.string().slice(0, 200),
    ]);
    parts.push(`${encode(key)}=${encode(value)}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

interface FuzzRequest {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers: Record<string, string>;
}

function body(g: Gen, route: Route): Pick<FuzzRequest, "body" | "rawBody" | "contentType"> {
  const template = TEMPLATES[route.operationId];
  if (!route.body || !template) {
    const roll = g.int(10);
    if (roll < 7) return {};
    if (roll < 9) return { body: g.json() };
    return { rawBody: g.pick(["{", "[1,", "nul", "{'a':1}"]) };
  }
  const valid = template(g);
  const keys = Object.keys(valid);
  switch (g.int(10)) {
    case 0:
      return { body: valid };
    case 1: {
      const { [g.pick(keys)]: _dropped, ...rest } = valid;
      return { body: rest };
    }
    case 2:
      return { body: { ...valid, [g.pick(keys)]: g.json() } };
    case 3:
      return { body: { ...valid, [g.pick(keys)]: g.json(), [g.pick(keys)]: g.json() } };
    case 4:
      return { body: { ...valid, [g.pick(["unknown", "id", "created_at", "status", "extra"])]: g.json() } };
    case 5:
      return { body: g.json() };
    case 6:
      return { body: { ...valid, [g.pick(keys)]: "x".repeat(g.pick([300, 100_000])) } };
    case 7:
      return { body: { ...valid, [g.pick(keys)]: g.deep(g.pick([5, 40, 200])) } };
    case 8:
      return { rawBody: JSON.stringify(valid).slice(0, -1 - g.int(5)) };
    default:
      return {
        body: valid,
        contentType: g.pick(["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"]),
      };
  }
}

function headers(g: Gen, route: Route): Record<string, string> {
  const out: Record<string, string> = {};
  if (g.chance(0.2))
    out["if-match"] = g
      .pick(['"abc"', "*", 'W/"x"', "garbage", "", '"', "🙂".normalize()])
      .replace(/[^\x20-\x7e]/g, "?");
  if (route.method === "POST" && g.chance(0.2)) out["idempotency-key"] = g.pick(["k1", "k2", "x".repeat(500), ""]);
  return out;
}

function generate(g: Gen, route: Route): FuzzRequest {
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => pathParam(g, name)) + query(g, route);
  return { method: route.method, path, headers: headers(g, route), ...body(g, route) };
}

/** Every list endpoint, over every organization, workspace and domain the bootstrap admin sees. */
async function snapshot(): Promise<string> {
  const orgs = await emu.fx.all("/v1/orgs");
  const workspaces = await emu.fx.all("/v1/workspaces");
  const perOrg = await Promise.all(
    orgs.map(async (org: Json) => {
      const [members, domains, integrations, address, roles] = await Promise.all([
        emu.fx.all(`/v1/orgs/${org.id}/members`),
        emu.fx.all(`/v1/orgs/${org.id}/domains`),
        emu.fx.all(`/v1/integrations?organization_id=${org.id}`),
        emu.client.api("GET", `/v1/orgs/${org.id}/address`).then((r) => r.body),
        emu.client.api("GET", `/v1/orgs/${org.id}/roles`).then((r) => r.body),
      ]);
      const logs = await Promise.all(
        domains.map((d: Json) => emu.fx.all(`/v1/orgs/${org.id}/domains/${d.id}/scim/logs`)),
      );
      return { members, domains, integrations, address, roles, logs };
    }),
  );
  const wsMembers = await Promise.all(workspaces.map((ws: Json) => emu.fx.all(`/v1/workspaces/${ws.id}/members`)));
  return JSON.stringify({ orgs, workspaces, perOrg, wsMembers, integrations: await emu.fx.all("/v1/integrations") });
}

async function send(request: FuzzRequest): Promise<ApiResponse | Error> {
  try {
    return await emu.client.api(request.method, request.path, {
      body: request.body,
      rawBody: request.rawBody,
      contentType: request.contentType,
      headers: request.headers,
    });
  } catch (error) {
    return error as Error;
  }
}

const describeRequest = (r: FuzzRequest) => {
  const shown = r.rawBody ?? (r.body === undefined ? "" : JSON.stringify(r.body));
  return `${r.method} ${r.path.length > 120 ? `${r.path.slice(0, 120)}…` : r.path} ${shown.length > 160 ? `${shown.slice(0, 160)}…` : shown}`;
};

interface FuzzResults {
  serverErrors: string[];
  transportErrors: string[];
  badEnvelopes: string[];
  mutatingRejections: string[];
  statuses: Record<string, number>;
}

/**
 * Sends the requests, route by route. Stored data is snapshotted after every non-GET request (and
 * after each route's run of GETs): a snapshot that moved across a 4xx is a rejected request that
 * changed something.
 */
async function fuzz(seed: number): Promise<FuzzResults> {
  const g = new Gen(seed);
  const results: FuzzResults = {
    serverErrors: [],
    transportErrors: [],
    badEnvelopes: [],
    mutatingRejections: [],
    statuses: {},
  };
  let baseline = await snapshot();
  let refusedGets: string[] = [];
  const checkGets = async () => {
    if (refusedGets.length === 0) return;
    const now = await snapshot();
    if (now !== baseline) results.mutatingRejections.push(`one of: ${refusedGets.join(" | ")}`);
    baseline = now;
    refusedGets = [];
  };

  for (const route of ROUTES) {
    for (let i = 0; i < REQUESTS_PER_ROUTE; i++) {
      const request = generate(g, route);
      const res = await send(request);
      if (res instanceof Error) {
        results.transportErrors.push(`${describeRequest(request)} → ${res.message}`);
        baseline = await snapshot();
        refusedGets = [];
        continue;
      }
      results.statuses[res.status] = (results.statuses[res.status] ?? 0) + 1;
      const refused = res.status >= 400 && res.status < 500;
      if (res.status >= 500)
        results.serverErrors.push(
          `${describeRequest(request)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
        );
      if (res.status >= 400) {
        const error = res.body?.error;
        if (typeof error?.code !== "string" || typeof error?.message !== "string") {
          results.badEnvelopes.push(
            `${describeRequest(request)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
        }
      }
      if (request.method === "GET") {
        if (refused) refusedGets.push(describeRequest(request));
        continue;
      }
      const now = await snapshot();
      if (refused && now !== baseline) {
        const gets = refusedGets.length ? ` (or one of the ${refusedGets.length} refused GETs before it)` : "";
        results.mutatingRejections.push(`${describeRequest(request)} → ${res.status} ${res.body?.error?.code}${gets}`);
      }
      baseline = now;
      refusedGets = [];
    }
    await checkGets();
  }
  return results;
}

let results: FuzzResults;

test("every route with a body has a template to fuzz from", () => {
  expect(ROUTES.filter((r: Route) => r.body && !TEMPLATES[r.operationId]).map((r) => r.operationId)).toEqual([]);
});

describe(`${REQUESTS_PER_ROUTE} random requests per route, seed ${SEED}`, () => {
  beforeAll(async () => {
    results = await fuzz(SEED);
  });

  test("the fuzz reaches both sides: every request answered, some accepted, many refused", () => {
    const total = Object.values(results.statuses).reduce((a, b) => a + b, 0) + results.transportErrors.length;
    expect(total).toBe(ROUTES.length * REQUESTS_PER_ROUTE);
    expect(Object.keys(results.statuses).filter((s) => s.startsWith("2")).length).toBeGreaterThan(0);
    expect(results.statuses["422"] ?? 0).toBeGreaterThan(0);
    expect(results.statuses["404"] ?? 0).toBeGreaterThan(0);
  });

  test("no answer is a 5xx", () => {
    expect(results.serverErrors).toEqual([]);
  });

  test("no request is left without an answer", () => {
    expect(results.transportErrors).toEqual([]);
  });

  test("no request answered with a 4xx changes stored data", () => {
    expect(results.mutatingRejections).toEqual([]);
  });

  test("every error answer uses the {error: {code, message}} envelope", () => {
    expect(results.badEnvelopes).toEqual([]);
  });
});
