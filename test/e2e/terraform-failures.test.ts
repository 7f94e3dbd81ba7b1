/**
 * The real `terraform` and `tofu` binaries (each the setup provisioned) when things go wrong: the platform fails creates after
 * committing them and rate-limits (no object may be created twice); a create fails halfway (the
 * object is kept in state, and a re-run finishes it); and configurations the model rejects fail at
 * `validate` or `plan` with a diagnostic on the offending attribute, before any write.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unique } from "../support/emulator-client";
import { expectExactlyDeclared, injectFaults, requestCounts, underCreateFaults } from "../support/create-faults";
import { useEmulator } from "../support/emulator-fixtures";
import { expr, resources } from "../support/hcl";
import { firstLine } from "../support/emulator-process";
import { run } from "../support/run";
import { repoRoot, terraformClients } from "../support/tools";
import { useTerraformWorkdirs } from "../support/terraform-workdir";

const ctx = useEmulator();
const workdir = useTerraformWorkdirs(ctx);

/** go-plugin's magic cookie for Terraform providers, without which the provider refuses to start. */
const MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

const writesSent = async () => Object.keys(await requestCounts(ctx)).filter((route) => !route.startsWith("GET "));

const org = expr("scrums_organization.org.id");

describe.each(terraformClients())("with %s", (client) => {
  describe("terraform apply while the platform fails after committing creates and rate-limits", () => {
    it("creates exactly one object per declared resource", async () => {
      const tf = workdir(client);
      const slug = unique("faults");
      const emails = ["ana", "ben", "cy"].map((name) => `${name}-${unique("m")}@example.com`);
      tf.write(
        resources({
          org: { type: "scrums_organization", args: { name: "Faults", slug } },
          ...Object.fromEntries(
            ["alpha", "beta", "gamma"].map((ws) => [
              ws,
              { type: "scrums_workspace", args: { organization_id: org, name: ws, slug: ws } },
            ]),
          ),
          ...Object.fromEntries(
            emails.map((email, i) => [
              `member_${i}`,
              { type: "scrums_organization_member", args: { organization_id: org, email, role: "admin" } },
            ]),
          ),
          alpha_0: {
            type: "scrums_workspace_member",
            args: {
              workspace_id: expr("scrums_workspace.alpha.id"),
              user_id: expr("scrums_organization_member.member_0.user_id"),
              role: "member",
            },
          },
          alpha_1: {
            type: "scrums_workspace_member",
            args: {
              workspace_id: expr("scrums_workspace.alpha.id"),
              user_id: expr("scrums_organization_member.member_1.user_id"),
              role: "viewer",
            },
          },
          domain: { type: "scrums_domain", args: { organization_id: org, domain: `${unique("faults")}.example.com` } },
          github: {
            type: "scrums_integration",
            args: { workspace_id: expr("scrums_workspace.alpha.id"), type: "github", config: { org: "faults" } },
          },
          marketplace: {
            type: "scrums_integration",
            args: {
              organization_id: org,
              type: "aws_marketplace",
              config: { customer_identifier: "c-1", product_code: "p-1" },
            },
          },
        }),
      );
      await tf.terraform(["init", "-input=false"]);
      await underCreateFaults(ctx, () => tf.apply());
      await expectExactlyDeclared(ctx, slug, emails);
      expect((await tf.plan()).code).toBe(0);
    });
  });

  describe("terraform apply when a create fails halfway", () => {
    it("keeps the half-made object in state, and a re-run after untaint finishes it", async () => {
      const tf = workdir(client);
      const slug = unique("halfway");
      const address = { line1: "1 Main St", city: "Springfield", postal_code: "12345", country: "US" };
      tf.write(resources({ org: { type: "scrums_organization", args: { name: "Halfway", slug, address } } }));
      await tf.terraform(["init", "-input=false"]);
      await injectFaults(ctx, [{ status: 422, route: "PUT /v1/orgs/:org_id/address", count: 1 }]);

      const failed = await tf.apply().catch((error: Error) => error.message);
      expect(failed).toMatch(/Could not create scrums_organization/);
      expect(failed).toMatch(/ORG-\S+ was created but not finished, and is kept in state/);
      expect(failed).toMatch(/run `terraform\s+untaint`/);
      const [created] = (await ctx.fx.all("/v1/orgs")).filter((o) => o.slug === slug);
      expect((await tf.resources())["scrums_organization.org"]?.values.id).toBe(created.id);

      await tf.terraform(["untaint", "scrums_organization.org"]);
      const plan = await tf.plan();
      expect(plan.stdout).toMatch(/scrums_organization.org will be updated in-place/);
      await tf.apply();
      expect((await ctx.fx.all("/v1/orgs")).filter((o) => o.slug === slug)).toHaveLength(1);
      expect((await ctx.client.api("GET", `/v1/orgs/${created.id}`)).body.data.address).toMatchObject({
        line1: "1 Main St",
        country: "US",
      });
      expect((await tf.plan()).code).toBe(0);
    });
  });

  describe("terraform validate and plan of a configuration the model rejects", () => {
    const valid = {
      org: { type: "scrums_organization", args: { name: "Valid", slug: unique("valid") } },
      ws: { type: "scrums_workspace", args: { organization_id: org, name: "Valid", slug: "valid" } },
    };
    const domain = `${unique("bad")}.example.com`;
    const bad = {
      bad_org: { type: "scrums_organization", args: { name: "Bad", slug: "Not A Slug", default_currency: "XYZ" } },
      bad_member: {
        type: "scrums_organization_member",
        args: { organization_id: org, email: "not-an-email", role: "superuser" },
      },
      bad_role: {
        type: "scrums_workspace_member",
        args: {
          workspace_id: expr("scrums_workspace.ws.id"),
          user_id: "USR-26-000001",
          role: "admin",
          organization_role: "viewer",
        },
      },
      bad_saml: { type: "scrums_domain", args: { organization_id: org, domain, sso_enforcement: "saml" } },
      bad_type: {
        type: "scrums_integration",
        args: { workspace_id: expr("scrums_workspace.ws.id"), type: "bitbucket", config: {} },
      },
      bad_config: {
        type: "scrums_integration",
        args: {
          workspace_id: expr("scrums_workspace.ws.id"),
          type: "slack",
          config: { team_id: "T0123ABCD" },
          secrets: { bot_token: "xoxb-e2e-token" },
        },
      },
    };
    /** Each rejection: the resource, the line Terraform quotes from the configuration, and the reason. */
    const expected: Array<[string, string, RegExp]> = [
      [
        "scrums_organization.bad_org",
        'slug = "Not A Slug"',
        /slug must be lowercase letters, digits and single hyphens/,
      ],
      ["scrums_organization.bad_org", 'default_currency = "XYZ"', /default_currency .*ISO 4217/],
      ["scrums_organization_member.bad_member", 'email = "not-an-email"', /email must be an email address/],
      [
        "scrums_organization_member.bad_member",
        'role = "superuser"',
        /role must be one of owner, admin, billing, viewer/,
      ],
      [
        "scrums_workspace_member.bad_role",
        'role = "admin"',
        /role exceeds the user's organization role viewer: allowed are viewer/,
      ],
      [
        "scrums_domain.bad_saml",
        'resource "scrums_domain" "bad_saml"',
        /saml is required when sso_enforcement is saml: give entity_id, acs_url and certificate/,
      ],
      [
        "scrums_integration.bad_type",
        'type = "bitbucket"',
        /type must be one of github, gitlab, jira, slack, vercel, aws_marketplace/,
      ],
      ["scrums_integration.bad_config", "config = {", /config\.channel is required for slack/],
    ];

    it("fails validate with a diagnostic on each offending attribute, before any API call", async () => {
      const tf = workdir(client);
      tf.write(resources({ ...valid, ...bad }));
      await tf.terraform(["init", "-input=false"]);
      await ctx.client.control("DELETE", "/requests");
      const validate = await tf.terraform(["validate"], { allowFailure: true });
      expect(validate.code).not.toBe(0);
      const diagnostics = validate.stderr.split(/\n(?=Error: )/);
      for (const [address, line, reason] of expected) {
        const found = diagnostics.find((d) => d.includes(`with ${address},`) && reason.test(d.replace(/\n\s*/g, " ")));
        expect({ address, reason: reason.source, found: found ?? validate.stderr }).toEqual({
          address,
          reason: reason.source,
          found: expect.stringMatching(/on main\.tf line \d+/),
        });
        expect(found).toContain(line);
      }
      expect(validate.stderr + validate.stdout).not.toContain("xoxb-e2e-token");
      expect(await writesSent()).toEqual([]);
    });

    it("fails plan on SSO enforced by a new organization without a domain with SSO, before any API call", async () => {
      const tf = workdir(client);
      tf.write(
        resources({
          strict: { type: "scrums_organization", args: { name: "Strict", slug: unique("strict"), enforce_sso: true } },
        }),
      );
      await ctx.client.control("DELETE", "/requests");
      const plan = await tf.terraform(["plan", "-input=false"], { allowFailure: true });
      expect(plan.code).not.toBe(0);
      const text = plan.stderr.replace(/\n\s*/g, " ");
      expect(text).toMatch(/with scrums_organization\.strict, .*on main\.tf line \d+.*enforce_sso = true/);
      expect(text).toMatch(
        /enforce_sso a new organization can enforce SSO only through a verified domain with SSO configured/,
      );
      expect(await writesSent()).toEqual([]);
    });
  });
});

