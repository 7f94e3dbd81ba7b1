/**
 * Requests the API must refuse whole: malformed JSON, bodies that break the schema (every offending
 * field named in one answer), bodies over the limit. None of them may change stored data.
 */
import { expectError, detailFields, unique, type Json } from "../../support/emulator-client";
import { useEmulator } from "../../support/emulator-fixtures";

const BODY_LIMIT = 64 * 1024;

const emu = useEmulator({ bodyLimit: BODY_LIMIT });
let org: Json;
let ws: Json;
let integration: Json;

beforeAll(async () => {
  org = await emu.fx.org({ billing_email: "billing@example.com" });
  ws = await emu.fx.workspace(org.id);
  await emu.fx.invite(org.id, "viewer");
  await emu.fx.domain(org.id);
  integration = await emu.fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex" } });
  must200(
    await emu.client.api("PUT", `/v1/orgs/${org.id}/address`, {
      body: { line1: "1 Long Street", city: "Cape Town", postal_code: "8001", country: "ZA" },
    }),
  );
});

function must200(res: { status: number }) {
  if (res.status !== 200) throw new Error(`setup failed with ${res.status}`);
}

/** Everything the lists and the address show: compared before and after each refused request. */
async function snapshot() {
  return {
    orgs: await emu.fx.all("/v1/orgs"),
    members: await emu.fx.all(`/v1/orgs/${org.id}/members`),
    domains: await emu.fx.all(`/v1/orgs/${org.id}/domains`),
    address: (await emu.client.api("GET", `/v1/orgs/${org.id}/address`)).body,
    workspaces: await emu.fx.all("/v1/workspaces"),
    wsMembers: await emu.fx.all(`/v1/workspaces/${ws.id}/members`),
    integrations: await emu.fx.all("/v1/integrations"),
  };
}

let before: Awaited<ReturnType<typeof snapshot>>;
beforeEach(async () => {
  before = await snapshot();
});
afterEach(async () => {
  expect(await snapshot()).toEqual(before);
});

describe("malformed JSON", () => {
  test.each([
    ["a truncated object", '{"name": "Apex", "slug": "apex'],
    ["a trailing comma", '{"name": "Apex", "slug": "apex",}'],
    ["single quotes", "{'name': 'Apex'}"],
    ["bare words", "name=Apex&slug=apex"],
    ["an empty body", ""],
  ])("%s is refused with 400 malformed_json", async (_what, raw) => {
    expectError(
      await emu.client.api("POST", "/v1/orgs", { rawBody: raw, contentType: "application/json" }),
      400,
      "malformed_json",
    );
  });

  test("malformed JSON on a PATCH is refused with 400 malformed_json", async () => {
    expectError(await emu.client.api("PATCH", `/v1/orgs/${org.id}`, { rawBody: '{"name": ' }), 400, "malformed_json");
  });
});

