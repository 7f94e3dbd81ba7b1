/** Integrations: per-type config schemas, write-only secrets, immutable owner and type, environment mapping. */
import { INT_ID, expectError, detailFields, type Json } from "../../support/emulator-client";
import { must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();
let org: Json;
let ws: Json;

beforeAll(async () => {
  org = await emu.fx.org();
  ws = await emu.fx.workspace(org.id);
});

const MASK = "********";

describe("secret configuration keys", () => {
  const SECRET = "whsec_do-not-echo-this-1234567890";
  let github: Json;

  test("the create response masks a secret key as ********", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: {
        workspace_id: ws.id,
        type: "github",
        config: { org: "apex-digital", installation_id: 42, webhook_secret: SECRET },
      },
    });
    expect(res.status).toBe(201);
    github = res.body.data;
    expect(github.config).toEqual({ org: "apex-digital", installation_id: 42, webhook_secret: MASK });
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  test("GET masks it", async () => {
    const res = await emu.client.api("GET", `/v1/integrations/${github.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(github);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  test("the list masks it", async () => {
    const res = await emu.client.api("GET", `/v1/integrations?workspace_id=${ws.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toContainEqual(github);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  test("PATCH without the secret keeps it (still masked) and answers the new config", async () => {
    const res = await emu.client.api("PATCH", `/v1/integrations/${github.id}`, {
      body: { config: { org: "apex-digital", repositories: ["platform"] } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.config).toEqual({ org: "apex-digital", repositories: ["platform"], webhook_secret: MASK });
  });

  test("PATCH with a new secret masks it in the response too", async () => {
    const NEW_SECRET = "whsec_another-secret-0987654321";
    const res = await emu.client.api("PATCH", `/v1/integrations/${github.id}`, {
      body: { config: { org: "apex-digital", webhook_secret: NEW_SECRET } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.config).toEqual({ org: "apex-digital", webhook_secret: MASK });
    expect(JSON.stringify(res.body)).not.toContain(NEW_SECRET);
  });

  test.each([
    ["gitlab", { group: "apex", access_token: "glpat-secret-value" }, "access_token"],
    [
      "jira",
      { site_url: "https://apex.atlassian.net", email: "ops@apex.com", api_token: "jira-secret-value" },
      "api_token",
    ],
    ["slack", { team_id: "T0123ABCD", channel: "#deployments", bot_token: "xoxb-secret-value" }, "bot_token"],
    ["vercel", { team_id: "team_apex", access_token: "vercel-secret-value" }, "access_token"],
  ])("a %s integration masks its %s", async (type, config, secretKey) => {
    const res = await emu.client.api("POST", "/v1/integrations", { body: { organization_id: org.id, type, config } });
    expect(res.status).toBe(201);
    expect(res.body.data.config).toEqual({ ...config, [secretKey as string]: MASK });
    expect(res.body.data.workspace_id).toBeNull();
    expect(res.body.data.organization_id).toBe(org.id);
    const get = await emu.client.api("GET", `/v1/integrations/${res.body.data.id}`);
    expect(get.body.data.config[secretKey as string]).toBe(MASK);
  });

  test("an aws_marketplace integration has no secrets and serves its config as sent", async () => {
    const config = { customer_identifier: "cust-1", product_code: "prod-1" };
    const created = await emu.fx.integration({ organization_id: org.id, type: "aws_marketplace", config });
    expect(created.id).toMatch(INT_ID);
    expect(created.config).toEqual(config);
  });
});

describe("config validation", () => {
  test("an unknown type is refused with 422 validation_failed naming type", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: { workspace_id: ws.id, type: "bitbucket", config: {} },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["type"]);
  });

  test("a missing required config key is refused with 422 naming config.<key>", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: { workspace_id: ws.id, type: "gitlab", config: { group: "apex" } },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["config.access_token"]);
  });

  test("an unknown config key and a malformed one are named together", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: {
        workspace_id: ws.id,
        type: "slack",
        config: { team_id: "nope", channel: "#ok", bot_token: "xoxb-1", colour: "red" },
      },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["config.colour", "config.team_id"]);
  });

  test("giving both workspace_id and organization_id is refused with 422 validation_failed", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: { workspace_id: ws.id, organization_id: org.id, type: "github", config: { org: "apex" } },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toContain("workspace_id");
  });

  test("a PATCH config that breaks the type's schema is refused naming config.<key>, and the config stays", async () => {
    const created = await emu.fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex" } });
    const res = await emu.client.api("PATCH", `/v1/integrations/${created.id}`, {
      body: { config: { org: "-bad-", installation_id: "x" } },
    });
    expectError(res, 422, "validation_failed");
    expect(detailFields(res)).toEqual(["config.installation_id", "config.org"]);
    expect((await emu.client.api("GET", `/v1/integrations/${created.id}`)).body.data).toEqual(created);
  });

  test("an integration for an unknown workspace is refused with 422 workspace_not_found", async () => {
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: { workspace_id: "WS-26-999999", type: "github", config: { org: "apex" } },
    });
    expectError(res, 422, "workspace_not_found");
  });
});

