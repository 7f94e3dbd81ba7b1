/** Workspaces and their members: per-org slugs, immutability, the archive guard, role ceilings. */
import { expectError, unique, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();

describe("slugs and immutable fields", () => {
  test("a slug already used in the organization is refused with 409 slug_taken", async () => {
    const org = await emu.fx.org();
    const ws = await emu.fx.workspace(org.id);
    const res = await emu.client.api("POST", "/v1/workspaces", {
      body: { organization_id: org.id, name: "Again", slug: ws.slug },
    });
    expectError(res, 409, "slug_taken");
    expect(await emu.fx.all(`/v1/workspaces?organization_id=${org.id}`)).toHaveLength(1);
  });

  test("the same slug is free in another organization", async () => {
    const ws = await emu.fx.workspace((await emu.fx.org()).id);
    const other = await emu.fx.org();
    const res = await emu.client.api("POST", "/v1/workspaces", {
      body: { organization_id: other.id, name: "Same", slug: ws.slug },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ organization_id: other.id, slug: ws.slug });
    expect(res.body.data.id).not.toBe(ws.id);
  });

  test("patching a different slug is refused with 422 immutable_field", async () => {
    const ws = await emu.fx.workspace((await emu.fx.org()).id);
    const res = await emu.client.api("PATCH", `/v1/workspaces/${ws.id}`, { body: { slug: unique("moved") } });
    expectError(res, 422, "immutable_field");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: "slug" })]);
  });

  test("patching a different organization_id is refused with 422 immutable_field", async () => {
    const ws = await emu.fx.workspace((await emu.fx.org()).id);
    const other = await emu.fx.org();
    const res = await emu.client.api("PATCH", `/v1/workspaces/${ws.id}`, { body: { organization_id: other.id } });
    expectError(res, 422, "immutable_field");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: "organization_id" })]);
  });

  test("the seed's PATCH example with the unchanged slug and organization_id is accepted", async () => {
    const ws = await emu.fx.workspace((await emu.fx.org()).id);
    const res = await emu.client.api("PATCH", `/v1/workspaces/${ws.id}`, {
      body: {
        slug: ws.slug,
        organization_id: ws.organization_id,
        name: "Platform & Infrastructure Engineering",
        settings: { require_task_service_line: true },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: ws.id,
      slug: ws.slug,
      name: "Platform & Infrastructure Engineering",
      settings: { default_currency: ws.settings.default_currency, require_task_service_line: true },
    });
  });

  test("a new workspace takes the organization's default currency", async () => {
    const org = await emu.fx.org({ settings: { default_currency: "EUR" } });
    const ws = await emu.fx.workspace(org.id);
    expect(ws.settings.default_currency).toBe("EUR");
    expect(ws.currency).toBe("EUR");
  });

  test("changing the workspace's default currency changes the currency it reports", async () => {
    const ws = await emu.fx.workspace((await emu.fx.org()).id);
    const res = await emu.client.api("PATCH", `/v1/workspaces/${ws.id}`, {
      body: { settings: { default_currency: "GBP" } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      settings: { default_currency: "GBP", require_task_service_line: false },
      currency: "GBP",
    });
  });

  test("creating a workspace in an organization the caller cannot see is refused with 422 organization_not_found", async () => {
    const org = await emu.fx.org();
    const outsider = await emu.client.mint({ kind: "user", email: `${unique("outsider")}@example.com` });
    const res = await emu.client.api("POST", "/v1/workspaces", {
      token: outsider,
      body: { organization_id: org.id, name: "Sneaky", slug: unique("sneaky") },
    });
    expectError(res, 422, "organization_not_found");
  });
});

describe("archiving", () => {
  let org: Json;
  let ws: Json;

  beforeAll(async () => {
    org = await emu.fx.org();
    ws = await emu.fx.workspace(org.id);
  });

  test("the control endpoint sets a workspace's active service lines, reflected on the workspace and its organization", async () => {
    const res = await emu.client.control("PUT", `/workspaces/${ws.id}/service-lines`, { active: 3 });
    expect(res.status).toBe(200);
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}`)).body.data.active_service_lines).toBe(3);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).body.data.active_service_lines).toBe(3);
  });

  test("archiving a workspace with active service lines is refused with 409 active_service_lines naming the count", async () => {
    const res = await emu.client.api("DELETE", `/v1/workspaces/${ws.id}`);
    expectError(res, 409, "active_service_lines");
    expect(res.body.error.message).toMatch(/\b3\b/);
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}`)).body.data.status).toBe("active");
  });

  test("once the service lines are closed, DELETE archives the workspace", async () => {
    must(
      await emu.client.control("PUT", `/workspaces/${ws.id}/service-lines`, { active: 0 }),
      200,
      "close service lines",
    );
    const res = await emu.client.api("DELETE", `/v1/workspaces/${ws.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: ws.id, status: "archived", active_service_lines: 0 });
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}`)).body.data.status).toBe("archived");
  });

  test("an archived workspace no longer counts towards the organization's workspace_count", async () => {
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).body.data.workspace_count).toBe(0);
  });

  test("an archived workspace refuses changes with 409 workspace_archived", async () => {
    expectError(
      await emu.client.api("PATCH", `/v1/workspaces/${ws.id}`, { body: { name: "Revived" } }),
      409,
      "workspace_archived",
    );
    const member = await emu.fx.member(org.id, "admin");
    expectError(
      await emu.client.api("POST", `/v1/workspaces/${ws.id}/members`, {
        body: { user_id: member.userId, role: "member" },
      }),
      409,
      "workspace_archived",
    );
  });
});

