/**
 * What the engine does for every kind around the API's rules: taking over existing objects only when
 * asked (`adoptExisting`), leaving them in place on destroy (`deletionPolicy: retain`), and telling
 * the API's refusals in the declaration's terms, with what to do about them.
 */
import { EngineError } from "../../../provider/engine";
import type { KindName, Values } from "../../../provider/model/resources";
import { unique, type Json } from "../../support/emulator-client";
import { must } from "../../support/emulator-fixtures";
import { changesOf, declare, rejectionOf, setAutoVerify, useEngine } from "../../support/engine-fixtures";

const t = useEngine();

beforeAll(() => setAutoVerify(t.emu, true));

const get = async (path: string) => must(await t.emu.client.api("GET", path), 200, `read ${path}`);
const orgOf = async () => (await t.emu.fx.org()).id as string;

interface AdoptCase {
  kind: KindName;
  code: string;
  /** Makes an object outside the engine; returns its id, a declaration that collides with it, and where to read it. */
  existing(): Promise<{ id: string; declaration: Values; path: string; count(): Promise<number> }>;
  /** The declared change the adoption applies, as the API shows it. */
  applied(object: Json): unknown;
  expected: unknown;
}

const ADOPT: AdoptCase[] = [
  {
    kind: "Organization",
    code: "slug_taken",
    existing: async () => {
      const org = await t.emu.fx.org();
      return {
        id: org.id,
        path: `/v1/orgs/${org.id}`,
        declaration: { name: "Adopted Org", slug: org.slug, requireMfa: true },
        count: async () => (await t.emu.fx.all("/v1/orgs")).filter((o) => o.slug === org.slug).length,
      };
    },
    applied: (o) => [o.name, o.settings.require_mfa],
    expected: ["Adopted Org", true],
  },
  {
    kind: "Workspace",
    code: "slug_taken",
    existing: async () => {
      const orgId = await orgOf();
      const ws = await t.emu.fx.workspace(orgId);
      return {
        id: ws.id,
        path: `/v1/workspaces/${ws.id}`,
        declaration: { organizationId: orgId, name: "Adopted WS", slug: ws.slug },
        count: async () =>
          (await t.emu.fx.all(`/v1/workspaces?organization_id=${orgId}`)).filter((w) => w.slug === ws.slug).length,
      };
    },
    applied: (o) => o.name,
    expected: "Adopted WS",
  },
  {
    kind: "OrganizationMember",
    code: "email_taken",
    existing: async () => {
      const orgId = await orgOf();
      const member = await t.emu.fx.invite(orgId, "viewer");
      return {
        id: `${orgId}/${member.user_id}`,
        path: `/v1/orgs/${orgId}/members/${member.user_id}`,
        declaration: { organizationId: orgId, email: member.email.toUpperCase(), role: "billing" },
        count: async () =>
          (await t.emu.fx.all(`/v1/orgs/${orgId}/members`)).filter((m) => m.email === member.email).length,
      };
    },
    applied: (o) => o.role,
    expected: "billing",
  },
  {
    kind: "WorkspaceMember",
    code: "already_a_member",
    existing: async () => {
      const orgId = await orgOf();
      const ws = await t.emu.fx.workspace(orgId);
      const member = await t.emu.fx.member(orgId, "admin");
      must(
        await t.emu.client.api("POST", `/v1/workspaces/${ws.id}/members`, {
          body: { user_id: member.userId, role: "viewer" },
        }),
        201,
        "add",
      );
      return {
        id: `${ws.id}/${member.userId}`,
        path: `/v1/workspaces/${ws.id}/members/${member.userId}`,
        declaration: { workspaceId: ws.id, userId: member.userId, role: "admin" },
        count: async () =>
          (await t.emu.fx.all(`/v1/workspaces/${ws.id}/members`)).filter((m) => m.user_id === member.userId).length,
      };
    },
    applied: (o) => o.role,
    expected: "admin",
  },
  {
    kind: "Domain",
    code: "domain_taken",
    existing: async () => {
      const orgId = await orgOf();
      const domain = await t.emu.fx.domain(orgId);
      return {
        id: domain.id,
        path: `/v1/orgs/${orgId}/domains/${domain.id}`,
        declaration: { organizationId: orgId, domain: domain.domain, ssoEnforcement: "google" },
        count: async () =>
          (await t.emu.fx.all(`/v1/orgs/${orgId}/domains`)).filter((d) => d.domain === domain.domain).length,
      };
    },
    applied: (o) => [o.verified, o.sso_enforcement],
    expected: [true, "google"],
  },
];

