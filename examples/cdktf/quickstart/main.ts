/**
 * The quickstart as a CDK for Terraform app: the Pulumi quickstart's organization, declared with the
 * OrganizationBlueprint construct. Synth-time settings come from the environment, as the blueprint
 * needs the domain's name to wire SSO: SCRUMS_QUICKSTART_SLUG, SCRUMS_QUICKSTART_DOMAIN.
 */
import path from "node:path";
import { App, Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { OrganizationBlueprint, provider } from "../../../cdktf"; // from a package: "scrums-iac/cdktf"

class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string, slug: string, domain: string) {
    super(scope, id);
    // Reads SCRUMS_API_URL and SCRUMS_API_TOKEN unless apiUrl / apiToken are set here.
    new provider.ScrumsProvider(this, "scrums");

    const webhookSecret = new TerraformVariable(this, "github_webhook_secret", {
      type: "string",
      sensitive: true,
      default: "quickstart-webhook-secret",
    });

    const apex = new OrganizationBlueprint(this, "apex", {
      organization: { name: "Apex Digital", slug, enforceSso: true, requireMfa: true, defaultCurrency: "USD" },
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
new QuickstartStack(app, "quickstart", process.env.SCRUMS_QUICKSTART_SLUG ?? "apex-digital", process.env.SCRUMS_QUICKSTART_DOMAIN ?? "apexdigital.example");
app.synth();
