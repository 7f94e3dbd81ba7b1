/**
 * Domains and SSO through the engine: an organization's enforcement waiting for its Domain in the
 * same run, or in a later run with state saying it is pending, a domain left unverified kept as a
 * partial create that a later update finishes, the
 * SCIM token kept only in state, and releasing the domain an organization enforces SSO through.
 */
import { ApiUnavailableError } from "../../../provider/client/errors";
import { diffDeclaration, EngineError, PartialCreateError, planDeclaration } from "../../../provider/engine";
import type { Values } from "../../../provider/model/resources";
import { DOM_ID, unique } from "../../support/emulator-client";
import { must, TEST_CERT } from "../../support/emulator-fixtures";
import { changesOf, declare, rejectionOf, setAutoVerify, useEngine } from "../../support/engine-fixtures";

const t = useEngine();

const SAML = {
  entityId: "https://idp.example.com/metadata",
  acsUrl: "https://idp.example.com/acs",
  certificate: TEST_CERT,
};
const domainName = () => `${unique("sso")}.example.com`;
const getOrg = async (id: string) => must(await t.emu.client.api("GET", `/v1/orgs/${id}`), 200, `read ${id}`);
const getDomain = async (orgId: string, id: string) =>
  must(await t.emu.client.api("GET", `/v1/orgs/${orgId}/domains/${id}`), 200, `read ${id}`);
const addFault = async (rule: Values) => must(await t.emu.client.control("POST", "/faults", rule), 201, "add a fault");

afterEach(async () => {
  expect((await t.emu.client.control("DELETE", "/faults")).status).toBe(204);
});

