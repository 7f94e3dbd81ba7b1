/**
 * The quickstart stack of the root Pulumi.yaml, as a user runs it, against the emulator: up, a
 * preview with no changes, the organization enforcing SSO and MFA on the platform, and destroy.
 */
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { PulumiWorkspace, QUICKSTART_PROJECT } from "../support/pulumi-stack";

const ctx = useEmulator();
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

it("brings up the quickstart, previews no changes, enforces SSO and MFA, and destroys it", async () => {
  // The emulator stands in for DNS: a claimed domain counts as published, as in the README's demo.
  await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
  const slug = unique("quickstart");
  const stack = await pulumi.stack(
    "quickstart",
    { url: ctx.env.emulator.url, token: ctx.env.emulator.token },
    {
      project: QUICKSTART_PROJECT,
      config: { slug, domain: `${slug}.example.com` },
    },
  );

  const up = await stack.up();
  expect(up.stdout).toMatch(/\+ 12 created/);
  const preview = await stack.preview("--expect-no-changes");
  expect(preview.stdout).toMatch(/12 unchanged/);

  const orgId = await stack.output("organizationId");
  const org = (await ctx.client.api("GET", `/v1/orgs/${orgId}`)).body.data;
  expect({ slug: org.slug, status: org.status, settings: org.settings }).toEqual({
    slug,
    status: "active",
    settings: { enforce_sso: true, require_mfa: true, default_currency: "USD" },
  });

  const destroy = await stack.destroy();
  expect(destroy.stdout).toMatch(/- 12 deleted/);
  expect((await ctx.client.api("GET", `/v1/orgs/${orgId}`)).body.data.status).toBe("closed");
});
