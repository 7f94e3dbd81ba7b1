/**
 * The seeds' "Common Workflows" replayed with their example payloads: 000 "Setting up a new
 * organization" and 001 "Creating a workspace for a new team".
 */
import {
  RFC3339_UTC,
  ORG_ID,
  USR_ID,
  WS_ID,
  INT_ID,
  type EmulatorClient,
  type Json,
} from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();

const ORGANIZATION_FIELDS = [
  "active_service_lines",
  "address",
  "billing_email",
  "created_at",
  "id",
  "name",
  "owner_id",
  "plan_id",
  "settings",
  "slug",
  "status",
  "updated_at",
  "workspace_count",
];
const MEMBER_FIELDS = ["email", "expires_at", "invited_at", "joined_at", "name", "role", "status", "user_id"];
const WORKSPACE_FIELDS = [
  "active_service_lines",
  "cost_mtd",
  "created_at",
  "currency",
  "health_score",
  "id",
  "member_count",
  "name",
  "organization_id",
  "settings",
  "slug",
  "status",
  "updated_at",
];
const WORKSPACE_MEMBER_FIELDS = ["email", "joined_at", "name", "role", "status", "user_id"];
const INTEGRATION_FIELDS = [
  "config",
  "created_at",
  "environment_mapping",
  "id",
  "organization_id",
  "status",
  "type",
  "updated_at",
  "workspace_id",
];

const keys = (object: Json) => Object.keys(object).sort();
const DAY_MS = 86_400_000;