describe.each(ADOPT.map((c) => [c.kind, c] as const))("%s adoptExisting", (kind, c) => {
  test("false: a conflict is an error that says how to adopt, and nothing changes", async () => {
    const existing = await c.existing();
    const before = await get(existing.path);
    const error = await rejectionOf(t.engine.create(kind, declare(kind, existing.declaration)));
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe(c.code);
    expect(error.message).toContain("adoptExisting: true");
    expect(error.message).toContain(c.code);
    expect(await get(existing.path)).toEqual(before);
    expect(await existing.count()).toBe(1);
  });

  test("true: takes the existing object over and applies the declaration", async () => {
    const existing = await c.existing();
    const declared = declare(kind, { ...existing.declaration, adoptExisting: true });
    const adopted = await t.engine.create(kind, declared);
    expect(adopted.id).toBe(existing.id);
    expect(c.applied(await get(existing.path))).toEqual(c.expected);
    expect(changesOf(kind, adopted.state, declared)).toEqual([]);
    const read = await t.engine.read(kind, adopted.id, adopted.state);
    expect(changesOf(kind, read!.state, declared)).toEqual([]);
    expect(await existing.count()).toBe(1);
  });
});

describe("Integration adoptExisting", () => {
  const declaration = async () => {
    const wsId = (await t.emu.fx.workspace(await orgOf())).id as string;
    const existing = await t.emu.fx.integration({
      workspace_id: wsId,
      type: "gitlab",
      config: { group: "old", access_token: "glpat-old-token" },
    });
    return {
      existing,
      declared: {
        workspaceId: wsId,
        type: "gitlab",
        config: { group: "new" },
        secrets: { access_token: "glpat-new-token" },
      },
    };
  };
  const countIn = async (wsId: unknown) => (await t.emu.fx.all(`/v1/integrations?workspace_id=${String(wsId)}`)).length;

  test("true: takes over the integration of the same type and owner, secrets included", async () => {
    const { existing, declared: raw } = await declaration();
    const declared = declare("Integration", { ...raw, adoptExisting: true });
    const adopted = await t.engine.create("Integration", declared);
    expect(adopted.id).toBe(existing.id);
    expect((await get(`/v1/integrations/${existing.id}`)).config).toEqual({ group: "new", access_token: "********" });
    expect(changesOf("Integration", adopted.state, declared)).toEqual([]);
    expect(await countIn(raw.workspaceId)).toBe(1);
  });

  test("false: integrations have no unique name, so a second one is connected", async () => {
    const { existing, declared } = await declaration();
    const created = await t.engine.create("Integration", declare("Integration", declared));
    expect(created.id).not.toBe(existing.id);
    expect(await countIn(declared.workspaceId)).toBe(2);
  });
});

describe("deletionPolicy retain", () => {
  test.each([
    ["Organization", async () => ({ name: "Kept", slug: unique("kept") }), (id: string) => `/v1/orgs/${id}`],
    [
      "Workspace",
      async () => ({ organizationId: await orgOf(), name: "Kept", slug: unique("kept") }),
      (id: string) => `/v1/workspaces/${id}`,
    ],
  ] as const)("%s: delete leaves the object in place and says so", async (kind, declaration, path) => {
    const declared = declare(kind, { ...(await declaration()), deletionPolicy: "retain" });
    const created = await t.engine.create(kind, declared);
    expect(created.state.deletionPolicy).toBe("retain");
    const warned = t.warnings.length;
    await t.engine.delete(kind, created.id, created.state);
    expect((await get(path(created.id))).status).toBe("active");
    expect(t.warnings.slice(warned)).toEqual([expect.stringContaining("retain")]);
  });

  test("a changed deletionPolicy is applied to state alone, without an API call", async () => {
    const declared = declare("OrganizationMember", {
      organizationId: await orgOf(),
      email: `${unique("kept")}@example.com`,
      role: "viewer",
    });
    const created = await t.engine.create("OrganizationMember", declared);
    const retained = declare("OrganizationMember", { ...declared, deletionPolicy: "retain" });
    expect(changesOf("OrganizationMember", created.state, retained)).toEqual(["deletionPolicy"]);
    const before = t.log.length;
    const state = await t.engine.update("OrganizationMember", created.id, created.state, retained);
    expect(t.log.slice(before)).toEqual([]);
    expect(changesOf("OrganizationMember", state, retained)).toEqual([]);
    await t.engine.delete("OrganizationMember", created.id, state);
    const [orgId, userId] = created.id.split("/");
    expect((await t.emu.client.api("GET", `/v1/orgs/${orgId}/members/${userId}`)).status).toBe(200);
  });
});

