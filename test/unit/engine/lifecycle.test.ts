/**
 * Every kind through the engine against the emulator: create with zero perpetual diff, update one
 * mutable field, drift made outside shows in the diff after a read, a read after an outside delete
 * is null, and delete removes the object (and counts an object already gone as deleted).
 */
import { type Applied, diffDeclaration } from "../../../provider/engine";
import type { KindName, Values } from "../../../provider/model/resources";
import { DOM_ID, INT_ID, ORG_ID, unique, USR_ID, WS_ID, type Json } from "../../support/emulator-client";
import { must, TEST_CERT } from "../../support/emulator-fixtures";
import { changesOf, declare, setAutoVerify, useEngine } from "../../support/engine-fixtures";

const t = useEngine();

beforeAll(() => setAutoVerify(t.emu, true));

const api = async (method: string, path: string, body?: unknown) =>
  t.emu.client.api(method, path, body === undefined ? {} : { body });
const get = async (path: string) => api("GET", path);

interface Case {
  name: string;
  kind: KindName;
  /** Makes what the object needs and returns its declaration. */
  declaration(): Promise<Values>;
  /** The pattern of the engine's id. */
  id: RegExp;
  /** The object's API path, from the engine's id and state. */
  path(id: string, state: Values): string;
  /** One mutable field changed, and how the API shows it. */
  update: { with: Values; shows(object: Json): unknown; expected: unknown };
  /** A change made outside the engine, and the declared field it shows as. */
  drift: { method: string; path?(id: string, state: Values): string; body: unknown; field: string };
  /** Whether the API still shows the object as live. */
  live(object: Json | null): boolean;
}

const orgOf = async () => (await t.emu.fx.org()).id as string;

