/**
 * The CDKTF quickstart app through the real `cdktf` CLI and `terraform` (or `tofu`) against the
 * emulator: synth, deploy, no changes planned afterwards, the organization as declared, no secret in
 * what was synthesized, printed or stored, destroy.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CdktfProject } from "../support/cdktf-project";
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { repoRoot } from "../support/tools";

const APP = path.join(repoRoot, "examples/cdktf/quickstart");
const ctx = useEmulator();
const STACK = "quickstart";
let project: CdktfProject;
afterAll(() => project?.remove());

it("deploys the example in one run with SSO and MFA enforced, plans no changes, leaks no secret, and destroys it", async () => {
  await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
  const slug = unique("cdktf");
  const domain = `${slug}.example`;
  const webhookSecret = `whsec-${unique("cdktf")}`;
  project = new CdktfProject({ url: ctx.env.emulator.url, token: ctx.env.emulator.token }, APP, {
    SCRUMS_QUICKSTART_SLUG: slug,
    SCRUMS_QUICKSTART_DOMAIN: domain,
    TF_VAR_github_webhook_secret: webhookSecret,
  });

  await project.synth();
  const synthesized = JSON.parse(project.synthesized(STACK));
  const [organization] = Object.values(synthesized.resource.scrums_organization) as Array<Record<string, unknown>>;
  expect(organization).toMatchObject({ slug, enforce_sso: true, require_mfa: true, planned_sso_domains: [domain] });
  const members = Object.values(synthesized.resource.scrums_organization_member) as Array<{ depends_on: string[] }>;
  expect(members).toHaveLength(3);
  for (const member of members) expect(member.depends_on).toEqual([expect.stringMatching(/^scrums_domain\./)]);

  const deploy = await project.deploy(STACK);
  expect(deploy.stdout).toMatch(/Apply complete! Resources: 11 added, 0 changed, 0 destroyed/);

  const [org] = (await ctx.client.api("GET", "/v1/orgs")).body.data.filter((o: { slug: string }) => o.slug === slug);
  expect(org.settings).toMatchObject({ enforce_sso: true, require_mfa: true, default_currency: "USD" });
  const orgMembers = (await ctx.client.api("GET", `/v1/orgs/${org.id}/members`)).body.data as Array<{
    email: string;
    role: string;
    user_id: string;
  }>;
  expect(orgMembers.map((m) => `${m.email}:${m.role}`).sort()).toEqual(
    [
      "admin@emulator.scrums.dev:owner",
      `alex@${domain}:viewer`,
      `jordan@${domain}:admin`,
      `sam@${domain}:billing`,
    ].sort(),
  );
  const emailOf = new Map(orgMembers.map((m) => [m.user_id, m.email]));
  const workspaces = (await ctx.client.api("GET", `/v1/workspaces?organization_id=${org.id}`)).body.data as Array<{
    id: string;
    slug: string;
  }>;
  const roles: string[] = [];
  for (const workspace of workspaces) {
    const wsMembers = (await ctx.client.api("GET", `/v1/workspaces/${workspace.id}/members`)).body.data as Array<{
      user_id: string;
      role: string;
    }>;
    for (const m of wsMembers)
      if (emailOf.get(m.user_id)?.endsWith(domain)) roles.push(`${workspace.slug}:${emailOf.get(m.user_id)}:${m.role}`);
  }
  expect(roles.sort()).toEqual([
    `data:alex@${domain}:viewer`,
    `data:sam@${domain}:viewer`,
    `platform:sam@${domain}:member`,
  ]);
  const [domainObject] = (await ctx.client.api("GET", `/v1/orgs/${org.id}/domains`)).body.data;
  expect(domainObject).toMatchObject({
    domain,
    verified: true,
    sso_enforcement: "saml",
    jit_provisioning_enabled: true,
    scim_enabled: true,
  });

  const terraform = project.terraform(STACK);
  expect((await terraform.plan()).code).toBe(0);

  const scimToken = await terraform.secretOutput("scim_token");
  expect(scimToken).toMatch(/\S{16,}/);
  const certificateBody = readFileSync(path.join(APP, "idp-signing-cert.pem"), "utf8").split("\n")[1]!;
  const everything = [
    JSON.stringify(synthesized),
    ...project.transcript,
    terraform.everything(),
    project.stateFile(STACK),
  ].join("\n");
  expect(everything).not.toContain(webhookSecret);
  expect(everything).not.toContain(certificateBody);
  expect([...project.transcript, terraform.everything()].join("\n")).not.toContain(scimToken);

  const destroy = await project.destroy(STACK);
  expect(destroy.stdout).toMatch(/Destroy complete! Resources: 11 destroyed/);
  expect((await ctx.client.api("GET", `/v1/orgs/${org.id}`)).body.data.status).toBe("closed");
});

it("fails cdktf synth when the app breaks a mandatory policy rule, naming the rule and the resource", async () => {
  const violating = new CdktfProject({ url: ctx.env.emulator.url, token: ctx.env.emulator.token }, APP, {
    SCRUMS_QUICKSTART_REQUIRE_MFA: "false",
  });
  try {
    const synth = await violating.cdktf(["synth"], { allowFailure: true });
    expect(synth.code).not.toBe(0);
    expect(`${synth.stdout}\n${synth.stderr}`).toMatch(
      /\[sso-and-mfa-enforced\] organization apex-digital .* must set require_mfa to true/,
    );
    const printed = `${synth.stdout}\n${synth.stderr}`;
    expect(printed).toMatch(/quickstart\/apex\/organization/);
    // Each violation once, and no stack trace under it.
    expect(printed.match(/\[sso-and-mfa-enforced\] organization apex-digital/g)).toHaveLength(1);
    expect(printed.split("\n").filter((line) => /^\s+at /.test(line))).toEqual([]);
  } finally {
    violating.remove();
  }
});