describe("the provider", () => {
  it("explains how it is meant to be run when started by hand", async () => {
    const byHand = await run("node", ["dist/provider/terraform/plugin/main.js"], {
      cwd: repoRoot,
      allowFailure: true,
      env: { TF_PLUGIN_MAGIC_COOKIE: "" },
    });
    expect(byHand.code).toBe(1);
    expect(byHand.stderr).toMatch(/Terraform and OpenTofu start it themselves/);
    expect(byHand.stderr).toMatch(/scrums-iac terraform install/);
  });

  it("prints its handshake before it loads the model, zod or a protobuf library", async () => {
    // Terraform waits for the handshake at every launch: what the first call needs is loaded by that call.
    const dir = mkdtempSync(path.join(os.tmpdir(), "scrums-e2e-handshake-"));
    const listing = path.join(dir, "loaded.json");
    const preload = path.join(dir, "record-loaded.js");
    writeFileSync(
      preload,
      `const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (String(chunk).startsWith("1|6|")) require("node:fs").writeFileSync(${JSON.stringify(listing)}, JSON.stringify(Object.keys(require.cache)));
  return write(chunk, ...rest);
};`,
    );
    const provider = spawn(process.execPath, ["--require", preload, "dist/provider/terraform/plugin/main.js"], {
      cwd: repoRoot,
      env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let loaded: string[];
    try {
      expect(await firstLine(provider)).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|$/);
      loaded = (JSON.parse(readFileSync(listing, "utf8")) as string[]).map((file) => path.relative(repoRoot, file));
    } finally {
      provider.kill();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(loaded).toContainEqual(expect.stringMatching(/node_modules\/@grpc\/grpc-js\//));
    expect(
      loaded.filter((file) =>
        /dist\/provider\/(model|engine)\/|terraform\/provider\.js|zod|protobufjs|proto-loader/.test(file),
      ),
    ).toEqual([]);
  });
});