describe("immutable fields", () => {
  let created: Json;

  beforeAll(async () => {
    created = await emu.fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex" } });
  });

  test("changing the type is refused with 422 immutable_field", async () => {
    const res = await emu.client.api("PATCH", `/v1/integrations/${created.id}`, { body: { type: "gitlab" } });
    expectError(res, 422, "immutable_field");
    expect(detailFields(res)).toEqual(["type"]);
  });

  test("moving it to another workspace is refused with 422 immutable_field", async () => {
    const other = await emu.fx.workspace(org.id);
    const res = await emu.client.api("PATCH", `/v1/integrations/${created.id}`, { body: { workspace_id: other.id } });
    expectError(res, 422, "immutable_field");
    expect(detailFields(res)).toEqual(["workspace_id"]);
  });

  test("moving it to another organization is refused with 422 immutable_field", async () => {
    const other = await emu.fx.org();
    const res = await emu.client.api("PATCH", `/v1/integrations/${created.id}`, {
      body: { organization_id: other.id },
    });
    expectError(res, 422, "immutable_field");
    expect(detailFields(res)).toEqual(["organization_id"]);
  });

  test("the unchanged type and owner are accepted", async () => {
    const res = await emu.client.api("PATCH", `/v1/integrations/${created.id}`, {
      body: { type: "github", workspace_id: ws.id, organization_id: org.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: created.id,
      type: "github",
      workspace_id: ws.id,
      organization_id: org.id,
    });
  });
});

describe("environment mapping", () => {
  test("a vercel integration takes an environment mapping and serves it", async () => {
    const vercel = await emu.fx.integration({
      workspace_id: ws.id,
      type: "vercel",
      config: { team_id: "team_apex", access_token: "secret" },
    });
    expect(vercel.environment_mapping).toEqual({});
    const mapping = { production: "production", preview: "preview" };
    const res = await emu.client.api("PATCH", `/v1/integrations/${vercel.id}/environment-mapping`, {
      body: { environment_mapping: mapping },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.environment_mapping).toEqual(mapping);
    expect(res.body.data.config.access_token).toBe(MASK);
    expect((await emu.client.api("GET", `/v1/integrations/${vercel.id}`)).body.data.environment_mapping).toEqual(
      mapping,
    );
  });

  test("an unknown platform environment is refused with 422 validation_failed", async () => {
    const vercel = await emu.fx.integration({
      workspace_id: ws.id,
      type: "vercel",
      config: { team_id: "team_apex", access_token: "secret" },
    });
    const res = await emu.client.api("PATCH", `/v1/integrations/${vercel.id}/environment-mapping`, {
      body: { environment_mapping: { qa: "qa" } },
    });
    expectError(res, 422, "validation_failed");
  });

  test("a github integration has no environments to map: 422 not_a_deployment_integration", async () => {
    const github = await emu.fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex" } });
    const res = await emu.client.api("PATCH", `/v1/integrations/${github.id}/environment-mapping`, {
      body: { environment_mapping: { production: "main" } },
    });
    expectError(res, 422, "not_a_deployment_integration");
    expect((await emu.client.api("GET", `/v1/integrations/${github.id}`)).body.data.environment_mapping).toEqual({});
  });
});

describe("listing and deleting", () => {
  test("DELETE disconnects an integration: 204, then 404", async () => {
    const created = await emu.fx.integration({ workspace_id: ws.id, type: "github", config: { org: "apex" } });
    expect((await emu.client.api("DELETE", `/v1/integrations/${created.id}`)).status).toBe(204);
    expectError(await emu.client.api("GET", `/v1/integrations/${created.id}`), 404, "not_found");
  });

  test("listing by organization includes org-level and workspace-level integrations; by workspace only that workspace's", async () => {
    const freshOrg = await emu.fx.org();
    const freshWs = await emu.fx.workspace(freshOrg.id);
    const orgLevel = await emu.fx.integration({
      organization_id: freshOrg.id,
      type: "github",
      config: { org: "apex" },
    });
    const wsLevel = await emu.fx.integration({ workspace_id: freshWs.id, type: "github", config: { org: "apex" } });
    expect((await emu.fx.all(`/v1/integrations?organization_id=${freshOrg.id}`)).map((i) => i.id)).toEqual([
      orgLevel.id,
      wsLevel.id,
    ]);
    expect((await emu.fx.all(`/v1/integrations?workspace_id=${freshWs.id}`)).map((i) => i.id)).toEqual([wsLevel.id]);
  });

  test("an integration of an archived workspace cannot be created: 409 workspace_archived", async () => {
    const archived = await emu.fx.workspace(org.id);
    must(await emu.client.api("DELETE", `/v1/workspaces/${archived.id}`), 200, "archive");
    const res = await emu.client.api("POST", "/v1/integrations", {
      body: { workspace_id: archived.id, type: "github", config: { org: "apex" } },
    });
    expectError(res, 409, "workspace_archived");
  });
});