describe("an organization enforcing SSO through a Domain of the same run", () => {
  test("is created unenforced, and enforced once the Domain is verified with SSO", async () => {
    await setAutoVerify(t.emu, true);
    const engine = t.newEngine();
    const name = domainName();
    const orgDeclared = declare("Organization", {
      name: "SSO Co",
      slug: unique("sso-co"),
      enforceSso: true,
      requireMfa: true,
      plannedSsoDomains: [name],
    });
    const org = await engine.create("Organization", orgDeclared);
    expect((await getOrg(org.id)).settings).toMatchObject({ enforce_sso: false, require_mfa: true });
    expect(org.state).toMatchObject({ enforceSso: true, ssoEnforcementPending: true });

    const domainDeclared = declare("Domain", {
      organizationId: org.id,
      domain: name,
      ssoEnforcement: "saml",
      saml: SAML,
    });
    const domain = await engine.create("Domain", domainDeclared);
    expect(domain.state).toMatchObject({ verified: true, ssoEnforcement: "saml" });
    expect(changesOf("Domain", domain.state, domainDeclared)).toEqual([]);
    expect((await getOrg(org.id)).settings.enforce_sso).toBe(true);
    expect((await planDeclaration("Organization", org.id, org.state, orgDeclared, () => engine)).changed).toEqual([]);

    const read = await engine.read("Organization", org.id, org.state);
    expect(read?.state).toMatchObject({ enforceSso: true, ssoEnforcementPending: false });
    expect(changesOf("Organization", read!.state, orgDeclared)).toEqual([]);
  });

  test("waits in state for a Domain verified in a later run, which finishes it; plans confirm it with the platform", async () => {
    await setAutoVerify(t.emu, false);
    const name = domainName();
    const orgDeclared = declare("Organization", {
      name: "SSO Later",
      slug: unique("sso-later"),
      enforceSso: true,
      plannedSsoDomains: [name],
    });

    // First run: the organization defers its enforcement and says so; the domain stays unverified.
    const firstRun = t.newEngine();
    const warned = t.warnings.length;
    const org = await firstRun.create("Organization", orgDeclared);
    expect(org.state).toMatchObject({ enforceSso: true, ssoEnforcementPending: true });
    expect(t.warnings.slice(warned).join("\n")).toContain(
      `(${org.id}): enforceSso is pending until ${name} is verified with SSO`,
    );
    const domainFor = declare("Domain", { organizationId: org.id, domain: name, ssoEnforcement: "saml", saml: SAML });
    const partial = (await rejectionOf(firstRun.create("Domain", domainFor))) as PartialCreateError;
    expect(partial).toBeInstanceOf(PartialCreateError);
    expect((await getOrg(org.id)).settings.enforce_sso).toBe(false);

    // State says pending: every plan shows work on the organization, confirmed with the platform.
    const secondRun = t.newEngine();
    expect(changesOf("Organization", org.state, orgDeclared)).toEqual(["enforceSso"]);
    expect((await planDeclaration("Organization", org.id, org.state, orgDeclared, () => secondRun)).changed).toEqual([
      "enforceSso",
    ]);
    // The domain is not ready: the update defers again and claims nothing.
    const stillPending = await secondRun.update("Organization", org.id, org.state, orgDeclared);
    expect(stillPending).toMatchObject({ enforceSso: true, ssoEnforcementPending: true });
    const read = await secondRun.read("Organization", org.id, stillPending);
    expect(read?.state).toMatchObject({ enforceSso: true, ssoEnforcementPending: true });

    // The TXT record is published: the organization's step defers once more, the domain's step finishes the enforcement.
    must(await t.emu.client.control("POST", `/domains/${partial.id}/publish-txt`), 200, "publish the TXT record");
    const thirdRun = t.newEngine();
    const orgState = await thirdRun.update("Organization", org.id, stillPending, orgDeclared);
    expect(orgState).toMatchObject({ ssoEnforcementPending: true });
    await thirdRun.update("Domain", partial.id, partial.state, domainFor);
    expect((await getOrg(org.id)).settings.enforce_sso).toBe(true);
    expect(t.warnings.join("\n")).toContain(`(${org.id}) now enforces SSO through ${name}`);

    // The organization's state still says pending; a plan confirms with the platform that nothing is left, a refresh records it.
    const nextRun = t.newEngine();
    expect((await planDeclaration("Organization", org.id, orgState, orgDeclared, () => nextRun)).changed).toEqual([]);
    const refreshed = await nextRun.read("Organization", org.id, orgState);
    expect(refreshed?.state).toMatchObject({ enforceSso: true, ssoEnforcementPending: false });
    expect(changesOf("Organization", refreshed!.state, orgDeclared)).toEqual([]);
  });

  test("a plan with nothing pending asks nothing of the platform", async () => {
    const declared = declare("Organization", {
      name: "Plain",
      slug: "plain",
      enforceSso: true,
      plannedSsoDomains: ["plain.example.com"],
    });
    const state = { name: "Plain", slug: "plain", enforceSso: false, ssoEnforcementPending: false };
    const noApi = () => {
      throw new Error("planning needs no API");
    };
    expect(await planDeclaration("Organization", "ORG-26-000001", state, declared, noApi)).toEqual(
      diffDeclaration("Organization", state, declared),
    );
  });

  test("an existing organization asking for SSO with no SSO domain is refused naming the declared field", async () => {
    const engine = t.newEngine();
    const declared = declare("Organization", { name: "No SSO", slug: unique("no-sso") });
    const org = await engine.create("Organization", declared);
    const error = await rejectionOf(
      engine.update(
        "Organization",
        org.id,
        org.state,
        declare("Organization", { ...declared, enforceSso: true }, false),
      ),
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("sso_not_configured");
    expect(error.message).toMatch(/^Organization: /);
    expect(error.message).toContain("enforceSso (settings.enforce_sso)");
    expect(error.message).toContain("Verify a domain of this organization");
    expect((await getOrg(org.id)).settings.enforce_sso).toBe(false);
  });
});

describe("a Domain that cannot be verified yet", () => {
  test("is kept as a partial create, and an update after the TXT record is published finishes it", async () => {
    await setAutoVerify(t.emu, false);
    const orgId = (await t.emu.fx.org()).id as string;
    const name = domainName();
    const declared = declare("Domain", {
      organizationId: orgId,
      domain: name,
      ssoEnforcement: "saml",
      saml: SAML,
      jitProvisioningEnabled: true,
    });

    const error = await rejectionOf(t.engine.create("Domain", declared));
    expect(error).toBeInstanceOf(PartialCreateError);
    const partial = error as PartialCreateError;
    expect(partial.id).toMatch(DOM_ID);
    expect(partial.message).toContain(partial.id);
    expect(partial.message).toContain(`_scrums-verification.${name}`);
    expect(partial.message).not.toContain("BEGIN CERTIFICATE");
    expect(partial.state).toMatchObject({
      organizationId: orgId,
      domain: name,
      verified: false,
      ssoEnforcement: "none",
      scimToken: null,
    });
    expect(changesOf("Domain", partial.state, declared)).toEqual(
      expect.arrayContaining(["ssoEnforcement", "jitProvisioningEnabled", "saml", "verification"]),
    );

    // Applying again before the record is published fails the same way and claims nothing new.
    const again = await rejectionOf(t.engine.update("Domain", partial.id, partial.state, declared));
    expect(again).toBeInstanceOf(EngineError);
    expect((again as EngineError).code).toBe("verification_pending");
    const domains = must(await t.emu.client.api("GET", `/v1/orgs/${orgId}/domains`), 200, "list domains") as Values[];
    expect(domains.map((d) => d.id)).toEqual([partial.id]);

    must(await t.emu.client.control("POST", `/domains/${partial.id}/publish-txt`), 200, "publish the TXT record");
    const state = await t.engine.update("Domain", partial.id, partial.state, declared);
    expect(state).toMatchObject({ verified: true, ssoEnforcement: "saml", jitProvisioningEnabled: true });
    expect(changesOf("Domain", state, declared)).toEqual([]);
    expect(await getDomain(orgId, partial.id)).toMatchObject({
      verified: true,
      sso_enforcement: "saml",
      jit_provisioning_enabled: true,
    });
  });

  test("without SSO settings, a Domain is claimed unverified and not an error", async () => {
    await setAutoVerify(t.emu, false);
    const orgId = (await t.emu.fx.org()).id as string;
    const declared = declare("Domain", { organizationId: orgId, domain: domainName() });
    const created = await t.engine.create("Domain", declared);
    expect(created.state).toMatchObject({ verified: false, ssoEnforcement: "none" });
    expect(created.state.verificationRecordValue).toEqual(expect.any(String));
    expect(changesOf("Domain", created.state, declared)).toEqual([]);
  });
});

describe("a Domain with SCIM", () => {
  test("yields a SCIM token kept in state, never in a log line or an error", async () => {
    await setAutoVerify(t.emu, true);
    // Gives up on a failing platform within a fraction of a second.
    const engine = t.newEngine({ retry: { baseDelayMs: 5, maxDelayMs: 20, budgetMs: 200 } });
    const orgId = (await t.emu.fx.org()).id as string;
    const declared = declare("Domain", { organizationId: orgId, domain: domainName(), scimEnabled: true });
    const created = await engine.create("Domain", declared);
    const token = created.state.scimToken as string;
    expect(token).toMatch(/^scim_.{16,}/);
    expect(created.state.scimBaseUrl).toContain(created.id);
    expect(created.state.scimTokenCreatedAt).toEqual(expect.any(String));
    expect(changesOf("Domain", created.state, declared)).toEqual([]);

    const read = await engine.read("Domain", created.id, created.state);
    expect(read?.state.scimToken).toBe(token);
    expect(changesOf("Domain", read!.state, declared)).toEqual([]);

    await addFault({ kind: "error", status: 500, route: "PATCH /v1/orgs/:org_id/domains/:domain_id" });
    const error = await rejectionOf(
      engine.update(
        "Domain",
        created.id,
        read!.state,
        declare("Domain", { ...declared, jitProvisioningEnabled: true }),
      ),
    );
    expect((await t.emu.client.control("DELETE", "/faults")).status).toBe(204);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect(error.message).toMatch(/^PATCH .* failed: 500, still failing/);
    expect(error.message).not.toContain(token);
    expect(engine.redact(`token ${token}`)).toBe("token [redacted]");
    expect(t.log.length).toBeGreaterThan(0);
    expect(t.log.filter((line) => line.includes(token))).toEqual([]);
    expect(t.log.filter((line) => line.includes("scim_"))).toEqual([]);

    const off = await engine.update(
      "Domain",
      created.id,
      read!.state,
      declare("Domain", { ...declared, scimEnabled: false }),
    );
    expect(off).toMatchObject({ scimEnabled: false, scimToken: null });
  });
});

describe("releasing the domain an organization enforces SSO through", () => {
  test("turns the organization's enforcement off first, with a warning", async () => {
    await setAutoVerify(t.emu, true);
    const orgId = (await t.emu.fx.org()).id as string;
    const domain = await t.engine.create(
      "Domain",
      declare("Domain", { organizationId: orgId, domain: domainName(), ssoEnforcement: "google" }),
    );
    must(
      await t.emu.client.api("PATCH", `/v1/orgs/${orgId}`, { body: { settings: { enforce_sso: true } } }),
      200,
      "enforce SSO",
    );
    const warned = t.warnings.length;
    await t.engine.delete("Domain", domain.id, domain.state);
    expect((await t.emu.client.api("GET", `/v1/orgs/${orgId}/domains/${domain.id}`)).status).toBe(404);
    expect((await getOrg(orgId)).settings.enforce_sso).toBe(false);
    expect(t.warnings.slice(warned).join("\n")).toMatch(
      new RegExp(
        `^Organization "[^"]+" \\(${orgId}\\) enforced SSO through ${domain.state.domain as string} alone: its enforceSso was turned off`,
      ),
    );
  });
});
