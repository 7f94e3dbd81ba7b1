/**
 * SSO in one apply when the Domain becomes ready in a later run, through the real `pulumi` and
 * `terraform` against the emulator: an organization declaring `enforceSso` with its SSO Domain left
 * unverified (`waitForVerification: false`) is created unenforced and its state says the enforcement
 * is pending; a run in which the domain is still unverified keeps it pending; the run after the TXT
 * record is published enforces SSO on the platform, without a refresh; plans are then empty, with or
 * without a refresh, and a refresh records that nothing is pending any more.
 */
import { unique } from "../support/emulator-client";
import { must, TEST_CERT, testSaml, useEmulator } from "../support/emulator-fixtures";
import { expr, type HclValue, resources } from "../support/hcl";
import { PulumiWorkspace } from "../support/pulumi-stack";
import { useTerraformWorkdirs } from "../support/terraform-workdir";
import type { Declaration } from "./fixtures/pulumi-declare/declaration";

const ctx = useEmulator();
const workdir = useTerraformWorkdirs(ctx);
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

beforeAll(async () => {
  must(
    await ctx.client.control("PUT", "/settings", { auto_verify_domains: false }),
    200,
    "turn automatic verification off",
  );
});

const platformEnforces = async (orgId: string) =>
  must(await ctx.client.api("GET", `/v1/orgs/${orgId}`), 200, `read ${orgId}`).settings.enforce_sso;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const publishTxt = async (domainId: string) =>
  must(await ctx.client.control("POST", `/domains/${domainId}/publish-txt`), 200, "publish the TXT record");

describe("Pulumi: an organization enforcing SSO through a Domain verified in a later run", () => {
  it("records the enforcement as pending until the platform holds it, and finishes it in the run the domain becomes ready", async () => {
    const domain = `${unique("sso")}.example.com`;
    const slug = unique("sso-org");
    const declaration: Declaration = {
      resources: {
        org: { type: "Organization", args: { name: "SSO Later", slug, enforceSso: true } },
        dom: {
          type: "Domain",
          args: {
            organizationId: { $ref: "org", output: "id" },
            domain,
            ssoEnforcement: "saml",
            saml: testSaml(domain),
            waitForVerification: false,
          },
        },
      },
      outputs: { ssoEnforcementPending: { $ref: "org", output: "ssoEnforcementPending" } },
    };
    const stack = await pulumi.stack("sso-later", { url: ctx.env.emulator.url, token: ctx.env.emulator.token });
    stack.declare(declaration);

    // The domain cannot be verified yet: the run fails on it, and the organization stays unenforced.
    const first = await stack.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(first.code).not.toBe(0);
    const { org, dom } = await stack.resources();
    expect(await platformEnforces(org!.id)).toBe(false);
    expect(org!.outputs).toMatchObject({ enforceSso: true, ssoEnforcementPending: true });
    expect(await stack.output("ssoEnforcementPending")).toBe("true");
    // Warnings are shown under the resource they concern, not under the stack.
    expect(first.stdout).toMatch(
      new RegExp(
        `scrums:Organization \\(org\\):\\s+warning: Organization "${slug}" \\(${org!.id}\\): enforceSso is pending until ${escaped(domain)} is verified with SSO`,
      ),
    );

    // Still unverified: the organization is tried again and stays pending, with no claim that SSO is enforced.
    const second = await stack.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(second.code).not.toBe(0);
    expect(second.stdout).toMatch(/scrums:Organization\s+org\s+updat/);
    expect(await platformEnforces(org!.id)).toBe(false);
    expect(await stack.output("ssoEnforcementPending")).toBe("true");

    // The record is published: the next run, without a refresh, verifies the domain and enforces SSO.
    await publishTxt(dom!.id);
    const third = await stack.up();
    expect(await platformEnforces(org!.id)).toBe(true);
    expect(third.stdout).toMatch(
      new RegExp(
        `scrums:Domain \\(dom\\):\\s+warning: Organization "${slug}" \\(${org!.id}\\) now enforces SSO through ${escaped(domain)}`,
      ),
    );

    // The organization's step ran before the domain's, so its state says pending until a refresh; plans are empty already.
    await stack.preview("--expect-no-changes");
    await stack.refresh();
    expect((await stack.resources()).org!.outputs).toMatchObject({ enforceSso: true, ssoEnforcementPending: false });
    // A refresh does not run the program: the next run brings the stack's outputs up to date, changing nothing.
    await stack.preview("--expect-no-changes");
    expect((await stack.up()).stdout).not.toMatch(/scrums:Organization\s+org\s+updat/);
    expect(await stack.output("ssoEnforcementPending")).toBe("false");

    // Destroy releases the domain first, which needs the organization's enforcement off: the warning names both, under the Domain.
    const destroyed = await stack.destroy();
    expect(destroyed.stdout).toMatch(
      new RegExp(
        `scrums:Domain \\(dom\\):\\s+warning: Organization "${slug}" \\(${org!.id}\\) enforced SSO through ${escaped(domain)} alone`,
      ),
    );
  });
});

