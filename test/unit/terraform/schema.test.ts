/**
 * The Terraform schema derived from the model, and the plans built on it: flags per field, names in
 * Terraform's words, and plans that promise exactly what apply produces.
 */
import { isUnknown, UNKNOWN } from "../../../provider/terraform/protocol/cty";
import { ManagedResources, RESOURCES, type Session } from "../../../provider/terraform/resources";
import type { Attribute } from "../../../provider/terraform/schema";
import { DATA_SOURCES } from "../../../provider/terraform/data-sources";
import { TEST_CERT } from "../../support/emulator-fixtures";

const attribute = (typeName: string, path: string): Attribute => {
  let level = RESOURCES.get(typeName)!.attributes;
  let found: Attribute | undefined;
  for (const name of path.split(".")) {
    found = level.find((a) => a.name === name);
    if (!found) throw new Error(`${typeName} has no ${path}`);
    level = found.nested ?? [];
  }
  return found!;
};
const flags = (a: Attribute) => ({
  required: a.required,
  optional: a.optional,
  computed: a.computed,
  sensitive: a.sensitive,
  writeOnly: a.writeOnly,
});

describe("the schema derived from the model", () => {
  it("has the six resources and three data sources of the architecture", () => {
    expect([...RESOURCES.keys()].sort()).toEqual([
      "scrums_domain",
      "scrums_integration",
      "scrums_organization",
      "scrums_organization_member",
      "scrums_workspace",
      "scrums_workspace_member",
    ]);
    expect([...DATA_SOURCES.keys()].sort()).toEqual(["scrums_organization", "scrums_roles", "scrums_workspace"]);
  });

  it.each([
    [
      "scrums_organization",
      "slug",
      { required: true, optional: false, computed: false, sensitive: false, writeOnly: false },
    ],
    [
      "scrums_organization",
      "enforce_sso",
      { required: false, optional: true, computed: true, sensitive: false, writeOnly: false },
    ],
    [
      "scrums_organization",
      "billing_email",
      { required: false, optional: true, computed: true, sensitive: false, writeOnly: false },
    ],
    [
      "scrums_organization",
      "planned_sso_domains",
      { required: false, optional: true, computed: false, sensitive: false, writeOnly: false },
    ],
    [
      "scrums_organization",
      "status",
      { required: false, optional: false, computed: true, sensitive: false, writeOnly: false },
    ],
    ["scrums_domain", "saml", { required: false, optional: true, computed: false, sensitive: false, writeOnly: false }],
    [
      "scrums_domain",
      "saml.certificate",
      { required: false, optional: true, computed: false, sensitive: true, writeOnly: true },
    ],
    [
      "scrums_domain",
      "saml.certificate_sha256",
      { required: false, optional: false, computed: true, sensitive: false, writeOnly: false },
    ],
    [
      "scrums_domain",
      "scim_token",
      { required: false, optional: false, computed: true, sensitive: true, writeOnly: false },
    ],
    [
      "scrums_integration",
      "secrets",
      { required: false, optional: true, computed: false, sensitive: true, writeOnly: true },
    ],
    [
      "scrums_workspace_member",
      "organization_role",
      { required: false, optional: true, computed: false, sensitive: false, writeOnly: false },
    ],
    [
      "scrums_integration",
      "secrets_hash",
      { required: false, optional: false, computed: true, sensitive: false, writeOnly: false },
    ],
  ])("%s.%s is %j", (typeName, path, expected) => {
    expect(flags(attribute(typeName, path))).toEqual(expected);
  });

  it("types values from the model's zod types", () => {
    expect(attribute("scrums_integration", "config").type).toBe("dynamic");
    expect(attribute("scrums_integration", "secrets").type).toEqual(["map", "string"]);
    expect(attribute("scrums_organization", "planned_sso_domains").type).toEqual(["list", "string"]);
    expect(attribute("scrums_domain", "verification_timeout_seconds").type).toBe("number");
  });

  it("describes every attribute in Terraform's names", () => {
    const mentions = [...RESOURCES.values()].flatMap((schema) =>
      schema.attributes.flatMap((a) => [a, ...(a.nested ?? [])]).map((a) => a.description),
    );
    expect(mentions.filter((text) => /`[a-z]+[A-Z]\w*`/.test(text))).toEqual([]);
    expect(attribute("scrums_integration", "organization_id").description).toContain("`workspace_id`");
  });
});

