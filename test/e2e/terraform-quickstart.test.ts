/** The HCL quickstart example, unchanged, through the real `terraform` and `tofu` (each the setup provisioned) against the emulator. */
import path from "node:path";
import { unique } from "../support/emulator-client";
import { useEmulator } from "../support/emulator-fixtures";
import { TerraformWorkdir } from "../support/terraform-workdir";
import { repoRoot, terraformClients } from "../support/tools";

const ctx = useEmulator();
const made: TerraformWorkdir[] = [];
afterAll(() => made.forEach((tf) => tf.remove()));

it.each(terraformClients())(
  "applies the example with SSO and MFA enforced in one run, plans no changes, and destroys it, with %s",
  async (client) => {
    await ctx.client.control("PUT", "/settings", { auto_verify_domains: true });
    const tf = new TerraformWorkdir(
      { url: ctx.env.emulator.url, token: ctx.env.emulator.token },
      undefined,
      {},
      client,
    );
    made.push(tf);
    tf.copy(path.join(repoRoot, "examples/terraform/quickstart"));
    const slug = unique("quickstart");
    const vars = ["-var", `slug=${slug}`, "-var", `domain=${slug}.example`];

    const apply = await tf.apply(...vars);
    expect(apply.stdout).toMatch(/Resources: 11 added, 0 changed, 0 destroyed/);
    const orgId = JSON.parse((await tf.terraform(["output", "-json", "organization_id"])).stdout) as string;
    const org = (await ctx.client.api("GET", `/v1/orgs/${orgId}`)).body.data;
    expect(org.settings).toMatchObject({ enforce_sso: true, require_mfa: true, default_currency: "USD" });
    const members = (await ctx.client.api("GET", `/v1/orgs/${orgId}/members`)).body.data as Array<{
      email: string;
      role: string;
    }>;
    expect(members.map((m) => `${m.email}:${m.role}`).sort()).toEqual(
      [
        "admin@emulator.scrums.dev:owner",
        `alex@${slug}.example:viewer`,
        `jordan@${slug}.example:admin`,
        `sam@${slug}.example:billing`,
      ].sort(),
    );
    expect((await tf.plan(...vars)).code).toBe(0);

    const destroy = await tf.terraform(["destroy", "-auto-approve", "-input=false", ...vars]);
    expect(destroy.stdout).toMatch(/Destroy complete! Resources: 11 destroyed/);
    expect((await ctx.client.api("GET", `/v1/orgs/${orgId}`)).body.data.status).toBe("closed");
  },
);
