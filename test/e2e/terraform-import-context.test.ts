/**
 * `terraform import` of the objects whose declarations carry cross-resource inputs: an organization
 * that enforces SSO (`planned_sso_domains`) and a workspace member (`organization_role`). Import
 * fills them in from the platform, so the plan right after the import is empty.
 */
import { TEST_CERT, useEmulator } from "../support/emulator-fixtures";
import { expr, resources } from "../support/hcl";
import { useTerraformWorkdirs } from "../support/terraform-workdir";

const ctx = useEmulator();
const workdir = useTerraformWorkdirs(ctx);
jest.setTimeout(10 * 60 * 1000);

it("imports an organization enforcing SSO and a workspace member, and plans no change after", async () => {
  const org = await ctx.fx.org();
  const domain = await ctx.fx.verifiedDomain(org.id);
  const saml = { entity_id: `https://idp.${domain.domain}/metadata`, acs_url: `https://idp.${domain.domain}/acs` };
  const patched = await ctx.client.api("PATCH", `/v1/orgs/${org.id}/domains/${domain.id}`, {
    body: { sso_enforcement: "saml", saml: { ...saml, x509_cert: TEST_CERT } },
  });
  expect(patched.status).toBe(200);
  const enforced = await ctx.client.api("PATCH", `/v1/orgs/${org.id}`, { body: { settings: { enforce_sso: true } } });
  expect(enforced.status).toBe(200);
  const ws = await ctx.fx.workspace(org.id, { slug: "home" });
  const member = await ctx.fx.member(org.id, "billing");
  const added = await ctx.client.api("POST", `/v1/workspaces/${ws.id}/members`, {
    body: { user_id: member.userId, role: "member" },
  });
  expect(added.status).toBe(201);

  const tf = workdir();
  tf.write(
    resources({
      org: {
        type: "scrums_organization",
        args: {
          name: org.name,
          slug: org.slug,
          enforce_sso: true,
          planned_sso_domains: [domain.domain],
        },
      },
      sso: {
        type: "scrums_domain",
        args: {
          organization_id: expr("scrums_organization.org.id"),
          domain: domain.domain,
          sso_enforcement: "saml",
          saml: { ...saml, certificate: expr('file("${path.module}/idp.pem")') },
        },
      },
      home: {
        type: "scrums_workspace",
        args: { organization_id: expr("scrums_organization.org.id"), name: ws.name, slug: "home" },
      },
      person: {
        type: "scrums_organization_member",
        args: { organization_id: expr("scrums_organization.org.id"), email: member.email, role: "billing" },
      },
      access: {
        type: "scrums_workspace_member",
        args: {
          workspace_id: expr("scrums_workspace.home.id"),
          user_id: expr("scrums_organization_member.person.user_id"),
          role: "member",
          organization_role: expr("scrums_organization_member.person.role"),
        },
      },
    }),
    { "idp.pem": TEST_CERT },
  );
  const imports: Record<string, string> = {
    "scrums_organization.org": org.id,
    "scrums_domain.sso": `${org.id}/${domain.id}`,
    "scrums_workspace.home": ws.id,
    "scrums_organization_member.person": `${org.id}/${member.email}`,
    "scrums_workspace_member.access": `${ws.id}/${member.userId}`,
  };
  for (const [address, id] of Object.entries(imports))
    expect((await tf.terraform(["import", "-input=false", address, id])).stdout).toMatch(/Import successful!/);

  const plan = await tf.plan();
  expect({ code: plan.code, plan: plan.stdout }).toEqual({ code: 0, plan: expect.stringMatching(/No changes/) });
  const state = await tf.resources();
  expect(state["scrums_organization.org"]!.values.planned_sso_domains).toEqual([domain.domain]);
  expect(state["scrums_workspace_member.access"]!.values.organization_role).toBe("billing");
});
