/** Organization rules of api.md: global, immutable slugs; the close guard; address; roles. */
import { RFC3339_UTC, expectError, unique, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();

describe("slugs", () => {
  test("a slug taken by any organization is refused with 409 slug_taken, even to a user who cannot see that organization", async () => {
    const org = await emu.fx.org();
    const res = await emu.client.api("POST", "/v1/orgs", { body: { name: "Copycat", slug: org.slug } });
    expectError(res, 409, "slug_taken");

    const outsider = await emu.client.mint({ kind: "user", email: `${unique("outsider")}@example.com` });
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`, { token: outsider })).status).toBe(404);
    expectError(
      await emu.client.api("POST", "/v1/orgs", { token: outsider, body: { name: "Copycat", slug: org.slug } }),
      409,
      "slug_taken",
    );
  });

  test("a refused duplicate slug creates no organization", async () => {
    const org = await emu.fx.org();
    const before = await emu.fx.all("/v1/orgs");
    expectError(
      await emu.client.api("POST", "/v1/orgs", { body: { name: "Again", slug: org.slug } }),
      409,
      "slug_taken",
    );
    expect(await emu.fx.all("/v1/orgs")).toEqual(before);
  });

  test("patching a different slug is refused with 422 immutable_field naming slug, and the slug stays", async () => {
    const org = await emu.fx.org();
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}`, { body: { slug: unique("renamed") } });
    expectError(res, 422, "immutable_field");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: "slug" })]);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).body.data.slug).toBe(org.slug);
  });

  test("patching the same slug is accepted along with other changes", async () => {
    const org = await emu.fx.org();
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}`, {
      body: { slug: org.slug, name: "Apex Digital Group" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: org.id, slug: org.slug, name: "Apex Digital Group" });
  });
});

describe("updates", () => {
  test("the seed's PATCH example changes the name and settings, keeps the rest, and moves updated_at", async () => {
    const org = await emu.fx.org({ billing_email: "billing@example.com" });
    must(await emu.client.control("POST", "/clock", { seconds: 60 }), 200, "advance the clock");
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}`, {
      body: { name: "Apex Digital Group", settings: { require_mfa: true, default_currency: "GBP" } },
    });
    expect(res.status).toBe(200);
    const updated = res.body.data;
    expect(updated).toEqual({
      ...org,
      name: "Apex Digital Group",
      settings: { enforce_sso: false, require_mfa: true, default_currency: "GBP" },
      updated_at: expect.stringMatching(RFC3339_UTC),
    });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(org.updated_at) + 60_000);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).body.data).toEqual(updated);
  });

  test("a partial settings object leaves the other settings as they were", async () => {
    const org = await emu.fx.org({ settings: { require_mfa: true, default_currency: "EUR" } });
    expect(org.settings).toEqual({ enforce_sso: false, require_mfa: true, default_currency: "EUR" });
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}`, { body: { settings: { require_mfa: false } } });
    expect(res.status).toBe(200);
    expect(res.body.data.settings).toEqual({ enforce_sso: false, require_mfa: false, default_currency: "EUR" });
  });

  test("billing_email can be cleared to null, meaning the oldest owner's email", async () => {
    const org = await emu.fx.org({ billing_email: "billing@example.com" });
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}`, { body: { billing_email: null } });
    expect(res.status).toBe(200);
    expect(res.body.data.billing_email).toBeNull();
  });

  test("owner_id defaults to the caller, who becomes the owner member", async () => {
    const creator = await emu.client.mint({ kind: "user", email: `${unique("founder")}@example.com` });
    const res = await emu.client.api("POST", "/v1/orgs", {
      token: creator,
      body: { name: "Founded", slug: unique("founded") },
    });
    expect(res.status).toBe(201);
    const members = await emu.client.api("GET", `/v1/orgs/${res.body.data.id}/members`, { token: creator });
    expect(members.status).toBe(200);
    expect(members.body.data).toEqual([
      expect.objectContaining({ user_id: res.body.data.owner_id, role: "owner", status: "active" }),
    ]);
  });
});