describe('seed 000 "Setting up a new organization"', () => {
  let org: Json;
  let workspace: Json;
  let alex: Json;
  let orgResponse: Awaited<ReturnType<EmulatorClient["api"]>>;

  beforeAll(async () => {
    // The seed's owner_id USR-26-000001 is the emulator's bootstrap admin.
    orgResponse = await emu.client.api("POST", "/v1/orgs", {
      body: {
        name: "Apex Digital Ltd",
        slug: "apex-digital",
        billing_email: "billing@apexdigital.com",
        owner_id: emu.client.userId,
      },
    });
    org = orgResponse.body?.data;
  });

  test("the bootstrap admin is USR-26-000001, the seed's owner", () => {
    expect(emu.client.userId).toMatch(USR_ID);
    expect(emu.client.userId).toBe(`USR-${String(new Date().getUTCFullYear() % 100).padStart(2, "0")}-000001`);
  });

  test("creating the organization answers 201 with an active organization shaped like the seed's example", () => {
    expect(orgResponse.status).toBe(201);
    expect(keys(org)).toEqual(ORGANIZATION_FIELDS);
    expect(org.id).toMatch(ORG_ID);
    expect(org.name).toBe("Apex Digital Ltd");
    expect(org.slug).toBe("apex-digital");
    expect(org.status).toBe("active");
    expect(typeof org.plan_id).toBe("string");
    expect(org.plan_id).toMatch(/^plan_[a-z0-9_]+$/);
    expect(org.owner_id).toBe(emu.client.userId);
    expect(org.billing_email).toBe("billing@apexdigital.com");
    expect(org.settings).toEqual({ enforce_sso: false, require_mfa: false, default_currency: "USD" });
    expect(org.address).toBeNull();
    expect(org.workspace_count).toBe(0);
    expect(org.active_service_lines).toBe(0);
    expect(org.created_at).toMatch(RFC3339_UTC);
    expect(org.updated_at).toMatch(RFC3339_UTC);
    expect(Math.abs(Date.parse(org.created_at) - Date.now())).toBeLessThan(60_000);
    expect(org.updated_at).toBe(org.created_at);
  });

  test("the created organization is served with an ETag", () => {
    expect(orgResponse.headers.get("etag")).toMatch(/^(W\/)?".+"$/);
  });

  test("reading the organization back gives the same object", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: org });
  });

  test("the organization is listed in the seed's envelope with meta.cursor null and has_more false", async () => {
    const res = await emu.client.api("GET", "/v1/orgs");
    expect(res.status).toBe(200);
    expect(keys(res.body)).toEqual(["data", "meta"]);
    expect(res.body.meta).toEqual({ cursor: null, has_more: false });
    expect(res.body.data).toContainEqual(org);
  });

  test("the owner_id user is automatically an active owner member", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ cursor: null, has_more: false });
    expect(res.body.data).toHaveLength(1);
    const owner = res.body.data[0];
    expect(keys(owner)).toEqual(MEMBER_FIELDS);
    expect(owner.user_id).toBe(emu.client.userId);
    expect(owner.role).toBe("owner");
    expect(owner.status).toBe("active");
    expect(owner.email).toBe("admin@emulator.scrums.dev");
    expect(owner.joined_at).toMatch(RFC3339_UTC);
    expect(owner.expires_at).toBeNull();
  });

  test("no default workspace is created", async () => {
    const res = await emu.client.api("GET", `/v1/workspaces?organization_id=${org.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], meta: { cursor: null, has_more: false } });
  });

  test("creating the first workspace answers 201 with an active workspace of the organization", async () => {
    const res = await emu.client.api("POST", "/v1/workspaces", {
      body: { organization_id: org.id, name: "Engineering", slug: "engineering" },
    });
    expect(res.status).toBe(201);
    workspace = res.body.data;
    expect(keys(workspace)).toEqual(WORKSPACE_FIELDS);
    expect(workspace.id).toMatch(WS_ID);
    expect(workspace.organization_id).toBe(org.id);
    expect(workspace.name).toBe("Engineering");
    expect(workspace.slug).toBe("engineering");
    expect(workspace.status).toBe("active");
    expect(workspace.settings).toEqual({ default_currency: "USD", require_task_service_line: false });
    expect(workspace.member_count).toBe(1);
    expect(workspace.active_service_lines).toBe(0);
    expect(Number.isInteger(workspace.health_score)).toBe(true);
    expect(workspace.health_score).toBeGreaterThanOrEqual(0);
    expect(workspace.health_score).toBeLessThanOrEqual(100);
    expect(typeof workspace.cost_mtd).toBe("number");
    expect(workspace.currency).toBe("USD");
    expect(workspace.created_at).toMatch(RFC3339_UTC);
    expect(workspace.updated_at).toMatch(RFC3339_UTC);
  });

  test("the organization now counts one workspace", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.workspace_count).toBe(1);
    expect(res.body.data.active_service_lines).toBe(0);
  });

  test("inviting alex as admin answers 201 with an invited member and a user id at once", async () => {
    const before = Date.now();
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      body: { email: "alex@apexdigital.com", role: "admin" },
    });
    expect(res.status).toBe(201);
    alex = res.body.data;
    expect(keys(alex)).toEqual(MEMBER_FIELDS);
    expect(alex.user_id).toMatch(USR_ID);
    expect(alex.user_id).not.toBe(emu.client.userId);
    expect(alex.email).toBe("alex@apexdigital.com");
    expect(alex.role).toBe("admin");
    expect(alex.status).toBe("invited");
    expect(alex.name).toBeNull();
    expect(alex.invited_at).toMatch(RFC3339_UTC);
    expect(Math.abs(Date.parse(alex.invited_at) - before)).toBeLessThan(60_000);
    expect(alex.expires_at).toMatch(RFC3339_UTC);
    expect(Date.parse(alex.expires_at) - Date.parse(alex.invited_at)).toBe(7 * DAY_MS);
    expect(alex.joined_at).toBeNull();
  });

  test("the organization lists the owner and the invitation, in that order", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((m: Json) => [m.user_id, m.role, m.status])).toEqual([
      [emu.client.userId, "owner", "active"],
      [alex.user_id, "admin", "invited"],
    ]);
  });

  test("one member can be read by user id", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members/${alex.user_id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: alex });
    expect(res.headers.get("etag")).toMatch(/^(W\/)?".+"$/);
  });

  test("accepting the invitation makes alex an active member with joined_at and no expiry", async () => {
    must(
      await emu.client.control("POST", "/invitations/accept", { organization_id: org.id, user_id: alex.user_id }),
      200,
      "accept",
    );
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/members/${alex.user_id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ user_id: alex.user_id, role: "admin", status: "active", expires_at: null });
    expect(res.body.data.joined_at).toMatch(RFC3339_UTC);
    expect(res.body.data.invited_at).toBe(alex.invited_at);
  });
});

describe('seed 001 "Creating a workspace for a new team"', () => {
  let org: Json;
  let workspace: Json;
  let teammate: Json;
  let integration: Json;

  beforeAll(async () => {
    org = await emu.fx.org();
    teammate = await emu.fx.invite(org.id, "admin", "sam@apexdigital.com");
  });

  test("creating the workspace answers 201 and the creator is its admin", async () => {
    const res = await emu.client.api("POST", "/v1/workspaces", {
      body: { organization_id: org.id, name: "Data Engineering", slug: "data-engineering" },
    });
    expect(res.status).toBe(201);
    workspace = res.body.data;
    expect(workspace).toMatchObject({
      organization_id: org.id,
      name: "Data Engineering",
      slug: "data-engineering",
      status: "active",
      member_count: 1,
      active_service_lines: 0,
    });
    expect(workspace.id).toMatch(WS_ID);

    const members = await emu.client.api("GET", `/v1/workspaces/${workspace.id}/members`);
    expect(members.status).toBe(200);
    expect(members.body.meta).toEqual({ cursor: null, has_more: false });
    expect(members.body.data).toHaveLength(1);
    const creator = members.body.data[0];
    expect(keys(creator)).toEqual(WORKSPACE_MEMBER_FIELDS);
    expect(creator).toMatchObject({
      user_id: emu.client.userId,
      role: "admin",
      status: "active",
      email: "admin@emulator.scrums.dev",
    });
    expect(creator.joined_at).toMatch(RFC3339_UTC);
  });

  test("adding a user who is not an organization member is refused with 422 not_an_org_member", async () => {
    const stranger = await emu.fx.org();
    const outsider = await emu.fx.invite(stranger.id, "admin");
    const res = await emu.client.api("POST", `/v1/workspaces/${workspace.id}/members`, {
      body: { user_id: outsider.user_id, role: "admin" },
    });
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 422, code: "not_an_org_member" });
  });

  test("adding an org member as admin answers 201 with the workspace member", async () => {
    await emu.fx.accept(org.id, teammate.user_id);
    const res = await emu.client.api("POST", `/v1/workspaces/${workspace.id}/members`, {
      body: { user_id: teammate.user_id, role: "admin" },
    });
    expect(res.status).toBe(201);
    const member = res.body.data;
    expect(keys(member)).toEqual(WORKSPACE_MEMBER_FIELDS);
    expect(member.user_id).toBe(teammate.user_id);
    expect(member.email).toBe("sam@apexdigital.com");
    expect(member.role).toBe("admin");
    expect(member.status).toBe("active");
    expect(member.joined_at).toMatch(RFC3339_UTC);
  });

  test("the workspace's member_count counts the creator and the new member", async () => {
    const res = await emu.client.api("GET", `/v1/workspaces/${workspace.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.member_count).toBe(2);
    const members = await emu.client.api("GET", `/v1/workspaces/${workspace.id}/members`);
    expect(members.body.data.map((m: Json) => m.user_id)).toEqual([emu.client.userId, teammate.user_id]);
  });

  test("connecting a github integration with the seed's config answers 201 with an active workspace integration", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: { workspace_id: workspace.id, type: "github", config: { org: "apex-digital" } },
    });
    expect(res.status).toBe(201);
    integration = res.body.data;
    expect(keys(integration)).toEqual(INTEGRATION_FIELDS);
    expect(integration.id).toMatch(INT_ID);
    expect(integration.organization_id).toBe(org.id);
    expect(integration.workspace_id).toBe(workspace.id);
    expect(integration.type).toBe("github");
    expect(integration.config).toEqual({ org: "apex-digital" });
    expect(integration.environment_mapping).toEqual({});
    expect(integration.status).toBe("active");
    expect(integration.created_at).toMatch(RFC3339_UTC);
    expect(integration.updated_at).toMatch(RFC3339_UTC);
  });

  test("the integration is listed under its workspace and its organization", async () => {
    const byWorkspace = await emu.client.api("GET", `/v1/integrations?workspace_id=${workspace.id}`);
    expect(byWorkspace.status).toBe(200);
    expect(byWorkspace.body).toEqual({ data: [integration], meta: { cursor: null, has_more: false } });
    const byOrg = await emu.client.api("GET", `/v1/integrations?organization_id=${org.id}`);
    expect(byOrg.status).toBe(200);
    expect(byOrg.body.data).toEqual([integration]);
  });
});
