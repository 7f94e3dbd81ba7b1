/** What the OrganizationBlueprint synthesizes: the resources, and the order and links between them. */
import { Testing, TerraformStack } from "cdktf";
import { OrganizationBlueprint, provider, type OrganizationBlueprintProps } from "../../../cdktf";
import { testApp } from "../../support/cdktf-testing";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synthesize(props: OrganizationBlueprintProps): Resources {
  const stack = new TerraformStack(testApp(), "test");
  new provider.ScrumsProvider(stack, "scrums");
  new OrganizationBlueprint(stack, "acme", props);
  return (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource;
}

const only = (resources: Resources, type: string) => Object.values(resources[type] ?? {});
const reference = (type: string, resources: Resources, attribute: string) =>
  `\${${type}.${Object.keys(resources[type]!)[0]}.${attribute}}`;

const SAML = {
  entityId: "https://idp.acme.example/metadata",
  acsUrl: "https://idp.acme.example/sso/acs",
  certificate: "PEM",
};

describe("OrganizationBlueprint", () => {
  it("names the SSO domains of an organization that enforces SSO, and invites members once they exist", () => {
    const resources = synthesize({
      organization: { name: "Acme", slug: "acme", enforceSso: true, requireMfa: true },
      domains: { "acme.example": { ssoEnforcement: "saml", saml: SAML }, "acme-labs.example": {} },
      members: { "ana@acme.example": { role: "admin" } },
    });
    expect(only(resources, "scrums_organization")).toEqual([
      expect.objectContaining({
        slug: "acme",
        enforce_sso: true,
        require_mfa: true,
        planned_sso_domains: ["acme.example"],
      }),
    ]);
    const domains = only(resources, "scrums_domain");
    expect(domains.map((d) => d.domain).sort()).toEqual(["acme-labs.example", "acme.example"]);
    for (const domain of domains)
      expect(domain.organization_id).toBe(reference("scrums_organization", resources, "id"));
    const ssoDomain = Object.entries(resources.scrums_domain!).find(([, d]) => d.domain === "acme.example")![0];
    expect(only(resources, "scrums_organization_member")).toEqual([
      expect.objectContaining({ email: "ana@acme.example", role: "admin", depends_on: [`scrums_domain.${ssoDomain}`] }),
    ]);
  });

  it("leaves planned_sso_domains out when the organization does not enforce SSO", () => {
    const resources = synthesize({
      organization: { name: "Acme", slug: "acme" },
      domains: { "acme.example": { ssoEnforcement: "saml", saml: SAML } },
    });
    expect(only(resources, "scrums_organization")[0]).not.toHaveProperty("planned_sso_domains");
  });

  it("gives members their workspace roles with the organization role that bounds them", () => {
    const resources = synthesize({
      organization: { name: "Acme", slug: "acme" },
      workspaces: { platform: { name: "Platform", slug: "platform" } },
      members: { "sam@acme.example": { role: "billing", workspaces: { platform: "member" } } },
    });
    expect(only(resources, "scrums_workspace")).toEqual([
      expect.objectContaining({ slug: "platform", organization_id: reference("scrums_organization", resources, "id") }),
    ]);
    expect(only(resources, "scrums_workspace_member")).toEqual([
      expect.objectContaining({
        workspace_id: reference("scrums_workspace", resources, "id"),
        user_id: reference("scrums_organization_member", resources, "user_id"),
        organization_role: reference("scrums_organization_member", resources, "role"),
        role: "member",
      }),
    ]);
  });

  it("attaches an integration to its workspace, or to the organization when it names none", () => {
    const resources = synthesize({
      organization: { name: "Acme", slug: "acme" },
      workspaces: { platform: { name: "Platform", slug: "platform" } },
      integrations: {
        github: { workspace: "platform", type: "github", config: { org: "acme" } },
        slack: { type: "slack", config: { channel: "#ops" } },
      },
    });
    const integrations = Object.fromEntries(only(resources, "scrums_integration").map((i) => [i.type as string, i]));
    expect(integrations.github).toMatchObject({ workspace_id: reference("scrums_workspace", resources, "id") });
    expect(integrations.github).not.toHaveProperty("organization_id");
    expect(integrations.slack).toMatchObject({ organization_id: reference("scrums_organization", resources, "id") });
  });

  it("refuses a workspace key it does not declare, naming where and what is declared", () => {
    expect(() =>
      synthesize({
        organization: { name: "Acme", slug: "acme" },
        workspaces: { platform: { name: "Platform", slug: "platform" } },
        members: { "sam@acme.example": { role: "member", workspaces: { plaform: "member" } } },
      }),
    ).toThrow(
      `test/acme: members["sam@acme.example"].workspaces names the workspace "plaform", which this blueprint does not declare (workspaces: "platform")`,
    );
  });
});
