/**
 * The model registry alone, through the engine's API-free entry points: every bad declaration is
 * refused naming its field and why; diffs compare declarations with state field by field, replace
 * only for immutable fields, compare write-only fields by hash and fill defaults.
 */
import { checkDeclaration, diffDeclaration } from "../../../provider/engine";
import {
  createBody,
  desiredState,
  KINDS,
  type Issue,
  type KindName,
  sha256,
  updateBody,
  type Values,
} from "../../../provider/model/resources";
import { TEST_CERT } from "../../support/emulator-fixtures";

const ORG = "ORG-26-000001";
const WS = "WS-26-000001";
const USR = "USR-26-000001";
const isUnknown = (value: unknown) => value === "UNKNOWN";

const BASE: Record<KindName, Values> = {
  Organization: { name: "Apex", slug: "apex" },
  Workspace: { organizationId: ORG, name: "Platform", slug: "platform" },
  OrganizationMember: { organizationId: ORG, email: "sam@example.com", role: "admin" },
  WorkspaceMember: { workspaceId: WS, userId: USR, role: "member" },
  Domain: { organizationId: ORG, domain: "apex.example.com" },
  Integration: {
    workspaceId: WS,
    type: "gitlab",
    config: { group: "apex" },
    secrets: { access_token: "glpat-secret-1" },
  },
};

const issuesOf = (kind: KindName, raw: Values) => checkDeclaration(kind, raw, { creating: true }).issues;

/** A declaration that must pass, normalised. */
function declared(kind: KindName, overrides: Values = {}): Values {
  const result = checkDeclaration(kind, { ...BASE[kind], ...overrides }, { creating: true });
  expect(result.issues).toEqual([]);
  return result.declared;
}

/** The state an apply of `raw` leaves, as far as the declaration decides it. */
const stateOf = (kind: KindName, raw: Values = {}) => desiredState(KINDS[kind].fields, declared(kind, raw));

