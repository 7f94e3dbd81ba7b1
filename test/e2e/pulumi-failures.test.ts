/**
 * The real `pulumi` CLI when things go wrong: the platform fails creates after committing them and
 * rate-limits (no object may be created twice), and declarations the model rejects (preview must
 * fail naming the resource, the field and what is allowed, before any write reaches the API).
 */
import type { KindName } from "../../provider/model/resources";
import type { Declaration, Value } from "./fixtures/pulumi-declare/declaration";
import { unique } from "../support/emulator-client";
import { expectExactlyDeclared, requestCounts, underCreateFaults } from "../support/create-faults";
import { TEST_CERT, useEmulator } from "../support/emulator-fixtures";
import { type PulumiStack, NATIVE_PLUGIN_ENV, PulumiWorkspace } from "../support/pulumi-stack";

const ctx = useEmulator();
const pulumi = new PulumiWorkspace();
afterAll(() => pulumi.remove());

const ref = (name: string, output = "id"): Value => ({ $ref: name, output });
const api = () => ({ url: ctx.env.emulator.url, token: ctx.env.emulator.token });

describe("pulumi up while the platform fails after committing creates and rate-limits", () => {
  it.each([
    ["the dynamic resources", false],
    ["the native provider", true],
  ])("creates exactly one object per declared resource, through %s", async (_, native) => {
    const stack = await pulumi.stack(native ? "faults-native" : "faults", api(), {
      env: native ? NATIVE_PLUGIN_ENV : {},
    });
    const slug = unique("faults");
    const emails = ["ana", "ben", "cy"].map((name) => `${name}-${unique("m")}@example.com`);
    const org = ref("org");
    const declaration: Declaration = {
      native,
      resources: {
        org: { type: "Organization", args: { name: "Faults", slug } },
        ...Object.fromEntries(
          ["alpha", "beta", "gamma"].map((ws) => [
            ws,
            { type: "Workspace", args: { organizationId: org, name: ws, slug: ws } },
          ]),
        ),
        ...Object.fromEntries(
          emails.map((email, i) => [
            `member-${i}`,
            { type: "OrganizationMember", args: { organizationId: org, email, role: "admin" } },
          ]),
        ),
        "alpha-0": {
          type: "WorkspaceMember",
          args: { workspaceId: ref("alpha"), userId: ref("member-0", "userId"), role: "member" },
        },
        "alpha-1": {
          type: "WorkspaceMember",
          args: { workspaceId: ref("alpha"), userId: ref("member-1", "userId"), role: "viewer" },
        },
        domain: { type: "Domain", args: { organizationId: org, domain: `${unique("faults")}.example.com` } },
        github: { type: "Integration", args: { workspaceId: ref("alpha"), type: "github", config: { org: "faults" } } },
        marketplace: {
          type: "Integration",
          args: {
            organizationId: org,
            type: "aws_marketplace",
            config: { customer_identifier: "c-1", product_code: "p-1" },
          },
        },
      },
    };
    stack.declare(declaration);

    await underCreateFaults(ctx, () => stack.up());
    const { workspaces } = await expectExactlyDeclared(ctx, slug, emails);
    const alpha = workspaces.find((ws) => ws.slug === "alpha");
    const alphaMembers = await ctx.fx.all(`/v1/workspaces/${alpha.id}/members`);
    // The workspace's creator, the emulator's admin, is a member too.
    expect(alphaMembers.map((m) => m.email).sort()).toEqual(["admin@emulator.scrums.dev", emails[0], emails[1]].sort());
    await stack.preview("--expect-no-changes");
  });
});