describe("API refusals told in the declaration's terms", () => {
  const expectRefusal = (error: Error, kind: string, code: string, advice: RegExp) => {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe(code);
    expect(error.message).toMatch(new RegExp(`^${kind}: the API refused `));
    expect(error.message).toContain(code);
    expect(error.message).toMatch(advice);
  };

  test("closing an organization with active workspaces names active_workspaces and what to do", async () => {
    const org = await t.engine.create("Organization", declare("Organization", { name: "Busy", slug: unique("busy") }));
    await t.engine.create(
      "Workspace",
      declare("Workspace", { organizationId: org.id, name: "Busy WS", slug: unique("busy-ws") }),
    );
    const error = await rejectionOf(t.engine.delete("Organization", org.id, org.state));
    expectRefusal(
      error,
      "Organization",
      "active_workspaces",
      /Archive its workspaces first .*deletionPolicy: "retain"/,
    );
    expect((await get(`/v1/orgs/${org.id}`)).status).toBe("active");
  });

  test("archiving a workspace with active service lines names active_service_lines and what to do", async () => {
    const ws = await t.engine.create(
      "Workspace",
      declare("Workspace", { organizationId: await orgOf(), name: "Running", slug: unique("running") }),
    );
    must(
      await t.emu.client.control("PUT", `/workspaces/${ws.id}/service-lines`, { active: 2 }),
      200,
      "start service lines",
    );
    const error = await rejectionOf(t.engine.delete("Workspace", ws.id, ws.state));
    expectRefusal(error, "Workspace", "active_service_lines", /End the workspace's active Service Lines first/);
    expect((await get(`/v1/workspaces/${ws.id}`)).status).toBe("active");
  });

  test("removing the last owner names last_owner and what to do", async () => {
    const org = await t.engine.create(
      "Organization",
      declare("Organization", { name: "Owned", slug: unique("owned") }),
    );
    const owner = await t.engine.import("OrganizationMember", `${org.id}/${t.emu.env.emulator.userId}`);
    expect(owner?.state.role).toBe("owner");
    const error = await rejectionOf(t.engine.delete("OrganizationMember", owner!.id, owner!.state));
    expectRefusal(error, "OrganizationMember", "last_owner", /make another member owner first/);
    expect((await get(`/v1/orgs/${org.id}/members/${t.emu.env.emulator.userId}`)).role).toBe("owner");
  });

  test("a workspace role above the organization role names the declared field", async () => {
    const orgId = await orgOf();
    const ws = await t.emu.fx.workspace(orgId);
    const viewer = await t.emu.fx.member(orgId, "viewer");
    const error = await rejectionOf(
      t.engine.create(
        "WorkspaceMember",
        declare("WorkspaceMember", { workspaceId: ws.id, userId: viewer.userId, role: "admin" }),
      ),
    );
    expectRefusal(error, "WorkspaceMember", "role_exceeds_org_role", /role \(role\): .*viewer/);
  });

  test("a workspace member who is not an organization member is told to invite them first", async () => {
    const orgId = await orgOf();
    const ws = await t.emu.fx.workspace(orgId);
    const outsider = await t.emu.fx.member(await orgOf(), "admin");
    const error = await rejectionOf(
      t.engine.create(
        "WorkspaceMember",
        declare("WorkspaceMember", { workspaceId: ws.id, userId: outsider.userId, role: "member" }),
      ),
    );
    expectRefusal(
      error,
      "WorkspaceMember",
      "not_an_org_member",
      /userId \(user_id\): .*Invite the user to the organization first/,
    );
  });
});
