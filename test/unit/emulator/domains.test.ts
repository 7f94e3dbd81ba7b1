/** Verified domains: the verification state machine, SSO/JIT/SCIM prerequisites, SAML and SCIM secrets. */
import { createHash } from "node:crypto";
import { DOM_ID, RFC3339_UTC, expectError, unique, type Json } from "../../support/emulator-client";
import { TEST_CERT, must, useEmulator } from "../../support/emulator-fixtures";

const emu = useEmulator();

const DOMAIN_FIELDS = [
  "created_at",
  "domain",
  "id",
  "jit_provisioning_enabled",
  "organization_id",
  "saml",
  "scim_base_url",
  "scim_enabled",
  "scim_token_created_at",
  "sso_enforcement",
  "updated_at",
  "verification",
  "verified",
  "verified_at",
];
const SAML = {
  entity_id: "https://idp.example.com/metadata",
  acs_url: "https://idp.example.com/sso/acs",
  x509_cert: TEST_CERT,
};
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const domainPath = (d: Json) => `/v1/orgs/${d.organization_id}/domains/${d.id}`;
const patch = (d: Json, body: unknown) => emu.client.api("PATCH", domainPath(d), { body });

describe("claiming and verifying", () => {
  let org: Json;
  let claimed: Json;
  const name = `${unique("apex")}.example.com`;

  beforeAll(async () => {
    org = await emu.fx.org();
  });

  test("claiming a domain answers 201 with an unverified domain and the TXT record to publish", async () => {
    const res = await emu.client.api("POST", `/v1/orgs/${org.id}/domains`, { body: { domain: name } });
    expect(res.status).toBe(201);
    claimed = res.body.data;
    expect(Object.keys(claimed).sort()).toEqual(DOMAIN_FIELDS);
    expect(claimed.id).toMatch(DOM_ID);
    expect(claimed).toMatchObject({
      organization_id: org.id,
      domain: name,
      verified: false,
      verified_at: null,
      sso_enforcement: "none",
      jit_provisioning_enabled: false,
      scim_enabled: false,
      saml: null,
      scim_base_url: null,
      scim_token_created_at: null,
    });
    expect(claimed.verification.type).toBe("TXT");
    expect(claimed.verification.name).toMatch(new RegExp(`\\.${name.replace(/\./g, "\\.")}$`));
    expect(typeof claimed.verification.value).toBe("string");
    expect(claimed.verification.value.length).toBeGreaterThan(8);
    expect(claimed.created_at).toMatch(RFC3339_UTC);
    expect(claimed.updated_at).toMatch(RFC3339_UTC);
  });

  test("verifying before the TXT record is published is refused with 422 verification_pending", async () => {
    expectError(await emu.client.api("POST", `${domainPath(claimed)}/verify`), 422, "verification_pending");
  });

  test("a refused verification leaves the domain unverified", async () => {
    const res = await emu.client.api("GET", domainPath(claimed));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(claimed);
  });

  test("once the TXT record is published through the control API, verify marks the domain verified", async () => {
    must(await emu.client.control("POST", `/domains/${claimed.id}/publish-txt`), 200, "publish");
    const res = await emu.client.api("POST", `${domainPath(claimed)}/verify`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: claimed.id, verified: true, verification: claimed.verification });
    expect(res.body.data.verified_at).toMatch(RFC3339_UTC);
    expect((await emu.client.api("GET", domainPath(claimed))).body.data.verified).toBe(true);
  });

  test("claiming the same domain twice in one organization is refused with 409 domain_taken", async () => {
    expectError(
      await emu.client.api("POST", `/v1/orgs/${org.id}/domains`, { body: { domain: name } }),
      409,
      "domain_taken",
    );
  });

  test("patching a different domain name is refused with 422 immutable_field; the same name is accepted", async () => {
    const res = await patch(claimed, { domain: `other-${name}` });
    expectError(res, 422, "immutable_field");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: "domain" })]);
    expect((await patch(claimed, { domain: name })).status).toBe(200);
  });

  test("the domains list shows the organization's domains", async () => {
    const res = await emu.client.api("GET", `/v1/orgs/${org.id}/domains`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: Json) => d.id)).toEqual([claimed.id]);
    expect(res.body.meta).toEqual({ cursor: null, has_more: false });
  });
});