describe("pulumi preview of a declaration the model rejects", () => {
  const org = ref("org");
  /** Valid neighbours the bad resources refer to; none of them exists yet, so their ids are unknown at preview. */
  const neighbours: Declaration["resources"] = {
    org: { type: "Organization", args: { name: "Valid", slug: unique("valid") } },
    ws: { type: "Workspace", args: { organizationId: org, name: "Valid", slug: "valid" } },
    viewer: {
      type: "OrganizationMember",
      args: { organizationId: org, email: `${unique("viewer")}@example.com`, role: "viewer" },
    },
  };
  const domain = `${unique("bad")}.example.com`;
  const saml = { entityId: `https://idp.${domain}/metadata`, acsUrl: `https://idp.${domain}/acs` };

  // Pulumi stops a preview at the first resource whose check fails, so each case is one resource, with
  // every failure it can show at once (two fields of one resource are reported together).
  const cases: Array<{
    what: string;
    type: KindName;
    args: Record<string, Value>;
    expected: RegExp[];
    unprinted?: string[];
  }> = [
    {
      what: "a bad slug and a bad currency",
      type: "Organization",
      args: { name: "Bad", slug: "Not A Slug", defaultCurrency: "XYZ" },
      expected: [
        /property slug value \{Not A Slug\} has a problem: must be lowercase letters, digits and single hyphens/,
        /property defaultCurrency value \{XYZ\} has a problem: .*ISO 4217/,
      ],
    },
    {
      what: "a bad email and an unknown organization role",
      type: "OrganizationMember",
      args: { organizationId: org, email: "not-an-email", role: "superuser" },
      expected: [
        /property email value \{not-an-email\} has a problem: must be an email address/,
        /property role value \{superuser\} has a problem: must be one of owner, admin, billing, viewer/,
      ],
    },
    {
      what: "a workspace role above the member's organization role",
      type: "WorkspaceMember",
      args: { workspaceId: ref("ws"), userId: ref("viewer", "userId"), role: "admin" },
      expected: [
        /property role value \{admin\} has a problem: exceeds the user's organization role viewer: allowed are viewer/,
      ],
    },
    {
      what: "SSO enforced on a new organization without a Domain with SSO in the program",
      type: "Organization",
      args: { name: "Strict", slug: unique("strict"), enforceSso: true },
      expected: [
        /property enforceSso value \{true\} has a problem: a new organization can enforce SSO only through a verified domain with SSO configured: declare a Domain/,
      ],
    },
    {
      what: "a SAML block without its certificate",
      type: "Domain",
      args: { organizationId: org, domain, ssoEnforcement: "saml", saml },
      expected: [/has a problem: saml\.certificate is required/],
    },
    {
      what: "a SAML block given as the bare certificate, which is not printed",
      type: "Domain",
      args: { organizationId: org, domain, ssoEnforcement: "saml", saml: TEST_CERT },
      expected: [/has a problem: saml Invalid input: expected object, received string/],
      unprinted: TEST_CERT.split("\n").filter((line) => line && !line.startsWith("-----")),
    },
    {
      what: "an unknown integration type",
      type: "Integration",
      args: { workspaceId: ref("ws"), type: "bitbucket", config: {} },
      expected: [
        /property type value \{bitbucket\} has a problem: must be one of github, gitlab, jira, slack, vercel, aws_marketplace/,
      ],
    },
    {
      what: "an integration without a required config key",
      type: "Integration",
      args: {
        workspaceId: ref("ws"),
        type: "slack",
        config: { team_id: "T0123ABCD" },
        secrets: { bot_token: { $secret: "xoxb-e2e-token" } },
      },
      expected: [/property config\.channel value \{<nil>\} has a problem: is required for slack/],
    },
  ];

  let stack: PulumiStack;
  beforeAll(async () => {
    stack = await pulumi.stack("rejected", api());
  });

  it.each(cases)(
    "fails on $what, naming the resource and field, with no write sent",
    async ({ type, args, expected, unprinted = [] }) => {
      stack.declare({ resources: { ...neighbours, bad: { type, args } } });
      await ctx.client.control("DELETE", "/requests");

      const preview = await stack.pulumi(["preview"], { allowFailure: true });
      expect(preview.code).not.toBe(0);
      const errors = preview.stdout.split("\n").filter((line) => line.includes("error: "));
      for (const pattern of expected) {
        expect(errors).toContainEqual(
          expect.stringMatching(new RegExp(`pulumi-nodejs:dynamic/scrums:${type} resource 'bad'.*${pattern.source}`)),
        );
      }
      for (const secret of unprinted) expect(preview.stdout + preview.stderr).not.toContain(secret);
      const writes = Object.keys(await requestCounts(ctx)).filter((route) => !route.startsWith("GET "));
      expect(writes).toEqual([]);
    },
  );
});