const CASES: Case[] = [
  {
    name: "Organization",
    kind: "Organization",
    declaration: async () => ({
      name: "Lifecycle Org",
      slug: unique("lc-org"),
      billingEmail: "billing@lifecycle.example.com",
      requireMfa: true,
      defaultCurrency: "EUR",
      planId: "plan_enterprise_annual",
      address: {
        line1: "1 Long Street",
        city: "Cape Town",
        postalCode: "8001",
        country: "ZA",
        taxId: "4123456789",
        taxIdType: "za_vat",
      },
    }),
    id: ORG_ID,
    path: (id) => `/v1/orgs/${id}`,
    update: { with: { name: "Lifecycle Org Renamed" }, shows: (o) => o.name, expected: "Lifecycle Org Renamed" },
    drift: { method: "PATCH", body: { settings: { require_mfa: false } }, field: "requireMfa" },
    live: (o) => o !== null && o.status !== "closed",
  },
  {
    name: "Workspace",
    kind: "Workspace",
    declaration: async () => ({
      organizationId: await orgOf(),
      name: "Lifecycle WS",
      slug: unique("lc-ws"),
      defaultCurrency: "GBP",
      requireTaskServiceLine: true,
    }),
    id: WS_ID,
    path: (id) => `/v1/workspaces/${id}`,
    update: { with: { name: "Lifecycle WS Renamed" }, shows: (o) => o.name, expected: "Lifecycle WS Renamed" },
    drift: {
      method: "PATCH",
      body: { settings: { require_task_service_line: false } },
      field: "requireTaskServiceLine",
    },
    live: (o) => o !== null && o.status !== "archived",
  },
  {
    name: "OrganizationMember",
    kind: "OrganizationMember",
    declaration: async () => ({
      organizationId: await orgOf(),
      email: `${unique("Lc.Member")}@Example.COM`,
      role: "billing",
    }),
    id: new RegExp(`^${ORG_ID.source.slice(1, -1)}/${USR_ID.source.slice(1, -1)}$`),
    path: (id) => `/v1/orgs/${id.split("/")[0]}/members/${id.split("/")[1]}`,
    update: { with: { role: "admin" }, shows: (o) => o.role, expected: "admin" },
    drift: { method: "PATCH", body: { role: "viewer" }, field: "role" },
    live: (o) => o !== null,
  },
  {
    name: "WorkspaceMember",
    kind: "WorkspaceMember",
    declaration: async () => {
      const orgId = await orgOf();
      const ws = await t.emu.fx.workspace(orgId);
      const member = await t.emu.fx.member(orgId, "billing");
      return { workspaceId: ws.id, userId: member.userId, role: "viewer", organizationRole: "billing" };
    },
    id: new RegExp(`^${WS_ID.source.slice(1, -1)}/${USR_ID.source.slice(1, -1)}$`),
    path: (id) => `/v1/workspaces/${id.split("/")[0]}/members/${id.split("/")[1]}`,
    update: { with: { role: "member" }, shows: (o) => o.role, expected: "member" },
    drift: { method: "PATCH", body: { role: "viewer" }, field: "role" },
    live: (o) => o !== null,
  },
  {
    name: "Domain with SAML",
    kind: "Domain",
    declaration: async () => ({
      organizationId: await orgOf(),
      domain: `${unique("lc")}.example.com`,
      ssoEnforcement: "saml",
      saml: {
        entityId: "https://idp.example.com/metadata",
        acsUrl: "https://idp.example.com/acs",
        certificate: TEST_CERT,
      },
    }),
    id: DOM_ID,
    path: (id, state) => `/v1/orgs/${String(state.organizationId)}/domains/${id}`,
    update: { with: { jitProvisioningEnabled: true }, shows: (o) => o.jit_provisioning_enabled, expected: true },
    drift: { method: "PATCH", body: { sso_enforcement: "google" }, field: "ssoEnforcement" },
    live: (o) => o !== null,
  },
  {
    name: "Integration of a workspace (github)",
    kind: "Integration",
    declaration: async () => ({
      workspaceId: (await t.emu.fx.workspace(await orgOf())).id,
      type: "github",
      config: { org: "apex-digital", repositories: ["api", "web"] },
      secrets: { webhook_secret: "whsec-lifecycle-1" },
    }),
    id: INT_ID,
    path: (id) => `/v1/integrations/${id}`,
    update: {
      with: { config: { org: "apex-digital", repositories: ["api"] } },
      shows: (o) => o.config.repositories,
      expected: ["api"],
    },
    drift: { method: "PATCH", body: { config: { org: "someone-else" } }, field: "config" },
    live: (o) => o !== null,
  },
  {
    name: "Integration of an organization (vercel, environment mapping)",
    kind: "Integration",
    declaration: async () => ({
      organizationId: await orgOf(),
      type: "vercel",
      config: { team_id: "team_apex" },
      secrets: { access_token: "vercel-token-1" },
      environmentMapping: { production: "production", staging: "preview" },
    }),
    id: INT_ID,
    path: (id) => `/v1/integrations/${id}`,
    update: {
      with: { environmentMapping: { production: "production" } },
      shows: (o) => o.environment_mapping,
      expected: { production: "production" },
    },
    drift: {
      method: "PATCH",
      path: (id) => `/v1/integrations/${id}/environment-mapping`,
      body: { environment_mapping: {} },
      field: "environmentMapping",
    },
    live: (o) => o !== null,
  },
];

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
  let declared: Values;
  let applied: Applied;
  const fetchObject = async (): Promise<Json | null> => {
    const res = await get(c.path(applied.id, applied.state));
    return res.status === 404 ? null : must(res, 200, `read ${applied.id}`);
  };

  beforeAll(async () => {
    declared = declare(c.kind, await c.declaration());
  });

  test("create leaves no diff, before and after a read", async () => {
    applied = await t.engine.create(c.kind, declared);
    expect(applied.id).toMatch(c.id);
    expect(changesOf(c.kind, applied.state, declared)).toEqual([]);
    const read = await t.engine.read(c.kind, applied.id, applied.state);
    expect(read?.id).toBe(applied.id);
    expect(changesOf(c.kind, read!.state, declared)).toEqual([]);
    expect(read!.state).toEqual(applied.state);
    expect(c.live(await fetchObject())).toBe(true);
  });

  test("update changes one mutable field and converges", async () => {
    const next = declare(c.kind, { ...declared, ...c.update.with });
    const fields = Object.keys(c.update.with);
    expect(changesOf(c.kind, applied.state, next)).toEqual(fields);
    const state = await t.engine.update(c.kind, applied.id, applied.state, next);
    expect(changesOf(c.kind, state, next)).toEqual([]);
    expect(c.update.shows(await fetchObject())).toEqual(c.update.expected);
    const read = await t.engine.read(c.kind, applied.id, state);
    expect(changesOf(c.kind, read!.state, next)).toEqual([]);
    applied = { id: applied.id, state };
    declared = next;
  });

  test("a change made outside shows as drift after a read, and an update repairs it", async () => {
    const path = c.drift.path?.(applied.id, applied.state) ?? c.path(applied.id, applied.state);
    must(await api(c.drift.method, path, c.drift.body), 200, `change ${applied.id} outside`);
    // The next run of a front end sees the change: a run lists each collection once, so a new engine reads it.
    const read = await t.newEngine().read(c.kind, applied.id, applied.state);
    expect(changesOf(c.kind, read!.state, declared)).toEqual([c.drift.field]);
    const repaired = await t.engine.update(c.kind, applied.id, read!.state, declared);
    expect(changesOf(c.kind, repaired, declared)).toEqual([]);
    const again = await t.newEngine().read(c.kind, applied.id, repaired);
    expect(changesOf(c.kind, again!.state, declared)).toEqual([]);
    applied = { id: applied.id, state: repaired };
  });

  test("delete removes the object; a read then is null and a second delete is a no-op", async () => {
    await t.engine.delete(c.kind, applied.id, applied.state);
    expect(c.live(await fetchObject())).toBe(false);
    expect(await t.engine.read(c.kind, applied.id, applied.state)).toBeNull();
    await expect(t.engine.delete(c.kind, applied.id, applied.state)).resolves.toBeUndefined();
  });

  test("a read after a delete made outside is null", async () => {
    const other = await t.engine.create(c.kind, declare(c.kind, await c.declaration()));
    const path = c.path(other.id, other.state);
    const res = await api("DELETE", path);
    expect([200, 204]).toContain(res.status);
    expect(await t.newEngine().read(c.kind, other.id, other.state)).toBeNull();
    await expect(t.engine.delete(c.kind, other.id, other.state)).resolves.toBeUndefined();
  });
});

