/** Authentication and token scopes: org- and workspace-scoped tokens, role-based writes, bad tokens. */
import { expectError, unique, type Json } from "../../support/emulator-client";
import { useEmulator, type JoinedMember } from "../../support/emulator-fixtures";

const emu = useEmulator();
let orgA: Json;
let orgB: Json;
let wsA1: Json;
let wsA2: Json;
let wsB: Json;
let integrationA2: Json;

beforeAll(async () => {
  orgA = await emu.fx.org();
  orgB = await emu.fx.org();
  wsA1 = await emu.fx.workspace(orgA.id);
  wsA2 = await emu.fx.workspace(orgA.id);
  wsB = await emu.fx.workspace(orgB.id);
  integrationA2 = await emu.fx.integration({ workspace_id: wsA2.id, type: "github", config: { org: "apex" } });
});

describe("authentication", () => {
  test("no token is refused with 401 unauthorized", async () => {
    expectError(await emu.client.api("GET", "/v1/orgs", { token: null }), 401, "unauthorized");
  });

  test("an unknown token is refused with 401 unauthorized", async () => {
    expectError(await emu.client.api("GET", "/v1/orgs", { token: "scr_svc_0000000000" }), 401, "unauthorized");
  });

  test("a malformed Authorization header is refused with 401 unauthorized", async () => {
    expectError(
      await emu.client.api("GET", "/v1/orgs", { token: null, headers: { authorization: emu.client.token } }),
      401,
      "unauthorized",
    );
    expectError(
      await emu.client.api("GET", "/v1/orgs", { token: null, headers: { authorization: `Basic ${emu.client.token}` } }),
      401,
      "unauthorized",
    );
  });

  test("the control token does not open the public API", async () => {
    expectError(await emu.client.api("GET", "/v1/orgs", { token: emu.client.controlToken }), 401, "unauthorized");
  });

  test("control endpoints refuse the API token with 401", async () => {
    const res = await emu.client.control("GET", "/requests", undefined, emu.client.token);
    expect(res.status).toBe(401);
  });

  test("a write without a token is refused with 401 and creates nothing", async () => {
    const before = await emu.fx.all("/v1/orgs");
    expectError(
      await emu.client.api("POST", "/v1/orgs", { token: null, body: { name: "Anon", slug: unique("anon") } }),
      401,
      "unauthorized",
    );
    expect(await emu.fx.all("/v1/orgs")).toEqual(before);
  });
});