/** The single issue of a declaration, for one `expect` that shows the whole issue on failure. */
function onlyIssue(kind: KindName, overrides: Values): Issue {
  const issues = issuesOf(kind, { ...BASE[kind], ...overrides });
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe("checkDeclaration refuses bad input, naming the field and the reason", () => {
  test("the base declarations of every kind pass", () => {
    for (const kind of Object.keys(BASE) as KindName[]) expect(issuesOf(kind, BASE[kind])).toEqual([]);
  });

  test.each([
    ["Organization", "-apex-"],
    ["Organization", "Apex"],
    ["Organization", "a"],
    ["Workspace", "plat--form"],
  ] as const)("a bad slug on %s (%s)", (kind, slug) => {
    const issue = onlyIssue(kind, { slug });
    expect(issue.field).toBe("slug");
    expect(issue.reason).toMatch(/lowercase letters, digits and single hyphens|2 to 63 characters/);
  });

  test("a bad email: billingEmail and a member's email", () => {
    expect(onlyIssue("Organization", { billingEmail: "billing-at-apex" })).toEqual({
      field: "billingEmail",
      reason: "must be an email address",
    });
    expect(onlyIssue("OrganizationMember", { email: "sam@" })).toEqual({
      field: "email",
      reason: "must be an email address",
    });
  });

  test("an unknown currency, with examples of valid codes", () => {
    for (const kind of ["Organization", "Workspace"] as const) {
      const issue = onlyIssue(kind, { defaultCurrency: "XYZ" });
      expect(issue.field).toBe("defaultCurrency");
      expect(issue.reason).toMatch(/ISO 4217/);
      expect(issue.reason).toMatch(/USD/);
    }
  });

  test("an unknown organization role lists the roles", () => {
    expect(onlyIssue("OrganizationMember", { role: "superuser" })).toEqual({
      field: "role",
      reason: "must be one of owner, admin, billing, viewer",
    });
  });

  test("an unknown workspace role lists the roles", () => {
    expect(onlyIssue("WorkspaceMember", { role: "owner" })).toEqual({
      field: "role",
      reason: "must be one of admin, member, viewer",
    });
  });

  test("a workspace role above the member's organization role lists what the organization role allows", () => {
    const issue = onlyIssue("WorkspaceMember", { organizationRole: "viewer", role: "admin" });
    expect(issue.field).toBe("role");
    expect(issue.reason).toContain("viewer");
    expect(issue.reason).toMatch(/allowed are viewer$/);
    expect(onlyIssue("WorkspaceMember", { organizationRole: "billing", role: "admin" }).reason).toMatch(
      /allowed are member, viewer$/,
    );
    expect(
      issuesOf("WorkspaceMember", { ...BASE.WorkspaceMember, organizationRole: "billing", role: "member" }),
    ).toEqual([]);
    expect(issuesOf("WorkspaceMember", { ...BASE.WorkspaceMember, organizationRole: "admin", role: "admin" })).toEqual(
      [],
    );
  });

  test("enforceSso on a new organization without plannedSsoDomains says how to get there", () => {
    const issue = onlyIssue("Organization", { enforceSso: true });
    expect(issue.field).toBe("enforceSso");
    expect(issue.reason).toMatch(/Domain/);
    expect(issue.reason).toMatch(/enforceSso: false/);
    expect(
      issuesOf("Organization", { ...BASE.Organization, enforceSso: true, plannedSsoDomains: ["apex.example.com"] }),
    ).toEqual([]);
    // An existing organization may ask: the API judges whether SSO is configured.
    expect(
      checkDeclaration("Organization", { ...BASE.Organization, enforceSso: true }, { creating: false }).issues,
    ).toEqual([]);
  });

  test("a SAML block missing a field names the member field", () => {
    expect(
      onlyIssue("Domain", { saml: { entityId: "https://idp.example.com", acsUrl: "https://idp.example.com/acs" } }),
    ).toEqual({
      field: "saml.certificate",
      reason: "is required to set up SAML or change its entityId or acsUrl: the platform keeps only its hash",
    });
    expect(onlyIssue("Domain", { saml: { entityId: "https://idp.example.com", certificate: TEST_CERT } })).toEqual({
      field: "saml.acsUrl",
      reason: "is required",
    });
    const badUrl = onlyIssue("Domain", {
      saml: { entityId: "idp", acsUrl: "http://idp.example.com/acs", certificate: TEST_CERT },
    });
    expect(badUrl.field).toBe("saml.acsUrl");
    expect(badUrl.reason).toMatch(/https/);
  });

  test("on an existing domain, a SAML block without its certificate keeps the platform's, unless the block moves", () => {
    const saml = { entityId: "https://idp.example.com", acsUrl: "https://idp.example.com/acs" };
    const held = { saml: { ...saml, certificateSha256: "ab".repeat(32) } };
    const existing = (state: Values, declaredSaml: Values) =>
      checkDeclaration(
        "Domain",
        { ...BASE.Domain, ssoEnforcement: "saml", saml: declaredSaml },
        { creating: false, state },
      ).issues;
    expect(existing(held, saml)).toEqual([]);
    expect(existing(held, { ...saml, entityId: "https://other.example.com" }).map((issue) => issue.field)).toEqual([
      "saml.certificate",
    ]);
    expect(existing({ saml: null }, saml).map((issue) => issue.field)).toEqual(["saml.certificate"]);
    expect(diffDeclaration("Domain", held, { ...BASE.Domain, saml }).changed).not.toContain("saml");
  });

  test("an existing integration declared without secrets keeps the platform's; a new one needs them", () => {
    const { secrets: _secrets, ...withoutSecrets } = BASE.Integration;
    expect(checkDeclaration("Integration", withoutSecrets, { creating: false }).issues).toEqual([]);
    expect(issuesOf("Integration", withoutSecrets)).toEqual([
      { field: "secrets.access_token", reason: "is required for gitlab" },
    ]);
    expect(
      diffDeclaration("Integration", { ...withoutSecrets, secretsHash: null }, withoutSecrets).changed,
    ).not.toContain("secrets");
  });

  test("ssoEnforcement saml without saml asks for the SAML block", () => {
    const issue = onlyIssue("Domain", { ssoEnforcement: "saml" });
    expect(issue.field).toBe("saml");
    expect(issue.reason).toMatch(/entityId, acsUrl and certificate/);
  });

  test("an unknown ssoEnforcement lists the allowed values", () => {
    expect(onlyIssue("Domain", { ssoEnforcement: "okta" })).toEqual({
      field: "ssoEnforcement",
      reason: "must be one of none, saml, google, microsoft",
    });
  });

  test("an unknown integration type lists the types", () => {
    const issue = onlyIssue("Integration", { type: "bitbucket" });
    expect(issue).toEqual({
      field: "type",
      reason: "must be one of github, gitlab, jira, slack, vercel, aws_marketplace",
    });
  });

  test("a missing required config key, and a missing secret, each name where they belong", () => {
    expect(onlyIssue("Integration", { config: {} })).toEqual({
      field: "config.group",
      reason: "is required for gitlab",
    });
    expect(onlyIssue("Integration", { secrets: {} })).toEqual({
      field: "secrets.access_token",
      reason: "is required for gitlab",
    });
  });

  test("an unknown config key lists the type's settings", () => {
    expect(onlyIssue("Integration", { config: { group: "apex", project: "x" } })).toEqual({
      field: "config.project",
      reason: "is not a setting of gitlab: allowed are group, base_url",
    });
  });

  test("a secret put in config instead of secrets is pointed to secrets", () => {
    const issues = issuesOf("Integration", {
      ...BASE.Integration,
      config: { group: "apex", access_token: "glpat-x" },
      secrets: {},
    });
    expect(issues).toContainEqual({
      field: "config.access_token",
      reason: "is a secret of gitlab: declare it under secrets",
    });
    expect(issues.every((issue) => !issue.reason.includes("glpat-x"))).toBe(true);
  });

  test("a secret of another type lists the type's secrets", () => {
    expect(onlyIssue("Integration", { secrets: { access_token: "t0ken", webhook_secret: "w" } })).toEqual({
      field: "secrets.webhook_secret",
      reason: "is not a secret of gitlab: allowed are access_token",
    });
  });

  test("an integration needs exactly one owner", () => {
    expect(onlyIssue("Integration", { organizationId: ORG }).field).toBe("workspaceId");
    expect(onlyIssue("Integration", { workspaceId: undefined }).field).toBe("workspaceId");
  });

  test("an unknown top-level field lists the declarable fields, and computed fields are not declarable", () => {
    const issue = onlyIssue("Workspace", { colour: "blue" });
    expect(issue.field).toBe("colour");
    expect(issue.reason).toMatch(/^is not a field: allowed are organizationId, name, slug/);
    expect(onlyIssue("Workspace", { status: "active" }).field).toBe("status");
    expect(onlyIssue("Domain", { scimToken: "x" }).field).toBe("scimToken");
  });

  test("a missing required field is named", () => {
    expect(issuesOf("Workspace", { organizationId: ORG, name: "Platform" })).toEqual([
      { field: "slug", reason: "is required" },
    ]);
  });
});

describe("checkDeclaration normalises and leaves unknown values alone", () => {
  test("unknown values skip validation and are kept as they came, also in cross-field rules", () => {
    const check = (kind: KindName, raw: Values) => checkDeclaration(kind, raw, { creating: true, isUnknown });
    expect(check("Workspace", { organizationId: "UNKNOWN", name: "Platform", slug: "UNKNOWN" })).toEqual({
      declared: { organizationId: "UNKNOWN", name: "Platform", slug: "UNKNOWN" },
      issues: [],
    });
    expect(check("Integration", { ...BASE.Integration, workspaceId: "UNKNOWN" }).issues).toEqual([]);
    expect(check("Integration", { ...BASE.Integration, secrets: "UNKNOWN" }).issues).toEqual([]);
    expect(
      check("Integration", { ...BASE.Integration, config: { group: "apex", base_url: "UNKNOWN" } }).issues,
    ).toEqual([]);
    expect(
      check("Organization", { ...BASE.Organization, enforceSso: true, plannedSsoDomains: "UNKNOWN" }).issues,
    ).toEqual([]);
    expect(
      check("WorkspaceMember", { ...BASE.WorkspaceMember, role: "admin", organizationRole: "UNKNOWN" }).issues,
    ).toEqual([]);
    expect(
      check("Domain", { ...BASE.Domain, saml: { entityId: "UNKNOWN", acsUrl: "UNKNOWN", certificate: "UNKNOWN" } })
        .issues,
    ).toEqual([]);
    // Without the sentinel, the same values are judged.
    expect(
      checkDeclaration(
        "Workspace",
        { organizationId: "UNKNOWN", name: "Platform", slug: "UNKNOWN" },
        { creating: true },
      ).issues.map((i) => i.field),
    ).toEqual(["organizationId", "slug"]);
  });

  test("a member's email is lowercased", () => {
    expect(declared("OrganizationMember", { email: "Sam.Rivera@Example.COM" }).email).toBe("sam.rivera@example.com");
  });

  test("display names and address lines are trimmed", () => {
    const org = declared("Organization", {
      name: "  Apex  ",
      address: { line1: " 1 Long Street ", city: "Cape Town", postalCode: "8001", country: "ZA" },
    });
    expect(org.name).toBe("Apex");
    expect((org.address as Values).line1).toBe("1 Long Street");
  });
});

describe("diffDeclaration", () => {
  test("a declaration against the state it produced has no changes", () => {
    for (const kind of Object.keys(BASE) as KindName[]) {
      expect(diffDeclaration(kind, stateOf(kind), declared(kind))).toEqual({ changed: [], replaces: [] });
    }
  });

  test("reports changed mutable fields without replacing", () => {
    expect(
      diffDeclaration(
        "Organization",
        stateOf("Organization"),
        declared("Organization", { name: "Apex Group", requireMfa: true }),
      ),
    ).toEqual({ changed: ["name", "requireMfa"], replaces: [] });
    expect(
      diffDeclaration("Workspace", stateOf("Workspace"), declared("Workspace", { requireTaskServiceLine: true })),
    ).toEqual({ changed: ["requireTaskServiceLine"], replaces: [] });
    expect(
      diffDeclaration(
        "OrganizationMember",
        stateOf("OrganizationMember"),
        declared("OrganizationMember", { role: "viewer" }),
      ),
    ).toEqual({ changed: ["role"], replaces: [] });
    expect(
      diffDeclaration("WorkspaceMember", stateOf("WorkspaceMember"), declared("WorkspaceMember", { role: "viewer" })),
    ).toEqual({ changed: ["role"], replaces: [] });
    expect(diffDeclaration("Domain", stateOf("Domain"), declared("Domain", { jitProvisioningEnabled: true }))).toEqual({
      changed: ["jitProvisioningEnabled"],
      replaces: [],
    });
    expect(
      diffDeclaration("Integration", stateOf("Integration"), declared("Integration", { config: { group: "apex-2" } })),
    ).toEqual({ changed: ["config"], replaces: [] });
  });

  test.each([
    ["Organization", { slug: "apex-2" }, ["slug"]],
    ["Workspace", { slug: "platform-2" }, ["slug"]],
    ["Workspace", { organizationId: "ORG-26-000002" }, ["organizationId"]],
    ["OrganizationMember", { email: "alex@example.com" }, ["email"]],
    ["OrganizationMember", { organizationId: "ORG-26-000002" }, ["organizationId"]],
    ["WorkspaceMember", { userId: "USR-26-000002" }, ["userId"]],
    ["Domain", { domain: "other.example.com" }, ["domain"]],
    ["Integration", { type: "github", config: { org: "apex" }, secrets: {} }, ["type"]],
    ["Integration", { workspaceId: undefined, organizationId: ORG }, ["organizationId"]],
    ["Integration", { workspaceId: "WS-26-000002" }, ["workspaceId"]],
  ] as const)("%s: changing %j replaces", (kind, overrides, replaces) => {
    const diff = diffDeclaration(kind, stateOf(kind), declared(kind, overrides));
    expect(diff.replaces).toEqual(replaces);
    for (const name of replaces) expect(diff.changed).toContain(name);
  });

  test("a mutable change alongside an immutable one replaces only for the immutable one", () => {
    expect(
      diffDeclaration(
        "Organization",
        stateOf("Organization"),
        declared("Organization", { slug: "apex-2", name: "Apex 2" }),
      ),
    ).toEqual({ changed: ["name", "slug"], replaces: ["slug"] });
  });

  test("integration secrets diff by hash and never reach desiredState in plaintext", () => {
    const state = stateOf("Integration");
    expect(JSON.stringify(state)).not.toContain("glpat-secret-1");
    expect(state).not.toHaveProperty("secrets");
    expect(state.secretsHash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(state).not.toHaveProperty("secretsSha256");
    expect(JSON.stringify(state)).not.toContain(sha256({ access_token: "glpat-secret-1" }));
    expect(
      diffDeclaration("Integration", state, declared("Integration", { secrets: { access_token: "glpat-secret-1" } }))
        .changed,
    ).toEqual([]);
    expect(
      diffDeclaration("Integration", state, declared("Integration", { secrets: { access_token: "glpat-secret-2" } })),
    ).toEqual({ changed: ["secrets"], replaces: [] });
  });

  test("a SAML certificate diffs by hash and never reaches desiredState in plaintext", () => {
    const saml = { entityId: "https://idp.example.com", acsUrl: "https://idp.example.com/acs", certificate: TEST_CERT };
    const state = stateOf("Domain", { saml });
    expect(JSON.stringify(state)).not.toContain("BEGIN CERTIFICATE");
    expect((state.saml as Values).certificateSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(diffDeclaration("Domain", state, declared("Domain", { saml })).changed).toEqual([]);
    // The fingerprint of the same PEM without its final line break, as `$(cat cert.pem)` gives it.
    const trimmed = { ...saml, certificate: TEST_CERT.trimEnd() };
    expect(diffDeclaration("Domain", state, declared("Domain", { saml: trimmed })).changed).toEqual([]);
    const otherCert = TEST_CERT.replace("MIIBsz", "MIIBsy");
    expect(diffDeclaration("Domain", state, declared("Domain", { saml: { ...saml, certificate: otherCert } }))).toEqual(
      { changed: ["saml"], replaces: [] },
    );
    expect(
      diffDeclaration("Domain", state, declared("Domain", { saml: { ...saml, entityId: "https://idp2.example.com" } }))
        .changed,
    ).toEqual(["saml"]);
  });

  test("an absent optional field with a default equals its default", () => {
    const state = stateOf("Organization", { enforceSso: false, requireMfa: false, deletionPolicy: "delete" });
    expect(diffDeclaration("Organization", state, declared("Organization")).changed).toEqual([]);
    expect(diffDeclaration("Organization", { ...state, requireMfa: true }, declared("Organization")).changed).toEqual([
      "requireMfa",
    ]);
    expect(
      diffDeclaration("Domain", { ...stateOf("Domain"), ssoEnforcement: "google" }, declared("Domain")).changed,
    ).toEqual(["ssoEnforcement"]);
  });

  test("an absent optional field without a default is not compared", () => {
    const state = {
      ...stateOf("Organization"),
      billingEmail: "billing@example.com",
      planId: "plan_enterprise",
      defaultCurrency: "EUR",
    };
    expect(diffDeclaration("Organization", state, declared("Organization"))).toEqual({ changed: [], replaces: [] });
    expect(
      diffDeclaration("Organization", state, declared("Organization", { defaultCurrency: "GBP" })).changed,
    ).toEqual(["defaultCurrency"]);
    expect(
      diffDeclaration("Workspace", { ...stateOf("Workspace"), defaultCurrency: "EUR" }, declared("Workspace")).changed,
    ).toEqual([]);
  });

  test("computed and context fields never cause a change", () => {
    const state = {
      ...stateOf("WorkspaceMember"),
      email: "x@example.com",
      status: "invited",
      joinedAt: "2026-01-01T00:00:00Z",
    };
    expect(
      diffDeclaration("WorkspaceMember", state, declared("WorkspaceMember", { organizationRole: "admin" })).changed,
    ).toEqual([]);
    const org = { ...stateOf("Organization"), status: "active", createdAt: "2026-01-01T00:00:00Z" };
    expect(
      diffDeclaration("Organization", org, declared("Organization", { plannedSsoDomains: ["apex.example.com"] }))
        .changed,
    ).toEqual([]);
  });

  test("a field whose value is not known yet counts as changed", () => {
    const diff = diffDeclaration(
      "Workspace",
      stateOf("Workspace"),
      { ...declared("Workspace"), organizationId: "UNKNOWN" },
      isUnknown,
    );
    expect(diff).toEqual({ changed: ["organizationId"], replaces: ["organizationId"] });
  });

  test("an expired invitation is pending work only when resendExpiredInvitation is set", () => {
    const state = { ...stateOf("OrganizationMember"), invitationExpired: true };
    expect(diffDeclaration("OrganizationMember", state, declared("OrganizationMember")).changed).toEqual([]);
    expect(
      diffDeclaration("OrganizationMember", state, declared("OrganizationMember", { resendExpiredInvitation: true }))
        .changed,
    ).toEqual(["resendExpiredInvitation", "invitation"]);
  });
});

describe("the bodies a kind's create and update send, from its fields' declarations", () => {
  const FULL: Record<KindName, Values> = {
    ...BASE,
    Organization: {
      ...BASE.Organization,
      billingEmail: "b@example.com",
      ownerId: USR,
      enforceSso: true,
      plannedSsoDomains: ["apex.example.com"],
      address: { line1: "1 Main St", city: "Leeds", postalCode: "LS1 1AA", country: "GB" },
    },
    Domain: { ...BASE.Domain, ssoEnforcement: "google", scimEnabled: true },
  };
  const created = (kind: KindName) => createBody(KINDS[kind], declared(kind, FULL[kind]));
  const updated = (kind: KindName, changed: string[]) => updateBody(KINDS[kind], declared(kind, FULL[kind]), changed);

  test("a create sends what the object is made with: not what an update sets later, what its path names, or what has its own operation", () => {
    expect(created("Organization")).toEqual({
      name: "Apex",
      slug: "apex",
      billing_email: "b@example.com",
      owner_id: USR,
      settings: { require_mfa: false },
    });
    expect(created("Workspace")).toEqual({
      organization_id: ORG,
      name: "Platform",
      slug: "platform",
      settings: { require_task_service_line: false },
    });
    expect(created("OrganizationMember")).toEqual({ email: "sam@example.com", role: "admin" });
    expect(created("WorkspaceMember")).toEqual({ user_id: USR, role: "member" });
    expect(created("Domain")).toEqual({ domain: "apex.example.com" });
    expect(created("Integration")).toEqual({
      workspace_id: WS,
      type: "gitlab",
      config: { group: "apex", access_token: "glpat-secret-1" },
    });
  });

  test("an update sends the changed fields it can change, not create-only ones or those with their own operation", () => {
    expect(updated("Organization", ["name", "ownerId", "enforceSso", "address"])).toEqual({
      name: "Apex",
      settings: { enforce_sso: true },
    });
    expect(updated("Domain", ["ssoEnforcement", "scimEnabled", "verification"])).toEqual({
      sso_enforcement: "google",
      scim_enabled: true,
    });
    expect(updated("OrganizationMember", ["role", "invitation"])).toEqual({ role: "admin" });
    expect(updated("Integration", ["environmentMapping"])).toEqual({});
  });

  test("an API object is replaced whole, so what shares it goes along, except a write-only value the platform keeps", () => {
    expect(updated("Integration", ["secrets"])).toEqual({ config: { group: "apex", access_token: "glpat-secret-1" } });
    expect(updated("Integration", ["config"])).toEqual({ config: { group: "apex" } });
  });
});