describe("a domain verified by another organization", () => {
  test("verifying it is refused with 409 domain_taken, and it stays unverified", async () => {
    const name = `${unique("contested")}.example.com`;
    const first = await emu.fx.domain((await emu.fx.org()).id, name);
    const second = await emu.fx.domain((await emu.fx.org()).id, name);
    must(await emu.client.control("POST", `/domains/${first.id}/publish-txt`), 200, "publish first");
    must(await emu.client.api("POST", `${domainPath(first)}/verify`), 200, "verify first");
    must(await emu.client.control("POST", `/domains/${second.id}/publish-txt`), 200, "publish second");
    expectError(await emu.client.api("POST", `${domainPath(second)}/verify`), 409, "domain_taken");
    expect((await emu.client.api("GET", domainPath(second))).body.data.verified).toBe(false);
  });

  test("after the holder releases it, the other organization can verify it", async () => {
    const name = `${unique("released")}.example.com`;
    const first = await emu.fx.verifiedDomain((await emu.fx.org()).id, name);
    const second = await emu.fx.domain((await emu.fx.org()).id, name);
    must(await emu.client.control("POST", `/domains/${second.id}/publish-txt`), 200, "publish second");
    expect((await emu.client.api("DELETE", domainPath(first))).status).toBe(204);
    expect((await emu.client.api("POST", `${domainPath(second)}/verify`)).status).toBe(200);
  });
});

describe("the auto-verify setting", () => {
  afterAll(async () => {
    must(await emu.client.control("PUT", "/settings", { auto_verify_domains: false }), 200, "turn auto-verify off");
  });

  test("with auto-verify on, verify succeeds without a published TXT record", async () => {
    const settings = await emu.client.control("PUT", "/settings", { auto_verify_domains: true });
    expect(settings.status).toBe(200);
    expect(settings.body.data).toEqual({ auto_verify_domains: true });
    const domain = await emu.fx.domain((await emu.fx.org()).id);
    const res = await emu.client.api("POST", `${domainPath(domain)}/verify`);
    expect(res.status).toBe(200);
    expect(res.body.data.verified).toBe(true);
  });

  test("with auto-verify off again, verify is pending until the TXT record is published", async () => {
    must(await emu.client.control("PUT", "/settings", { auto_verify_domains: false }), 200, "turn auto-verify off");
    const domain = await emu.fx.domain((await emu.fx.org()).id);
    expectError(await emu.client.api("POST", `${domainPath(domain)}/verify`), 422, "verification_pending");
  });
});

describe("SSO, JIT and SCIM need a verified domain", () => {
  let unverified: Json;

  beforeAll(async () => {
    unverified = await emu.fx.domain((await emu.fx.org()).id);
  });

  test.each([
    ["sso_enforcement google", { sso_enforcement: "google" }],
    ["sso_enforcement microsoft", { sso_enforcement: "microsoft" }],
    ["sso_enforcement saml with a saml block", { sso_enforcement: "saml", saml: SAML }],
    ["jit_provisioning_enabled", { jit_provisioning_enabled: true }],
    ["scim_enabled", { scim_enabled: true }],
  ])("%s on an unverified domain is refused with 422 domain_not_verified", async (_what, body) => {
    expectError(await patch(unverified, body), 422, "domain_not_verified");
    expect((await emu.client.api("GET", domainPath(unverified))).body.data).toEqual(unverified);
  });

  test("a saml block alone may be set on an unverified domain", async () => {
    const res = await patch(unverified, { saml: SAML });
    expect(res.status).toBe(200);
    expect(res.body.data.saml).toMatchObject({ entity_id: SAML.entity_id, acs_url: SAML.acs_url });
  });
});

describe("SAML", () => {
  let domain: Json;

  beforeAll(async () => {
    domain = await emu.fx.verifiedDomain((await emu.fx.org()).id);
  });

  test("saml enforcement without a saml block is refused with 422 saml_incomplete", async () => {
    expectError(await patch(domain, { sso_enforcement: "saml" }), 422, "saml_incomplete");
    expect((await emu.client.api("GET", domainPath(domain))).body.data.sso_enforcement).toBe("none");
  });

  test("saml enforcement with an explicitly null saml block is refused with 422 saml_incomplete", async () => {
    expectError(await patch(domain, { sso_enforcement: "saml", saml: null }), 422, "saml_incomplete");
  });

  test("a saml block missing its certificate is refused with 422 validation_failed naming saml.x509_cert", async () => {
    const res = await patch(domain, {
      sso_enforcement: "saml",
      saml: { entity_id: SAML.entity_id, acs_url: SAML.acs_url },
    });
    expectError(res, 422, "validation_failed");
    expect(res.body.error.details.map((d: Json) => d.field)).toEqual(["saml.x509_cert"]);
  });

  test("saml enforcement with a complete block is accepted, the certificate reads ******** with its SHA-256", async () => {
    const res = await patch(domain, { sso_enforcement: "saml", saml: SAML, jit_provisioning_enabled: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ sso_enforcement: "saml", jit_provisioning_enabled: true });
    expect(res.body.data.saml).toEqual({
      entity_id: SAML.entity_id,
      acs_url: SAML.acs_url,
      x509_cert: "********",
      x509_cert_sha256: sha256(TEST_CERT),
    });
  });

  test("the certificate is never served back: not on GET, not in the list", async () => {
    const get = await emu.client.api("GET", domainPath(domain));
    expect(get.body.data.saml.x509_cert).toBe("********");
    expect(JSON.stringify(get.body)).not.toContain("BEGIN CERTIFICATE");
    const list = await emu.client.api("GET", `/v1/orgs/${domain.organization_id}/domains`);
    expect(JSON.stringify(list.body)).not.toContain("BEGIN CERTIFICATE");
    expect(list.body.data[0].saml.x509_cert).toBe("********");
  });

  test("a new certificate changes x509_cert_sha256", async () => {
    const other = TEST_CERT.replace("MIIB", "MIIC");
    const res = await patch(domain, { saml: { ...SAML, x509_cert: other } });
    expect(res.status).toBe(200);
    expect(res.body.data.saml.x509_cert_sha256).toBe(sha256(other));
    expect(res.body.data.saml.x509_cert_sha256).not.toBe(sha256(TEST_CERT));
  });
});