describe("an organization-scoped token", () => {
  let token: string;

  beforeAll(async () => {
    token = await emu.client.serviceToken(emu.client.userId, { organization_id: orgA.id });
  });

  test("sees its organization", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${orgA.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(orgA.id);
  });

  test("gets 404 for another organization its user belongs to", async () => {
    expectError(await emu.client.api("GET", `/v1/orgs/${orgB.id}`, { token }), 404, "not_found");
    expectError(await emu.client.api("GET", `/v1/orgs/${orgB.id}/members`, { token }), 404, "not_found");
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${orgB.id}`, { token, body: { name: "Hijacked" } }),
      404,
      "not_found",
    );
  });

  test("gets 404 for the other organization's workspaces", async () => {
    expectError(await emu.client.api("GET", `/v1/workspaces/${wsB.id}`, { token }), 404, "not_found");
  });

  test("lists only its organization and its organization's workspaces", async () => {
    expect((await emu.fx.all("/v1/orgs", token)).map((o) => o.id)).toEqual([orgA.id]);
    expect((await emu.fx.all("/v1/workspaces", token)).map((w) => w.id).sort()).toEqual([wsA1.id, wsA2.id].sort());
  });

  test("cannot create a workspace in the other organization: 422 organization_not_found", async () => {
    const res = await emu.client.api("POST", "/v1/workspaces", {
      token,
      body: { organization_id: orgB.id, name: "X", slug: unique("x") },
    });
    expectError(res, 422, "organization_not_found");
    expect(await emu.fx.all(`/v1/workspaces?organization_id=${orgB.id}`)).toHaveLength(1);
  });
});

describe("a workspace-scoped token", () => {
  let token: string;

  beforeAll(async () => {
    token = await emu.client.serviceToken(emu.client.userId, { workspace_id: wsA1.id });
  });

  test("sees its workspace and its members", async () => {
    expect((await emu.client.api("GET", `/v1/workspaces/${wsA1.id}`, { token })).status).toBe(200);
    expect((await emu.client.api("GET", `/v1/workspaces/${wsA1.id}/members`, { token })).status).toBe(200);
  });

  test("gets 404 for the organization endpoints, even of its own organization", async () => {
    expectError(await emu.client.api("GET", `/v1/orgs/${orgA.id}`, { token }), 404, "not_found");
    expectError(await emu.client.api("GET", `/v1/orgs/${orgA.id}/members`, { token }), 404, "not_found");
    expectError(await emu.client.api("GET", `/v1/orgs/${orgA.id}/domains`, { token }), 404, "not_found");
  });

  test("gets 404 for the other workspace of the same organization and its integrations", async () => {
    expectError(await emu.client.api("GET", `/v1/workspaces/${wsA2.id}`, { token }), 404, "not_found");
    expectError(await emu.client.api("GET", `/v1/integrations/${integrationA2.id}`, { token }), 404, "not_found");
  });

  test("lists no organizations and only its workspace", async () => {
    expect(await emu.fx.all("/v1/orgs", token)).toEqual([]);
    expect((await emu.fx.all("/v1/workspaces", token)).map((w) => w.id)).toEqual([wsA1.id]);
    expect(await emu.fx.all(`/v1/integrations?organization_id=${orgA.id}`, token)).toEqual([]);
  });

  test("can connect an integration to its workspace but not to the other one", async () => {
    const own = await emu.client.api("POST", "/v1/integrations", {
      token,
      body: { workspace_id: wsA1.id, type: "github", config: { org: "apex" } },
    });
    expect(own.status).toBe(201);
    const other = await emu.client.api("POST", "/v1/integrations", {
      token,
      body: { workspace_id: wsA2.id, type: "github", config: { org: "apex" } },
    });
    expectError(other, 422, "workspace_not_found");
  });
});

describe("creating organizations with a scoped token", () => {
  test("a workspace-scoped token cannot create an organization (outside its workspace) and makes none", async () => {
    const token = await emu.client.serviceToken(emu.client.userId, { workspace_id: wsA1.id });
    const slug = unique("from-ws-token");
    const res = await emu.client.api("POST", "/v1/orgs", { token, body: { name: "Escaped", slug } });
    expect(res.status).not.toBe(201);
    expect([403, 404]).toContain(res.status);
    expect((await emu.fx.all("/v1/orgs")).some((o) => o.slug === slug)).toBe(false);
  });

  test("an organization-scoped token cannot create another organization it could never see", async () => {
    const token = await emu.client.serviceToken(emu.client.userId, { organization_id: orgA.id });
    const slug = unique("from-org-token");
    const res = await emu.client.api("POST", "/v1/orgs", { token, body: { name: "Sibling", slug } });
    expect(res.status).not.toBe(201);
    expect([403, 404]).toContain(res.status);
    expect((await emu.fx.all("/v1/orgs")).some((o) => o.slug === slug)).toBe(false);
  });
});

describe("idempotency keys and scopes", () => {
  test("replaying a key from a token of another scope does not hand over an object outside that scope", async () => {
    const wide = await emu.client.serviceToken(emu.client.userId, { organization_id: orgA.id });
    const narrow = await emu.client.serviceToken(emu.client.userId, { workspace_id: wsA1.id });
    const key = unique("scoped-key");
    const body = { workspace_id: wsA2.id, type: "github", config: { org: "scoped" } };
    const first = await emu.client.api("POST", "/v1/integrations", {
      token: wide,
      headers: { "idempotency-key": key },
      body,
    });
    expect(first.status).toBe(201);
    const replay = await emu.client.api("POST", "/v1/integrations", {
      token: narrow,
      headers: { "idempotency-key": key },
      body,
    });
    expect(JSON.stringify(replay.body)).not.toContain(first.body.data.id);
    expectError(replay, 422, "workspace_not_found");
  });
});

describe("org roles", () => {
  let viewer: JoinedMember;
  let billing: JoinedMember;
  let admin: JoinedMember;

  beforeAll(async () => {
    viewer = await emu.fx.member(orgA.id, "viewer");
    billing = await emu.fx.member(orgA.id, "billing");
    admin = await emu.fx.member(orgA.id, "admin");
  });

  test("a viewer's user token reads the organization", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${orgA.id}`, { token: viewer.token });
    expect(res.status).toBe(200);
    expect((await emu.client.api("GET", `/v1/orgs/${orgA.id}/members`, { token: viewer.token })).status).toBe(200);
  });

  test("a viewer's user token gets 403 on organization writes", async () => {
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${orgA.id}`, { token: viewer.token, body: { name: "Viewer was here" } }),
      403,
      "forbidden",
    );
    expectError(
      await emu.client.api("POST", `/v1/orgs/${orgA.id}/members`, {
        token: viewer.token,
        body: { email: `${unique("v")}@example.com`, role: "viewer" },
      }),
      403,
      "forbidden",
    );
    expectError(
      await emu.client.api("POST", `/v1/orgs/${orgA.id}/domains`, {
        token: viewer.token,
        body: { domain: `${unique("v")}.example.com` },
      }),
      403,
      "forbidden",
    );
    expectError(
      await emu.client.api("POST", "/v1/workspaces", {
        token: viewer.token,
        body: { organization_id: orgA.id, name: "V", slug: unique("v") },
      }),
      403,
      "forbidden",
    );
    expectError(await emu.client.api("DELETE", `/v1/orgs/${orgA.id}`, { token: viewer.token }), 403, "forbidden");
    expect((await emu.client.api("GET", `/v1/orgs/${orgA.id}`)).body.data.name).toBe(orgA.name);
  });

  test("a billing member's user token gets 403 on organization writes", async () => {
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${orgA.id}`, {
        token: billing.token,
        body: { name: "Billing was here" },
      }),
      403,
      "forbidden",
    );
  });

  test("a viewer who is not in a workspace does not see it (404)", async () => {
    expectError(await emu.client.api("GET", `/v1/workspaces/${wsA1.id}`, { token: viewer.token }), 404, "not_found");
  });

  test("an admin's user token may write the organization", async () => {
    const res = await emu.client.api("PATCH", `/v1/orgs/${orgA.id}`, {
      token: admin.token,
      body: { name: "Renamed by admin" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe("Renamed by admin");
  });

  test("an org admin reaches every workspace without a membership", async () => {
    expect((await emu.client.api("GET", `/v1/workspaces/${wsA2.id}`, { token: admin.token })).status).toBe(200);
  });

  test("a removed member's token loses access (404)", async () => {
    const leaving = await emu.fx.member(orgA.id, "admin");
    expect((await emu.client.api("GET", `/v1/orgs/${orgA.id}`, { token: leaving.token })).status).toBe(200);
    expect((await emu.client.api("DELETE", `/v1/orgs/${orgA.id}/members/${leaving.userId}`)).status).toBe(204);
    expectError(await emu.client.api("GET", `/v1/orgs/${orgA.id}`, { token: leaving.token }), 404, "not_found");
    expectError(await emu.client.api("GET", `/v1/workspaces/${wsA1.id}`, { token: leaving.token }), 404, "not_found");
  });

  test("an invited user who has not joined sees nothing of the organization", async () => {
    const invited = await emu.fx.invite(orgA.id, "admin");
    const token = await emu.client.userToken(invited.user_id);
    expectError(await emu.client.api("GET", `/v1/orgs/${orgA.id}`, { token }), 404, "not_found");
  });

  test("a workspace viewer may read but not change the workspace (403)", async () => {
    const wsViewer = await emu.fx.member(orgA.id, "viewer");
    expect(
      (
        await emu.client.api("POST", `/v1/workspaces/${wsA1.id}/members`, {
          body: { user_id: wsViewer.userId, role: "viewer" },
        })
      ).status,
    ).toBe(201);
    expect((await emu.client.api("GET", `/v1/workspaces/${wsA1.id}`, { token: wsViewer.token })).status).toBe(200);
    expectError(
      await emu.client.api("PATCH", `/v1/workspaces/${wsA1.id}`, { token: wsViewer.token, body: { name: "Nope" } }),
      403,
      "forbidden",
    );
  });
});