describe("bodies that break the schema name every offending field at once", () => {
  test("creating an organization: unknown field, wrong types, bad slug, bad email, bad currency, bad enum-like plan", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", {
      body: {
        name: 42,
        slug: "Not A Slug!",
        billing_email: "not-an-email",
        plan_id: "gold",
        settings: { enforce_sso: "yes", default_currency: "XYZ", colour: "blue" },
        extra: true,
      },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual([
      "billing_email",
      "extra",
      "name",
      "plan_id",
      "settings.colour",
      "settings.default_currency",
      "settings.enforce_sso",
      "slug",
    ]);
    for (const detail of res.body.error.details) expect(typeof detail.issue).toBe("string");
  });

  test("creating an organization without its required fields names each missing one", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", { body: {} });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["name", "slug"]);
  });

  test("a JSON body that is not an object is refused with 422 validation_failed", async () => {
    expectError(await emu.client.api("POST", "/v1/orgs", { body: ["name", "slug"] }), 422, "validation_failed");
    expectError(await emu.client.api("POST", "/v1/orgs", { body: "apex" }), 422, "validation_failed");
  });

  test("updating an organization: bad enum-typed settings and an unknown key", async () => {
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}`, {
      body: { name: "", settings: { require_mfa: 1, default_currency: "usd" }, owner: "me" },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["name", "owner", "settings.default_currency", "settings.require_mfa"]);
  });

  test("PUT address: bad country, missing city, wrong types, malformed tax id type, unknown key", async () => {
    const res = await emu.client.api("PUT", `/v1/orgs/${org.id}/address`, {
      body: { line1: 7, postal_code: "8001", country: "XX", state: false, tax_id_type: "VAT", po_box: "12" },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["city", "country", "line1", "po_box", "state", "tax_id_type"]);
  });

  test("PUT address with a lowercase country code is refused naming country", async () => {
    const res = await emu.client.api("PUT", `/v1/orgs/${org.id}/address`, {
      body: { line1: "1 Main", city: "Paris", postal_code: "75001", country: "fr" },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["country"]);
  });

  test("inviting a member: malformed email, bad role, unknown field", async () => {
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members`, {
      body: { email: "alex@", role: "superuser", team: "x" },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["email", "role", "team"]);
  });

  test("bulk invite names the offending field of each item by index", async () => {
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members/bulk`, {
      body: {
        invitations: [
          { email: `${unique("ok")}@example.com`, role: "viewer" },
          { email: "bad", role: "viewer" },
          { email: "c@example.com", role: "god" },
        ],
      },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["invitations.1.email", "invitations.2.role"]);
  });

  test("creating a workspace: bad organization id, slug with uppercase, bad currency, wrong boolean", async () => {
    const res = await emu.client.api("POST", "/v1/workspaces", {
      body: {
        organization_id: "org-1",
        name: "Ok",
        slug: "Engineering",
        settings: { default_currency: "EURO", require_task_service_line: "true" },
      },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual([
      "organization_id",
      "settings.default_currency",
      "settings.require_task_service_line",
      "slug",
    ]);
  });

  test("slugs that are too short, too long, or start with a hyphen are refused", async () => {
    for (const slug of ["a", "x".repeat(64), "-apex", "apex-", "ap--ex", "apex_digital"]) {
      const res = await emu.client.api("POST", "/v1/orgs", { body: { name: "Apex", slug } });
      expect({ slug, ...pick(res) }).toEqual({ slug, status: 422, code: "validation_failed", fields: ["slug"] });
    }
  });

  test("claiming a malformed domain name is refused naming domain", async () => {
    for (const domain of [
      "Example.COM",
      "localhost",
      "no_underscores.example.com",
      "-bad.example.com",
      "https://example.com",
      "example..com",
    ]) {
      const res = await emu.client.api("POST", `/v1/orgs/${org.id}/domains`, { body: { domain } });
      expect({ domain, ...pick(res) }).toEqual({ domain, status: 422, code: "validation_failed", fields: ["domain"] });
    }
  });

  test("adding a workspace member: bad user id and bad role together", async () => {
    const res = await emu.client.api("POST", `/v1/workspaces/${ws.id}/members`, {
      body: { user_id: 17, role: "owner" },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["role", "user_id"]);
  });

  test("a SAML block with a bad URL and certificate names both", async () => {
    const domains = await emu.fx.all(`/v1/orgs/${org.id}/domains`);
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}/domains/${domains[0].id}`, {
      body: {
        sso_enforcement: "okta",
        saml: { entity_id: "idp", acs_url: "http://insecure.example.com", x509_cert: "not a cert" },
      },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["saml.acs_url", "saml.x509_cert", "sso_enforcement"]);
  });

  test("an integration with a bad type and a non-object config names both", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: { workspace_id: ws.id, type: "svn", config: "org=apex" },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["config", "type"]);
  });

  test("an integration PATCH with an unknown field is refused naming it", async () => {
    const res = await emu.client.api("PATCH", `/v1/integrations/${integration.id}`, {
      body: { status: "disconnected" },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["status"]);
  });

  test("a body sent to a route that takes none is refused with 422 validation_failed", async () => {
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/members/${emu.client.userId}/resend`, {
      body: { force: true },
    });
    expectError(res, 422, "validation_failed");
  });
});

describe("malformed URLs and media types", () => {
  test("an unknown route answers 404 route_not_found in the error envelope", async () => {
    expectError(await emu.client.api("GET", "/v1/organisations"), 404, "route_not_found");
  });

  test("an id of the wrong shape answers 404 not_found", async () => {
    expectError(await emu.client.api("GET", "/v1/orgs/not-an-id"), 404, "not_found");
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}/members/ORG-26-000001`), 404, "not_found");
  });

  test("a malformed percent-encoding in the path is refused with a 4xx in the error envelope", async () => {
    const res = await emu.client.api("GET", "/v1/orgs/%E0%A4%A");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test("an overlong path id is refused with a 4xx in the error envelope", async () => {
    const res = await emu.client.api("GET", `/v1/workspaces/${"x".repeat(300)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test("a form-encoded or XML body is refused with 415 unsupported_media_type", async () => {
    const form = await emu.client.api("POST", "/v1/orgs", {
      rawBody: "name=Apex&slug=apex",
      contentType: "application/x-www-form-urlencoded",
    });
    expectError(form, 415, "unsupported_media_type");
    const xml = await emu.client.api("POST", "/v1/orgs", {
      rawBody: "<org><name>Apex</name></org>",
      contentType: "application/xml",
    });
    expectError(xml, 415, "unsupported_media_type");
  });

  test("a text/plain body is refused and creates nothing", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", {
      rawBody: JSON.stringify({ name: "Apex", slug: unique("plain") }),
      contentType: "text/plain",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(typeof res.body.error.code).toBe("string");
  });
});

describe("bodies over the limit", () => {
  test("a create body over the limit is refused with 413 body_too_large", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", {
      body: { name: "x".repeat(BODY_LIMIT + 1), slug: unique("big") },
    });
    expectError(res, 413, "body_too_large");
  });

  test("a PATCH body over the limit is refused with 413 body_too_large", async () => {
    const res = await emu.client.api("PATCH", `/v1/integrations/${integration.id}`, {
      body: { config: { org: "apex", repositories: Array(20_000).fill("repo") } },
    });
    expectError(res, 413, "body_too_large");
  });

  test("a body just under the limit reaches validation instead", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", {
      body: { name: "x".repeat(BODY_LIMIT - 100), slug: unique("big") },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["name"]);
  });
});

const pick = (res: Json) => ({
  status: res.status,
  code: res.body?.error?.code,
  fields: ((res.body?.error?.details ?? []) as Json[]).map((d) => d.field).sort(),
});
