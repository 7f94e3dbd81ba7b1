/**
 * The quickstart as a CDK for Terraform app: the Pulumi quickstart's organization, declared with the
 * OrganizationBlueprint construct. Synth-time settings come from the environment, as the blueprint
 * needs the domain's name to wire SSO: SCRUMS_QUICKSTART_SLUG, SCRUMS_QUICKSTART_DOMAIN (and
 * SCRUMS_QUICKSTART_REQUIRE_MFA=false, to watch the policy aspect fail the synth).
 */
import path from "node:path";
import { App, Aspects, Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { OrganizationBlueprint, provider, ScrumsPolicyAspect } from "../../../cdktf"; // from a package: "scrums-iac/cdktf"

class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string, slug: string, domain: string, requireMfa: boolean) {
    super(scope, id);
    // Reads SCRUMS_API_URL and SCRUMS_API_TOKEN unless apiUrl / apiToken are set here.
    new provider.ScrumsProvider(this, "scrums");

    const webhookSecret = new TerraformVariable(this, "github_webhook_secret", {
      type: "string",
      sensitive: true,
      default: "quickstart-webhook-secret",
    });

    const apex = new OrganizationBlueprint(this, "apex", {
      organization: { name: "Apex Digital", slug, enforceSso: true, requireMfa, defaultCurrency: "USD" },
      domains: {
        [domain]: {
          ssoEnforcement: "saml",
          saml: {
            entityId: `https://idp.${domain}/metadata`,
            acsUrl: `https://idp.${domain}/sso/acs`,
            // Read by Terraform at plan time, so the certificate is not copied into the synthesized JSON.
            certificate: Fn.file(path.join(__dirname, "idp-signing-cert.pem")),
          },
          jitProvisioningEnabled: true,
          scimEnabled: true,
          waitForVerification: true,
          verificationTimeoutSeconds: 60,
        },
      },
      workspaces: {
        platform: { name: "Platform Engineering", slug: "platform" },
        data: { name: "Data & Analytics", slug: "data", requireTaskServiceLine: true },
      },
      members: {
        [`jordan@${domain}`]: { role: "admin" },
        [`sam@${domain}`]: { role: "billing", workspaces: { platform: "member", data: "viewer" } },
        [`alex@${domain}`]: { role: "viewer", workspaces: { data: "viewer" } },
      },
      integrations: {
        "platform-github": {
          workspace: "platform",
          type: "github",
          config: { org: slug, repositories: ["infrastructure", "platform"] },
          secrets: { webhook_secret: webhookSecret.stringValue },
        },
      },
    });

    const domainResource = apex.domains[domain]!;
    new TerraformOutput(this, "organization_id", { value: apex.organization.id });
    new TerraformOutput(this, "verification_record", {
      value: `${domainResource.verificationRecordName} TXT "${domainResource.verificationRecordValue}"`,
    });
    new TerraformOutput(this, "scim_base_url", { value: domainResource.scimBaseUrl });
    new TerraformOutput(this, "scim_token", { value: domainResource.scimToken, sensitive: true });
  }
}

const app = new App();
const settings = process.env;
const stack = new QuickstartStack(
  app,
  "quickstart",
  settings.SCRUMS_QUICKSTART_SLUG ?? "apex-digital",
  settings.SCRUMS_QUICKSTART_DOMAIN ?? "apexdigital.example",
  // Turned off only to see the policy stop it.
  settings.SCRUMS_QUICKSTART_REQUIRE_MFA !== "false",
);
// The SSO and MFA rules at synth (CDKTF runs a stack's own aspects): a violation fails `cdktf synth`. A
// quickstart is made to be destroyed, so the advice to retain the organization on destroy is turned off.
Aspects.of(stack).add(new ScrumsPolicyAspect({ "organization-retained-on-destroy": "disabled" }));
app.synth();
