/** settings.enforce_sso: its prerequisite, and what it does to user tokens without an SSO session. */
import { expectError, unique, type Json } from "../../support/emulator-client";
import { must, useEmulator, type JoinedMember } from "../../support/emulator-fixtures";

const emu = useEmulator();

const enforce = (orgId: string, on = true) =>
  emu.client.api("PATCH", `/v1/orgs/${orgId}`, { body: { settings: { enforce_sso: on } } });

describe("the prerequisite", () => {
  test("enforcing SSO on an organization without domains is refused with 422 sso_not_configured", async () => {
    const org = await emu.fx.org();
    const res = await enforce(org.id);
    expectError(res, 422, "sso_not_configured");
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).body.data.settings.enforce_sso).toBe(false);
  });

  test("a verified domain without SSO configured is not enough: 422 sso_not_configured", async () => {
    const org = await emu.fx.org();
    await emu.fx.verifiedDomain(org.id);
    expectError(await enforce(org.id), 422, "sso_not_configured");
  });

  test("creating an organization that enforces SSO from the start is refused with 422 sso_not_configured", async () => {
    const res = await emu.client.api("POST", "/v1/orgs", {
      body: { name: "Strict", slug: unique("strict"), settings: { enforce_sso: true } },
    });
    expectError(res, 422, "sso_not_configured");
  });

  test("with a verified domain enforcing google SSO, enforce_sso is accepted", async () => {
    const org = await emu.fx.org();
    const domain = await emu.fx.verifiedDomain(org.id);
    must(
      await emu.client.api("PATCH", `/v1/orgs/${org.id}/domains/${domain.id}`, { body: { sso_enforcement: "google" } }),
      200,
      "sso google",
    );
    const res = await enforce(org.id);
    expect(res.status).toBe(200);
    expect(res.body.data.settings).toMatchObject({ enforce_sso: true });
  });
});

describe("an organization that enforces SSO", () => {
  let org: Json;
  let ws: Json;
  let domain: Json;
  let admin: JoinedMember;

  beforeAll(async () => {
    org = await emu.fx.org();
    ws = await emu.fx.workspace(org.id);
    admin = await emu.fx.member(org.id, "admin");
    domain = await emu.fx.verifiedDomain(org.id);
    must(
      await emu.client.api("PATCH", `/v1/orgs/${org.id}/domains/${domain.id}`, {
        body: { sso_enforcement: "microsoft" },
      }),
      200,
      "sso",
    );
    must(await enforce(org.id), 200, "enforce SSO");
  });

  test("a member's user token without an SSO session gets 403 sso_required on the organization", async () => {
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}`, { token: admin.token }), 403, "sso_required");
  });

  test("the same token gets 403 sso_required on the organization's workspaces and members", async () => {
    expectError(await emu.client.api("GET", `/v1/workspaces/${ws.id}`, { token: admin.token }), 403, "sso_required");
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}/members`, { token: admin.token }), 403, "sso_required");
    expectError(
      await emu.client.api("PATCH", `/v1/orgs/${org.id}`, {
        token: admin.token,
        body: { name: "Renamed without SSO" },
      }),
      403,
      "sso_required",
    );
  });

  test("a user token of the bootstrap admin without an SSO session is refused too", async () => {
    const token = await emu.client.userToken(emu.client.userId);
    expectError(await emu.client.api("GET", `/v1/orgs/${org.id}`, { token }), 403, "sso_required");
  });

  test("the organizations list does not show the organization to a token without an SSO session", async () => {
    const res = await emu.client.api("GET", "/v1/orgs", { token: admin.token });
    expect([200, 403]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toContain(org.id);
  });

  test("the workspaces list does not show its workspaces to a token without an SSO session", async () => {
    const res = await emu.client.api("GET", "/v1/workspaces", { token: admin.token });
    expect([200, 403]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toContain(ws.id);
  });

  test("a user token minted with an SSO session still works", async () => {
    const token = await emu.client.userToken(admin.userId, { sso_session: true });
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(org.id);
    expect((await emu.client.api("GET", `/v1/workspaces/${ws.id}`, { token })).status).toBe(200);
  });

  test("a service token is exempt", async () => {
    const token = await emu.client.serviceToken(admin.userId);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`, { token })).status).toBe(200);
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`)).status).toBe(200);
  });

  test("a user token without SSO still reaches organizations that do not enforce SSO", async () => {
    const other = await emu.fx.org();
    const token = await emu.client.userToken(emu.client.userId);
    expect((await emu.client.api("GET", `/v1/orgs/${other.id}`, { token })).status).toBe(200);
  });

  test("releasing the only SSO domain while SSO is enforced is refused with 409 sso_enforced", async () => {
    expectError(await emu.client.api("DELETE", `/v1/orgs/${org.id}/domains/${domain.id}`), 409, "sso_enforced");
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/domains/${domain.id}`)).status).toBe(200);
  });

  test("turning SSO off on the only SSO domain while SSO is enforced is refused with 409 sso_enforced", async () => {
    const res = await emu.client.api("PATCH", `/v1/orgs/${org.id}/domains/${domain.id}`, {
      body: { sso_enforcement: "none" },
    });
    expectError(res, 409, "sso_enforced");
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}/domains/${domain.id}`)).body.data.sso_enforcement).toBe(
      "microsoft",
    );
  });

  test("after enforce_sso is turned off, the plain user token works again", async () => {
    must(await enforce(org.id, false), 200, "stop enforcing");
    expect((await emu.client.api("GET", `/v1/orgs/${org.id}`, { token: admin.token })).status).toBe(200);
  });
});