describe("plans", () => {
  const session: Session = {
    engine: () => {
      throw new Error("planning needs no API");
    },
    redact: (text) => text,
    rendering: { writeOnlyInState: false },
  };
  const resources = new ManagedResources(session);
  const organization = { name: "Acme", slug: "acme", enforce_sso: null, require_mfa: true };

  it("promise declared values and defaults, and leave platform values unknown, for a create", async () => {
    const plan = await resources.plan("scrums_organization", null, organization, organization);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.planned).toMatchObject({
      name: "Acme",
      slug: "acme",
      require_mfa: true,
      enforce_sso: false,
      deletion_policy: "delete",
      planned_sso_domains: null,
    });
    for (const name of ["id", "status", "created_at", "billing_email"])
      expect({ name, unknown: isUnknown(plan.planned![name]) }).toEqual({ name, unknown: true });
  });

  /** An invited member's state, as it was written (`Ann@Example.com`). */
  const invitedMember = (member: Record<string, unknown>) => ({
    resend_expired_invitation: false,
    ...member,
    id: "ORG-26-000001/USR-26-000002",
    user_id: "USR-26-000002",
    status: "invited",
    name: null,
    invited_at: "2026-11-22T00:00:00Z",
    joined_at: null,
    expires_at: "2026-11-29T00:00:00Z",
    invitation_expired: false,
    deletion_policy: "delete",
    adopt_existing: false,
  });

  it("repeat the prior state when nothing changed, keeping a value as written though it means the same normalised", async () => {
    const member = { organization_id: "ORG-26-000001", email: "Ann@Example.com", role: "admin" };
    const prior = invitedMember(member);
    const plan = await resources.plan("scrums_organization_member", prior, member, member);
    expect(plan.planned).toEqual(prior);
    expect(plan.requiresReplace).toEqual([]);
  });

  it("keep known what the update cannot change: everything on a role change, all but the invitation's values on a resend", async () => {
    const member = {
      organization_id: "ORG-26-000001",
      email: "ann@example.com",
      role: "billing",
      resend_expired_invitation: true,
    };
    const prior = invitedMember({ ...member, role: "admin" });
    expect((await resources.plan("scrums_organization_member", prior, member, member)).planned).toEqual({
      ...prior,
      role: "billing",
    });
    const expired = { ...prior, role: "billing", invitation_expired: true };
    expect((await resources.plan("scrums_organization_member", expired, member, member)).planned).toEqual({
      ...expired,
      invited_at: UNKNOWN,
      expires_at: UNKNOWN,
      invitation_expired: UNKNOWN,
    });
  });

  it("mark what forces a replacement, and hash a changed write-only value without keeping it", async () => {
    const config = {
      organization_id: "ORG-26-000001",
      domain: "b.example.com",
      saml: { entity_id: "https://idp/e", acs_url: "https://idp/acs", certificate: TEST_CERT },
    };
    const prior = {
      id: "DOM-26-000001",
      organization_id: "ORG-26-000001",
      domain: "a.example.com",
      created_at: "2026-11-22T00:00:00Z",
      saml: null,
    };
    const plan = await resources.plan("scrums_domain", prior, config, config);
    expect(plan.requiresReplace).toEqual([{ steps: [{ attribute_name: "domain" }] }]);
    expect(plan.planned!.saml).toMatchObject({
      certificate: null,
      certificate_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A client without write-only attributes (OpenTofu before 1.11) needs the configured value echoed, as a sensitive attribute.
    const echoing = new ManagedResources({ ...session, rendering: { writeOnlyInState: true } });
    expect((await echoing.plan("scrums_domain", prior, config, config)).planned!.saml).toMatchObject({
      certificate: TEST_CERT,
    });
    const unknownCertificate = { ...config, saml: { ...config.saml, certificate: UNKNOWN } };
    expect(
      (await resources.plan("scrums_domain", prior, unknownCertificate, unknownCertificate)).planned!.saml,
    ).toEqual({
      entity_id: "https://idp/e",
      acs_url: "https://idp/acs",
      certificate: null,
      certificate_sha256: UNKNOWN,
    });
  });

  it("reject bad input with a diagnostic on the attribute, in Terraform's names", async () => {
    const config = { organization_id: "ORG-26-000001", domain: "a.example.com", sso_enforcement: "saml" };
    const plan = await resources.plan("scrums_domain", null, config, config);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        severity: "ERROR",
        attribute: { steps: [{ attribute_name: "saml" }] },
        detail: expect.stringContaining(
          "saml is required when sso_enforcement is saml: give entity_id, acs_url and certificate",
        ),
      }),
    ]);
  });
});
