/**
 * The quickstart stack: an organization that enforces SSO and MFA, its SAML domain, two
 * workspaces, members with different roles, and a GitHub integration.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as scrums from "../../../provider/pulumi";

const config = new pulumi.Config();
const slug = config.get("slug") ?? "apex-digital";
const domainName = config.get("domain") ?? "apexdigital.example";
const webhookSecret = config.getSecret("githubWebhookSecret") ?? pulumi.secret("quickstart-webhook-secret");

const org = new scrums.Organization("apex", {
  name: "Apex Digital",
  slug,
  enforceSso: true,
  requireMfa: true,
  defaultCurrency: "USD",
});

const domain = new scrums.Domain("apex-domain", {
  organizationId: org.id,
  domain: domainName,
  ssoEnforcement: "saml",
  saml: {
    entityId: `https://idp.${domainName}/metadata`,
    acsUrl: `https://idp.${domainName}/sso/acs`,
    certificate: readFileSync(path.join(__dirname, "idp-signing-cert.pem"), "utf8"),
  },
  jitProvisioningEnabled: true,
  scimEnabled: true,
  waitForVerification: true,
  verificationTimeoutSeconds: 60,
});

const platform = new scrums.Workspace("platform", {
  organizationId: org.id,
  name: "Platform Engineering",
  slug: "platform",
});
const data = new scrums.Workspace("data", {
  organizationId: org.id,
  name: "Data & Analytics",
  slug: "data",
  requireTaskServiceLine: true,
});

const people = {
  jordan: new scrums.OrganizationMember("jordan", {
    organizationId: org.id,
    email: `jordan@${domainName}`,
    role: "admin",
  }),
  sam: new scrums.OrganizationMember("sam", { organizationId: org.id, email: `sam@${domainName}`, role: "billing" }),
  alex: new scrums.OrganizationMember("alex", { organizationId: org.id, email: `alex@${domainName}`, role: "viewer" }),
};

new scrums.WorkspaceMember("platform-sam", { workspaceId: platform.id, userId: people.sam.userId, role: "member" });
new scrums.WorkspaceMember("data-sam", { workspaceId: data.id, userId: people.sam.userId, role: "viewer" });
new scrums.WorkspaceMember("data-alex", { workspaceId: data.id, userId: people.alex.userId, role: "viewer" });

new scrums.Integration("platform-github", {
  workspaceId: platform.id,
  type: "github",
  config: { org: slug, repositories: ["infrastructure", "platform"] },
  secrets: { webhook_secret: webhookSecret },
});

export const organizationId = org.id;
export const verificationRecord = pulumi.interpolate`${domain.verificationRecordName} TXT "${domain.verificationRecordValue}"`;
export const scimBaseUrl = domain.scimBaseUrl;
export const scimToken = domain.scimToken;