describe("a changed immutable field replaces, judged on the state the engine keeps", () => {
  const diffOf = async (kind: KindName, raw: Values, change: Values) => {
    const declared = declare(kind, raw);
    const created = await t.engine.create(kind, declared);
    const read = await t.engine.read(kind, created.id, created.state);
    return diffDeclaration(kind, read!.state, declare(kind, { ...declared, ...change }));
  };

  test("Organization slug", async () => {
    expect(await diffOf("Organization", { name: "Imm", slug: unique("imm") }, { slug: unique("imm") })).toEqual({
      changed: ["slug"],
      replaces: ["slug"],
    });
  });

  test("Workspace slug and organizationId", async () => {
    const raw = { organizationId: await orgOf(), name: "Imm", slug: unique("imm") };
    expect((await diffOf("Workspace", raw, { slug: unique("imm") })).replaces).toEqual(["slug"]);
    expect(
      (await diffOf("Workspace", { ...raw, slug: unique("imm") }, { organizationId: await orgOf() })).replaces,
    ).toEqual(["organizationId"]);
  });

  test("OrganizationMember email", async () => {
    const raw = { organizationId: await orgOf(), email: `${unique("imm")}@example.com`, role: "viewer" };
    expect(await diffOf("OrganizationMember", raw, { email: `${unique("imm")}@example.com`, role: "admin" })).toEqual({
      changed: ["email", "role"],
      replaces: ["email"],
    });
  });

  test("Domain name", async () => {
    const raw = { organizationId: await orgOf(), domain: `${unique("imm")}.example.com` };
    expect((await diffOf("Domain", raw, { domain: `${unique("imm")}.example.com` })).replaces).toEqual(["domain"]);
  });

  test("Integration type, and its owner either way", async () => {
    const orgId = await orgOf();
    const wsId = (await t.emu.fx.workspace(orgId)).id as string;
    const ofWorkspace = {
      workspaceId: wsId,
      type: "gitlab",
      config: { group: "apex" },
      secrets: { access_token: "glpat-imm" },
    };
    const ofOrganization = {
      organizationId: orgId,
      type: "gitlab",
      config: { group: "apex" },
      secrets: { access_token: "glpat-imm" },
    };
    expect(
      (
        await diffOf("Integration", ofWorkspace, {
          type: "vercel",
          config: { team_id: "t" },
          secrets: { access_token: "v" },
        })
      ).replaces,
    ).toEqual(["type"]);
    // The workspace's own organization: the API names it on the integration, yet the owner changes.
    expect(
      (await diffOf("Integration", ofWorkspace, { workspaceId: undefined, organizationId: orgId })).replaces,
    ).toEqual(["organizationId"]);
    expect(
      (await diffOf("Integration", ofOrganization, { organizationId: undefined, workspaceId: wsId })).replaces,
    ).toEqual(["workspaceId"]);
  });
});
