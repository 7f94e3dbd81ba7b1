/**
 * An organization built through the API alone, as `discover` finds one in the wild: all six kinds,
 * invitations pending and accepted, two members whose emails share a name, a verified SAML domain
 * the organization enforces SSO through, and integrations of several types, one mapping environments.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { unique } from "./emulator-client";
import { type EmulatorContext, type Fixtures, must, TEST_CERT } from "./emulator-fixtures";
import { run } from "./run";
import { repoRoot } from "./tools";

export interface BuiltOrganization {
  id: string;
  slug: string;
  /** The values of the secrets discover asks for, by the variable's name. */
  secrets: Record<string, string>;
  objects: number;
}

export async function buildOrganization(fx: Fixtures): Promise<BuiltOrganization> {
  const api = async (method: string, path: string, body: unknown, status = 200) =>
    must(await fx.client.api(method, path, { body }), status, `${method} ${path}`);
  const slug = unique("acme");
  const org = await fx.org({
    slug,
    name: "Acme Corp",
    billing_email: "billing@acme.example",
    settings: { require_mfa: true },
  });
  await api("PUT", `/v1/orgs/${org.id}/address`, {
    line1: "1 Long Street",
    city: "Cape Town",
    postal_code: "8001",
    country: "ZA",
  });
  const platform = await fx.workspace(org.id, { name: "Platform", slug: "platform" });
  const data = await fx.workspace(org.id, {
    name: "Data",
    slug: "data",
    settings: { require_task_service_line: true },
  });
  const sam = await fx.member(org.id, "admin");
  const samToo = await fx.invite(org.id, "billing", `${sam.email.split("@")[0]}@other.example`);
  await fx.accept(org.id, samToo.user_id);
  await fx.invite(org.id, "viewer");
  await api("POST", `/v1/workspaces/${platform.id}/members`, { user_id: sam.userId, role: "admin" }, 201);
  await api("POST", `/v1/workspaces/${data.id}/members`, { user_id: samToo.user_id, role: "member" }, 201);

  const domain = await fx.verifiedDomain(org.id);
  await api("PATCH", `/v1/orgs/${org.id}/domains/${domain.id}`, {
    sso_enforcement: "saml",
    jit_provisioning_enabled: true,
    saml: {
      entity_id: `https://idp.${domain.domain}/metadata`,
      acs_url: `https://idp.${domain.domain}/acs`,
      x509_cert: TEST_CERT,
    },
  });
  await api("PATCH", `/v1/orgs/${org.id}`, { settings: { enforce_sso: true } });
  await fx.domain(org.id);

  const webhook = `whsec-${randomBytes(8).toString("hex")}`;
  const botToken = `xoxb-${randomBytes(8).toString("hex")}`;
  const vercelToken = `vercel-${randomBytes(8).toString("hex")}`;
  await fx.integration({
    workspace_id: platform.id,
    type: "github",
    config: { org: "acme", repositories: ["api", "web"], webhook_secret: webhook },
  });
  await fx.integration({
    organization_id: org.id,
    type: "slack",
    config: { team_id: "T0123ABCD", channel: "#deployments", bot_token: botToken },
  });
  const vercel = await fx.integration({
    workspace_id: data.id,
    type: "vercel",
    config: { team_id: "team_acme", access_token: vercelToken },
  });
  await api("PATCH", `/v1/integrations/${vercel.id}/environment-mapping`, {
    environment_mapping: { production: "prod", preview: "preview" },
  });
  await fx.integration({
    workspace_id: data.id,
    type: "aws_marketplace",
    config: { customer_identifier: "cust-1", product_code: "prod-1" },
  });
  const domainName = String(domain.domain).replace(/[^a-z0-9]+/g, "_");
  return {
    id: org.id,
    slug,
    objects: 17,
    secrets: {
      [`${domainName}_saml_certificate`]: TEST_CERT,
      platform_github_webhook_secret: webhook,
      [`${slug.replace(/-/g, "_")}_slack_bot_token`]: botToken,
      data_vercel_access_token: vercelToken,
    },
  };
}

/**
 * Runs `scrums-iac discover` of `organization` into a new directory under `scratch` (the test file's, which
 * it removes); returns the directory and what it printed.
 */
export async function discoverInto(
  ctx: EmulatorContext,
  scratch: string,
  organization: string,
  format: string,
  ...extra: string[]
) {
  const out = mkdtempSync(path.join(scratch, `discover-${format}-`));
  const result = await run(
    process.execPath,
    [
      path.join(repoRoot, "bin/scrums-iac"),
      "discover",
      "--organization",
      organization,
      "--format",
      format,
      "--out",
      out,
      ...extra,
    ],
    { cwd: repoRoot, env: { SCRUMS_API_URL: ctx.env.emulator.url, SCRUMS_API_TOKEN: ctx.env.emulator.token } },
  );
  return { out, stdout: result.stdout };
}