describe("closing", () => {
  let org: Json;
  let workspace: Json;

  beforeAll(async () => {
    org = await emu.fx.org();
    workspace = await emu.fx.workspace(org.id);
  });

  test("DELETE of an organization with an active workspace is refused with 409 active_workspaces and changes nothing", async () => {
    const res = await emu.client.api("DELETE", `/v1/orgs/${org.id}`);
    expectError(res, 409, "active_workspaces");
    expect(res.body.error.message).toContain(workspace.id);
    const after = await emu.client.api("GET", `/v1/orgs/${org.id}`);
    expect(after.body.data).toMatchObject({ status: "active", workspace_count: 1 });
  });

  test("after its workspace is archived, DELETE closes the organization", async () => {
    must(await emu.client.api("DELETE", `/v1/workspaces/${workspace.id}`), 200, "archive the workspace");
    const res = await emu.client.api("DELETE", `/v1/orgs/${org.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: org.id, status: "closed", workspace_count: 0 });
    const after = await emu.client.api("GET", `/v1/orgs/${org.id}`);
    expect(after.status).toBe(200);
    expect(after.body.data.status).toBe("closed");
  });

  test("a closed organization refuses new workspaces with 409 organization_closed", async () => {
    const res = await emu.client.api("POST", "/v1/workspaces", {
      body: { organization_id: org.id, name: "Late", slug: unique("late") },
    });
    expectError(res, 409, "organization_closed");
  });

  test("a closed organization refuses new invitations with 409 organization_closed", async () => {
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      body: { email: `${unique("late")}@example.com`, role: "viewer" },
    });
    expectError(res, 409, "organization_closed");
  });
});

describe("a closed organization", () => {
  let closed: Json;

  beforeAll(async () => {
    closed = await emu.fx.org();
    must(await emu.client.api("DELETE", `/v1/orgs/${closed.id}`), 200, "close");
  });

  test("refuses changes with 409 organization_closed", async () => {
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${closed.id}`, { body: { name: "Reopened?" } }),
      409,
      "organization_closed",
    );
    expect((await emu.client.api("GET", `/v1/orgs/${closed.id}`)).body.data.name).toBe(closed.name);
  });

  test("refuses new domains and org-level integrations with 409 organization_closed", async () => {
    expectError(
      await emu.client.api("POST", `/v1/orgs/${closed.id}/domains`, {
        body: { domain: `${unique("late")}.example.com` },
      }),
      409,
      "organization_closed",
    );
    expectError(
      await emu.client.api("POST", "/v1/integrations", {
        body: { organization_id: closed.id, type: "github", config: { org: "apex" } },
      }),
      409,
      "organization_closed",
    );
  });
});

describe("address", () => {
  test("an organization without an address answers GET address with 404 and reads address null", async () => {
    const org = await emu.fx.org();
    expect(org.address).toBeNull();
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}/address`), 404, "not_found");
  });

  test("PUT address stores it, fills absent optional fields with null, and shows it on the organization", async () => {
    const org = await emu.fx.org();
    const body = { line1: "1 Long Street", city: "Cape Town", postal_code: "8001", country: "ZA" };
    const res = await emu.client.api("PUT", `/v1/orgs/${org.id}/address`, { body });
    expect(res.status).toBe(200);
    const expected = { ...body, line2: null, state: null, tax_id: null, tax_id_type: null };
    expect(res.body.data).toEqual(expected);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/address`)).body).toEqual({ data: expected });
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).body.data.address).toEqual(expected);
  });

  test("PUT address replaces the whole address", async () => {
    const org = await emu.fx.org();
    const first = {
      line1: "1 Long Street",
      line2: "Floor 2",
      city: "Cape Town",
      postal_code: "8001",
      country: "ZA",
      tax_id: "4123",
      tax_id_type: "za_vat",
    };
    must(await emu.client.api("PUT", `/v1/orgs/${org.id}/address`, { body: first }), 200, "first address");
    const second = { line1: "10 Downing Street", city: "London", postal_code: "SW1A 2AA", country: "GB" };
    const res = await emu.client.api("PUT", `/v1/orgs/${org.id}/address`, { body: second });
    expect(res.body.data).toEqual({ ...second, line2: null, state: null, tax_id: null, tax_id_type: null });
  });
});

describe("roles", () => {
  test("the role catalogue lists owner, admin, billing and viewer with their permissions", async () => {
    const org = await emu.fx.org();
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/roles`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ cursor: null, has_more: false });
    expect(res.body.data.map((r: Json) => r.role)).toEqual(["owner", "admin", "billing", "viewer"]);
    for (const role of res.body.data) {
      expect(typeof role.description).toBe("string");
      expect(Array.isArray(role.permissions)).toBe(true);
      expect(role.permissions.length).toBeGreaterThan(0);
    }
  });
});