describe("Terraform: an organization enforcing SSO through a Domain verified in a later run", () => {
  it("records the enforcement as pending until the platform holds it, and finishes it in the run the domain becomes ready", async () => {
    const tf = workdir();
    const domain = `${unique("sso")}.example.com`;
    const slug = unique("sso-org");
    const declared: Record<string, { type: string; args: Record<string, HclValue> }> = {
      org: {
        type: "scrums_organization",
        args: { name: "SSO Later", slug, enforce_sso: true, planned_sso_domains: [domain] },
      },
      dom: {
        type: "scrums_domain",
        args: {
          organization_id: expr("scrums_organization.org.id"),
          domain,
          sso_enforcement: "saml",
          saml: {
            entity_id: `https://idp.${domain}/metadata`,
            acs_url: `https://idp.${domain}/acs`,
            certificate: expr('file("${path.module}/idp.pem")'),
          },
        },
      },
    };
    tf.write(resources(declared), { "idp.pem": TEST_CERT });
    const orgValues = async () => (await tf.resources())["scrums_organization.org"]!.values;

    const first = await tf.terraform(["apply", "-auto-approve", "-input=false"], { allowFailure: true });
    expect(first.code).not.toBe(0);
    const org = await orgValues();
    const orgId = String(org.id);
    expect(await platformEnforces(orgId)).toBe(false);
    expect(org).toMatchObject({ enforce_sso: true, sso_enforcement_pending: true });
    expect(first.stdout + first.stderr).toMatch(
      new RegExp(
        `Warning: Organization "${slug}" \\(${orgId}\\): enforce_sso is pending until[\\s\\S]*?with scrums_organization\\.org`,
      ),
    );
    const domainId = String((await tf.resources())["scrums_domain.dom"]!.values.id);
    // Terraform taints an object whose create failed; the documented untaint lets the next apply finish it.
    await tf.terraform(["untaint", "scrums_domain.dom"]);

    // Still unverified: the organization is planned for an update, applied, and stays pending.
    expect((await tf.plan("-refresh=false")).code).toBe(2);
    const second = await tf.terraform(["apply", "-auto-approve", "-input=false"], { allowFailure: true });
    expect(second.code).not.toBe(0);
    expect(await platformEnforces(orgId)).toBe(false);
    expect(await orgValues()).toMatchObject({ enforce_sso: true, sso_enforcement_pending: true });

    await publishTxt(domainId);
    await tf.apply("-refresh=false");
    expect(await platformEnforces(orgId)).toBe(true);

    // Empty plans, with and without a refresh; a refresh records that nothing is pending.
    expect((await tf.plan("-refresh=false")).code).toBe(0);
    expect((await tf.plan()).code).toBe(0);
    await tf.apply("-refresh-only");
    expect(await orgValues()).toMatchObject({ enforce_sso: true, sso_enforcement_pending: false });
    expect((await tf.plan("-refresh=false")).code).toBe(0);
    // Terraform gives a destroy's diagnostics no resource address: the warning names the organization and the domain.
    const destroyed = await tf.terraform(["destroy", "-auto-approve", "-input=false"]);
    expect(destroyed.stdout + destroyed.stderr).toMatch(
      new RegExp(
        `Warning: Organization "${slug}" \\(${orgId}\\) enforced SSO through ${escaped(domain)} alone: its enforce_sso was turned off to release the domain`,
      ),
    );
  });
});