describe("workspace members and role ceilings", () => {
  let org: Json;
  let ws: Json;

  beforeAll(async () => {
    org = await emu.fx.org();
    ws = await emu.fx.workspace(org.id);
  });

  const add = (userId: string, role: string) =>
    emu.client.api("POST", `/v1/workspaces/${ws.id}/members`, { body: { user_id: userId, role } });

  test("an org billing member cannot be a workspace admin: 422 role_exceeds_org_role", async () => {
    const billing = await emu.fx.member(org.id, "billing");
    expectError(await add(billing.userId, "admin"), 422, "role_exceeds_org_role");
  });

  test("an org billing member can be a workspace member", async () => {
    const billing = await emu.fx.member(org.id, "billing");
    const res = await add(billing.userId, "member");
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ user_id: billing.userId, role: "member", status: "active" });
  });

  test("an org viewer cannot be a workspace member: 422 role_exceeds_org_role", async () => {
    const viewer = await emu.fx.member(org.id, "viewer");
    expectError(await add(viewer.userId, "member"), 422, "role_exceeds_org_role");
  });

  test("an org viewer can be a workspace viewer", async () => {
    const viewer = await emu.fx.member(org.id, "viewer");
    expect((await add(viewer.userId, "viewer")).status).toBe(201);
  });

  test("an org admin can be a workspace admin", async () => {
    const admin = await emu.fx.member(org.id, "admin");
    expect((await add(admin.userId, "admin")).status).toBe(201);
  });

  test("a user outside the organization is refused with 422 not_an_org_member", async () => {
    const outsider = await emu.fx.member((await emu.fx.org()).id, "admin");
    expectError(await add(outsider.userId, "viewer"), 422, "not_an_org_member");
  });

  test("a user id nobody has is refused with 422 not_an_org_member", async () => {
    expectError(await add("USR-26-999999", "viewer"), 422, "not_an_org_member");
  });

  test("an invited org member who has not joined yet can be added and reads status invited", async () => {
    const invited = await emu.fx.invite(org.id, "billing");
    const res = await add(invited.user_id, "member");
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ user_id: invited.user_id, role: "member", status: "invited" });
  });

  test("adding a user twice is refused with 409 already_a_member", async () => {
    const admin = await emu.fx.member(org.id, "admin");
    expect((await add(admin.userId, "member")).status).toBe(201);
    expectError(await add(admin.userId, "member"), 409, "already_a_member");
  });

  test("raising a workspace member's role above the org role is refused with 422 role_exceeds_org_role", async () => {
    const viewer = await emu.fx.member(org.id, "viewer");
    must(await add(viewer.userId, "viewer"), 201, "add viewer");
    const res = await emu.client.api("PATCH", `/v1/workspaces/${ws.id}/members/${viewer.userId}`, {
      body: { role: "member" },
    });
    expectError(res, 422, "role_exceeds_org_role");
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}/members/${viewer.userId}`)).body.data.role).toBe(
      "viewer",
    );
  });

  test("changing a workspace member's role within the ceiling answers the member", async () => {
    const billing = await emu.fx.member(org.id, "billing");
    must(await add(billing.userId, "viewer"), 201, "add billing as viewer");
    const res = await emu.client.api("PATCH", `/v1/workspaces/${ws.id}/members/${billing.userId}`, {
      body: { role: "member" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ user_id: billing.userId, role: "member", email: billing.email });
  });

  test("the ceiling still holds after the org role is lowered: the demotion is refused or the workspace role follows", async () => {
    const admin = await emu.fx.member(org.id, "admin");
    must(await add(admin.userId, "admin"), 201, "add as ws admin");
    const demote = await emu.client.api("PATCH", `/v1/orgs/${org.id}/members/${admin.userId}`, {
      body: { role: "viewer" },
    });
    const wsRole = (await emu.client.api("GET", `/v1/workspaces/${ws.id}/members/${admin.userId}`)).body?.data?.role;
    if (demote.status === 200) expect({ orgRole: "viewer", wsRole }).toEqual({ orgRole: "viewer", wsRole: "viewer" });
    else expect(demote.status).toBeGreaterThanOrEqual(409);
  });

  test("removing a workspace member answers 204 and lowers member_count", async () => {
    const admin = await emu.fx.member(org.id, "admin");
    must(await add(admin.userId, "member"), 201, "add");
    const before = (await emu.client.api("GET", `/v1/workspaces/${ws.id}`)).body.data.member_count;
    const res = await emu.client.api("DELETE", `/v1/workspaces/${ws.id}/members/${admin.userId}`);
    expect(res.status).toBe(204);
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}`)).body.data.member_count).toBe(before - 1);
    expectError(await emu.client.api("GET", `/v1/workspaces/${ws.id}/members/${admin.userId}`), 404, "not_found");
  });

  test("member_count counts the active workspace members (seed 001: 'Number of active workspace members')", async () => {
    const members = await emu.fx.all(`/v1/workspaces/${ws.id}/members`);
    expect(members.some((m) => m.status === "invited")).toBe(true);
    const active = members.filter((m) => m.status === "active");
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}`)).body.data.member_count).toBe(active.length);
  });
});