describe("SCIM tokens", () => {
  let domain: Json;
  let first: Json;

  beforeAll(async () => {
    domain = await emu.fx.verifiedDomain((await emu.fx.org()).id);
  });

  test("rotating the SCIM token of a domain without SCIM is refused with 409 scim_disabled", async () => {
    expectError(await emu.client.api("POST", `${domainPath(domain)}/scim/token`), 409, "scim_disabled");
  });

  test("enabling SCIM gives the domain a SCIM base URL", async () => {
    const res = await patch(domain, { scim_enabled: true });
    expect(res.status).toBe(200);
    expect(res.body.data.scim_enabled).toBe(true);
    expect(typeof res.body.data.scim_base_url).toBe("string");
    expect(res.body.data.scim_base_url).toContain(domain.id);
    expect(res.body.data.scim_token_created_at).toBeNull();
  });

  test("rotating answers 201 with the token, once", async () => {
    const res = await emu.client.api("POST", `${domainPath(domain)}/scim/token`);
    expect(res.status).toBe(201);
    first = res.body.data;
    expect(Object.keys(first).sort()).toEqual(["created_at", "token"]);
    expect(typeof first.token).toBe("string");
    expect(first.token.length).toBeGreaterThanOrEqual(20);
    expect(first.created_at).toMatch(RFC3339_UTC);
  });

  test("the domain never shows the token, only when it was created", async () => {
    const get = await emu.client.api("GET", domainPath(domain));
    expect(JSON.stringify(get.body)).not.toContain(first.token);
    expect(get.body.data.scim_token_created_at).toBe(first.created_at);
    const list = await emu.client.api("GET", `/v1/orgs/${domain.organization_id}/domains`);
    expect(JSON.stringify(list.body)).not.toContain(first.token);
  });

  test("a second rotation gives a different token", async () => {
    const res = await emu.client.api("POST", `${domainPath(domain)}/scim/token`);
    expect(res.status).toBe(201);
    expect(res.body.data.token).not.toBe(first.token);
    const get = await emu.client.api("GET", domainPath(domain));
    expect(JSON.stringify(get.body)).not.toContain(res.body.data.token);
  });

  test("the SCIM log lists the rotations without the tokens", async () => {
    const res = await emu.client.api("GET", `${domainPath(domain)}/scim/logs`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
    for (const entry of res.body.data) {
      expect(Object.keys(entry).sort()).toEqual(["detail", "event", "id", "timestamp"]);
      expect(entry.timestamp).toMatch(RFC3339_UTC);
    }
    expect(JSON.stringify(res.body)).not.toContain(first.token);
  });

  test("disabling SCIM makes rotation refused again with 409 scim_disabled", async () => {
    expect((await patch(domain, { scim_enabled: false })).body.data).toMatchObject({
      scim_enabled: false,
      scim_base_url: null,
    });
    expectError(await emu.client.api("POST", `${domainPath(domain)}/scim/token`), 409, "scim_disabled");
  });
});

describe("deleting", () => {
  test("DELETE releases a domain: 204, then 404", async () => {
    const domain = await emu.fx.domain((await emu.fx.org()).id);
    const res = await emu.client.api("DELETE", domainPath(domain));
    expect(res.status).toBe(204);
    expectError(await emu.client.api("GET", domainPath(domain)), 404, "not_found");
  });

  test("a domain is not found under another organization's path", async () => {
    const domain = await emu.fx.domain((await emu.fx.org()).id);
    const other = await emu.fx.org();
    expectError(await emu.client.api("GET", `/v1/orgs/${other.id}/domains/${domain.id}`), 404, "not_found");
  });
});
